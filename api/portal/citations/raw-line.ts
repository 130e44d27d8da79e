import { createReadStream, existsSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Engine } from '../../../engine/container.js';
import { recordPlace } from '../explore/words.js';

/** Longest line shown; a longer one is cut with an ellipsis rather than sent whole. */
const MAX_CHARS = 4_000;

/** The file a record was read from, when the import that read it is in the catalog and the file is still there. */
export async function recordFile(engine: Engine, dataset: string, file: string): Promise<string | undefined> {
  const imports = (await engine.state.catalog.list())
    .filter((e) => e.dataset === dataset && e.status === 'completed')
    .reverse();
  for (const entry of imports) {
    if (!existsSync(entry.source)) continue;
    const path = statSync(entry.source).isDirectory() ? join(entry.source, file) : entry.source;
    if (basename(path) === file && existsSync(path) && statSync(path).isFile()) return path;
  }
  return undefined;
}

/**
 * The raw line a record names (`edges.jsonl:1338`), read from the imported file; undefined when
 * the record is not a file line or the file is gone. Only the caller's own visible record's line
 * is ever asked for: one line of a JSON-lines file is one record.
 */
export async function rawLine(engine: Engine, dataset: string, record: string): Promise<string | undefined> {
  const { file, line } = recordPlace(record);
  if (!file || !line) return undefined;
  const path = await recordFile(engine, dataset, file);
  if (!path) return undefined;
  const lines = createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Infinity });
  let n = 0;
  try {
    for await (const text of lines) {
      if (++n === line) return text.length > MAX_CHARS ? `${text.slice(0, MAX_CHARS)}…` : text;
    }
  } finally {
    lines.close();
  }
  return undefined;
}
