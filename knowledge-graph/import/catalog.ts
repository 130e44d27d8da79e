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
  heartbeat_at: string | null;
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

const KEPT_CHANGES = 200;

/** An import silent for this long is taken for dead even if a process with its pid exists (pid reuse). */
const STALE_MS = 10 * 60 * 1000;

/**
 * The data catalog (数据编目): one entry per import with its source, content hash, counts and
 * rejects. A running import reports a heartbeat as it commits batches; on start, entries still
 * `running` whose process is gone, or that stopped beating, are recorded as `interrupted`.
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
    const columns = db.prepare('PRAGMA table_info(catalog)').all() as Array<{ name: string }>;
    if (!columns.some((c) => c.name === 'heartbeat_at'))
      db.exec('ALTER TABLE catalog ADD COLUMN heartbeat_at TEXT');
  }

  start(entry: { dataset: string; kind: string; source: string; contentHash: string }): number {
    const now = new Date().toISOString();
    const info = this.db
      .prepare(
        `INSERT INTO catalog (dataset, kind, source, content_hash, status, pid, started_at, heartbeat_at)
         VALUES (?, ?, ?, ?, 'running', ?, ?, ?)`,
      )
      .run(entry.dataset, entry.kind, entry.source, entry.contentHash, process.pid, now, now);
    return Number(info.lastInsertRowid);
  }

  /** The import is alive and progressing. */
  beat(id: number): void {
    this.db.prepare('UPDATE catalog SET heartbeat_at = ? WHERE id = ?').run(new Date().toISOString(), id);
  }

  /**
   * Records as `interrupted` every `running` entry whose process has ended (killed, crashed) or
   * has not reported progress for ten minutes; returns how many were resolved.
   */
  resolveStale(now = new Date()): number {
    const rows = this.db
      .prepare("SELECT id, pid, started_at, heartbeat_at FROM catalog WHERE status = 'running'")
      .all() as Array<Pick<Row, 'id' | 'pid' | 'started_at' | 'heartbeat_at'>>;
    const mark = this.db.prepare(
      `UPDATE catalog SET status = 'interrupted', finished_at = ?, error = ? WHERE id = ? AND status = 'running'`,
    );
    let resolved = 0;
    for (const row of rows) {
      const last = Date.parse(row.heartbeat_at ?? row.started_at);
      const dead = row.pid !== process.pid && !processAlive(row.pid);
      const silent = now.getTime() - last > STALE_MS;
      if (!dead && !silent) continue;
      const why = dead
        ? `the importing process (pid ${row.pid}) ended without finishing (killed or crashed); run the import again`
        : `the import stopped reporting progress at ${row.heartbeat_at ?? row.started_at}; run it again`;
      resolved += mark.run(now.toISOString(), why, row.id).changes;
    }
    return resolved;
  }

  finish(id: number, summary: ImportSummary): void {
    // The audit log holds every visibility change; the catalog keeps the first ones and the count.
    const changes = summary.written.visibilityChanges;
    const kept = {
      ...summary,
      written: { ...summary.written, visibilityChanges: changes.slice(0, KEPT_CHANGES) },
    };
    if (changes.length > KEPT_CHANGES)
      kept.notes = [...kept.notes, `${changes.length} visibility changes (all in the audit log)`];
    this.db
      .prepare(`UPDATE catalog SET status = 'completed', finished_at = ?, summary = ? WHERE id = ?`)
      .run(new Date().toISOString(), JSON.stringify(kept), id);
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
