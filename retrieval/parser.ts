import { Worker } from 'node:worker_threads';
import type { ChunkOptions } from './chunk.js';
import { IngestError } from './errors.js';
import type { TextEncodingName } from './load/encoding.js';
import { DEFAULT_LIMITS, type ParseLimits } from './load/limits.js';
import type { ExtractedDocument } from './prepare.js';

export type ParseJob =
  | { kind: 'file'; path: string; label: string }
  | { kind: 'bytes'; bytes: ArrayBuffer; name: string; source: string; label: string };

export interface ParseRequest {
  id: number;
  job: ParseJob;
  limits: ParseLimits;
  encoding?: TextEncodingName;
  visibility?: string;
  chunking?: ChunkOptions;
}

export type ParseReply =
  | { id: number; ok: true; documents: ExtractedDocument[] }
  | { id: number; ok: false; message: string; tooLarge: boolean };

export interface ParserOptions {
  limits?: Partial<ParseLimits>;
  /** Wall-clock time one file may take to read; the worker is stopped past it. */
  timeoutMs?: number;
  /** Heap the worker may use (V8 old generation); past it the worker dies and the file is refused. */
  memoryMb?: number;
  chunking?: ChunkOptions;
}

export const DEFAULT_PARSE_TIMEOUT_MS = 60_000;
export const DEFAULT_PARSER_MEMORY_MB = 512;

/**
 * Reads documents in a worker thread with its own heap limit and a time limit per file, one file
 * at a time. A file that breaks a limit, exhausts the worker's memory or overruns its time gets an
 * IngestError saying which; a dead or stopped worker is replaced for the next file. The server's
 * event loop only waits on a message.
 */
export class DocumentParser {
  private worker: Worker | undefined;
  private nextId = 0;
  private queue: Promise<unknown> = Promise.resolve();
  readonly limits: ParseLimits;
  private readonly timeoutMs: number;
  private readonly memoryMb: number;

  constructor(private readonly options: ParserOptions = {}) {
    this.limits = { ...DEFAULT_LIMITS, ...options.limits };
    this.timeoutMs = options.timeoutMs ?? DEFAULT_PARSE_TIMEOUT_MS;
    this.memoryMb = options.memoryMb ?? DEFAULT_PARSER_MEMORY_MB;
  }

  /** Reads one file or upload into extracted documents; jobs run one after another. */
  parse(
    job: ParseJob,
    extra: { encoding?: TextEncodingName; visibility?: string; limits?: Partial<ParseLimits> } = {},
  ): Promise<ExtractedDocument[]> {
    const run = this.queue.then(() => this.run(job, extra));
    this.queue = run.catch(() => undefined);
    return run;
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    await worker?.terminate();
  }

  private spawn(): Worker {
    const here = import.meta.url;
    const entry = new URL(`./parse-worker${here.endsWith('.ts') ? '.ts' : '.js'}`, here);
    const resourceLimits = {
      maxOldGenerationSizeMb: this.memoryMb,
      maxYoungGenerationSizeMb: 64,
      stackSizeMb: 4,
    };
    // Run from TypeScript sources (tests, benchmarks), the worker registers the same loader first.
    const worker = entry.pathname.endsWith('.ts')
      ? new Worker(
          `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(entry.href)}); });`,
          { eval: true, resourceLimits },
        )
      : new Worker(entry, { resourceLimits });
    worker.unref();
    return worker;
  }

  private run(
    job: ParseJob,
    extra: { encoding?: TextEncodingName; visibility?: string; limits?: Partial<ParseLimits> },
  ): Promise<ExtractedDocument[]> {
    this.worker ??= this.spawn();
    const worker = this.worker;
    const id = ++this.nextId;
    const request: ParseRequest = {
      id,
      job,
      limits: { ...this.limits, ...extra.limits },
      ...(extra.encoding ? { encoding: extra.encoding } : {}),
      ...(extra.visibility ? { visibility: extra.visibility } : {}),
      ...(this.options.chunking ? { chunking: this.options.chunking } : {}),
    };
    return new Promise<ExtractedDocument[]>((resolve, reject) => {
      const finish = () => {
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
        worker.unref();
      };
      const replace = () => {
        if (this.worker === worker) this.worker = undefined;
        void worker.terminate();
      };
      const onMessage = (reply: ParseReply) => {
        if (reply.id !== id) return;
        finish();
        if (reply.ok) resolve(reply.documents);
        else reject(new IngestError(job.label, reply.message.replace(`${job.label}: `, ''), reply.tooLarge));
      };
      const onError = (error: Error & { code?: string }) => {
        finish();
        replace();
        reject(
          error.code === 'ERR_WORKER_OUT_OF_MEMORY'
            ? new IngestError(
                job.label,
                `needs more than the ${this.memoryMb} MB the document reader may use; split it or simplify it`,
                true,
              )
            : new IngestError(job.label, `could not be read: ${error.message}`),
        );
      };
      const onExit = (code: number) => {
        finish();
        replace();
        reject(new IngestError(job.label, `could not be read: the document reader stopped (exit ${code})`));
      };
      const timer = setTimeout(() => {
        finish();
        replace();
        reject(
          new IngestError(
            job.label,
            `took longer than ${Math.round(this.timeoutMs / 1000)} s to read and was stopped; split it or simplify it`,
          ),
        );
      }, this.timeoutMs);
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
      worker.ref();
      worker.postMessage(request, job.kind === 'bytes' ? [job.bytes] : []);
    });
  }
}
