import { readdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { IngestError } from './errors.js';
import { formatOf } from './load/loaders.js';

/**
 * The files an ingest covers: named files as given (an unsupported one is reported, not skipped
 * silently), directories walked recursively for supported types, hidden entries left out.
 */
export async function expandPaths(
  paths: readonly string[],
): Promise<{ files: string[]; errors: IngestError[] }> {
  const files: string[] = [];
  const errors: IngestError[] = [];
  for (const path of paths) {
    const info = await stat(path).catch(() => undefined);
    if (!info) errors.push(new IngestError(path, 'does not exist'));
    else if (info.isDirectory()) files.push(...(await walk(resolve(path))));
    else files.push(resolve(path));
  }
  return { files: [...new Set(files)], errors };
}

async function walk(dir: string): Promise<string[]> {
  const out: string[] = [];
  const entries = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => a.name.localeCompare(b.name));
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await walk(path)));
    else if (entry.isFile() && formatOf(path)) out.push(path);
  }
  return out;
}
