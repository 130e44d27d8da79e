import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createInterface } from 'node:readline';

export class ImportInputError extends Error {
  readonly userFacing = true;
  override readonly name = 'ImportInputError';
}

/** Checks that `path` is a readable regular file, with an error that says what to do. */
export async function requireFile(path: string): Promise<number> {
  const info = await stat(path).catch(() => undefined);
  if (!info) throw new ImportInputError(`${path}: no such file; check the path`);
  if (!info.isFile()) throw new ImportInputError(`${path}: not a file`);
  return info.size;
}

/** The lines of a UTF-8 text file, numbered from 1, streamed; a BOM and CR line ends are dropped. */
export async function* readLines(path: string): AsyncGenerator<{ line: number; text: string }> {
  const input = createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 20 });
  const reader = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  let line = 0;
  for await (const raw of reader) {
    line++;
    yield { line, text: line === 1 ? raw.replace(/^\uFEFF/, '') : raw };
  }
}
