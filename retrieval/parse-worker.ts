import { parentPort } from 'node:worker_threads';
import { IngestError } from './errors.js';
import { loadBytes, loadFile } from './load/loaders.js';
import type { ParseReply, ParseRequest } from './parser.js';
import { extractDocument } from './prepare.js';

/**
 * The document reader's worker: unpacks, parses and chunks one file per message inside its own
 * heap limit, so a hostile file can exhaust only this thread (which the parser then replaces),
 * never the server's event loop or memory.
 */
parentPort!.on('message', async (request: ParseRequest) => {
  const { job, limits } = request;
  let reply: ParseReply;
  try {
    const raws =
      job.kind === 'bytes'
        ? await loadBytes(Buffer.from(job.bytes), job, {
            limits,
            ...(request.encoding ? { encoding: request.encoding } : {}),
          })
        : await loadFile(job.path, { limits, ...(request.encoding ? { encoding: request.encoding } : {}) });
    const documents = raws.map((raw) =>
      extractDocument(
        raw,
        request.chunking,
        request.visibility,
        job.kind === 'bytes' ? job.label : raw.source,
      ),
    );
    reply = { id: request.id, ok: true, documents };
  } catch (error) {
    const known = error instanceof IngestError;
    reply = {
      id: request.id,
      ok: false,
      message: known ? error.message : `${job.label}: could not be read: ${(error as Error).message}`,
      tooLarge: known ? error.tooLarge : false,
    };
  }
  parentPort!.postMessage(reply);
});
