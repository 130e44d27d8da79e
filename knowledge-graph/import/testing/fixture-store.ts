import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteGraphStore } from '../../store/sqlite.js';
import { openDatabase } from '../../store/sqlite-db.js';

/** An empty in-memory embedded store for importer tests. */
export function memoryStore(): SqliteGraphStore {
  return SqliteGraphStore.open(openDatabase(':memory:'));
}

/** Writes `files` (name → lines) into a fresh temp directory and returns its path. */
export function fixtureDir(files: Record<string, string[]>): string {
  const dir = mkdtempSync(join(tmpdir(), 'ibrain-import-'));
  mkdirSync(dir, { recursive: true });
  for (const [name, lines] of Object.entries(files))
    writeFileSync(join(dir, name), lines.length ? `${lines.join('\n')}\n` : '');
  return dir;
}
