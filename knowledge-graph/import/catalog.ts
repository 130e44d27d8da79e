import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { SqliteDatabase } from '../store/sqlite-db.js';
import type { ImportSummary } from './report.js';

export interface CatalogEntry {
  id: number;
  dataset: string;
  kind: string;
  source: string;
  contentHash: string;
  status: 'running' | 'completed' | 'failed' | 'interrupted';
  startedAt: string;
  finishedAt: string | null;
  summary: ImportSummary | null;
  error: string | null;
}

interface Row {
  id: number;
  dataset: string;
  kind: string;
  source: string;
  content_hash: string;
  status: CatalogEntry['status'];
  pid: number;
  started_at: string;
  finished_at: string | null;
  summary: string | null;
  error: string | null;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * The data catalog (数据编目): one entry per import with its source, content hash, counts and
 * rejects. An entry still `running` whose process is gone reads as `interrupted`.
 */
export class Catalog {
  constructor(private readonly db: SqliteDatabase) {
    db.exec(`CREATE TABLE IF NOT EXISTS catalog (
      id INTEGER PRIMARY KEY,
      dataset TEXT NOT NULL,
      kind TEXT NOT NULL,
      source TEXT NOT NULL,
      content_hash TEXT NOT NULL,
      status TEXT NOT NULL,
      pid INTEGER NOT NULL,
      started_at TEXT NOT NULL,
      finished_at TEXT,
      summary TEXT,
      error TEXT
    )`);
  }

  start(entry: { dataset: string; kind: string; source: string; contentHash: string }): number {
    const info = this.db
      .prepare(
        `INSERT INTO catalog (dataset, kind, source, content_hash, status, pid, started_at)
         VALUES (?, ?, ?, ?, 'running', ?, ?)`,
      )
      .run(entry.dataset, entry.kind, entry.source, entry.contentHash, process.pid, new Date().toISOString());
    return Number(info.lastInsertRowid);
  }

  finish(id: number, summary: ImportSummary): void {
    this.db
      .prepare(`UPDATE catalog SET status = 'completed', finished_at = ?, summary = ? WHERE id = ?`)
      .run(new Date().toISOString(), JSON.stringify(summary), id);
  }

  fail(id: number, error: string): void {
    this.db
      .prepare(`UPDATE catalog SET status = 'failed', finished_at = ?, error = ? WHERE id = ?`)
      .run(new Date().toISOString(), error, id);
  }

  list(): CatalogEntry[] {
    const rows = this.db.prepare('SELECT * FROM catalog ORDER BY id').all() as Row[];
    return rows.map((row) => ({
      id: row.id,
      dataset: row.dataset,
      kind: row.kind,
      source: row.source,
      contentHash: row.content_hash,
      status:
        row.status === 'running' && row.pid !== process.pid && !processAlive(row.pid)
          ? 'interrupted'
          : row.status,
      startedAt: row.started_at,
      finishedAt: row.finished_at,
      summary: row.summary ? (JSON.parse(row.summary) as ImportSummary) : null,
      error: row.error,
    }));
  }
}

/** SHA-256 over a file, or over a directory's files in name order (names included). */
export async function contentHash(path: string): Promise<string> {
  const hash = createHash('sha256');
  const info = await stat(path);
  const files = info.isDirectory() ? (await readdir(path)).sort().map((name) => join(path, name)) : [path];
  for (const file of files) {
    if (!(await stat(file)).isFile()) continue;
    if (info.isDirectory()) hash.update(`${file.slice(path.length + 1)}\u0000`);
    for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  }
  return `sha256:${hash.digest('hex')}`;
}
