import type { SqliteDatabase } from '../store/sqlite-db.js';
import { type CatalogEntry, type ImportCatalog, type NewImport, storedSummary } from './catalog.js';
import type { ImportSummary } from './report.js';

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

/** An import silent for this long is taken for dead even if a process with its pid exists (pid reuse). */
const STALE_MS = 10 * 60 * 1000;

/**
 * The catalog in the engine's SQLite file. Only processes on this machine write it, so an
 * importer's pid tells at once whether it still runs; the heartbeat covers a reused pid.
 */
export class SqliteCatalog implements ImportCatalog {
  readonly kind = 'sqlite';

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

  async start(entry: NewImport): Promise<number> {
    const now = new Date().toISOString();
    const info = this.db
      .prepare(
        `INSERT INTO catalog (dataset, kind, source, content_hash, status, pid, started_at, heartbeat_at)
         VALUES (?, ?, ?, ?, 'running', ?, ?, ?)`,
      )
      .run(entry.dataset, entry.kind, entry.source, entry.contentHash, process.pid, now, now);
    return Number(info.lastInsertRowid);
  }

  async beat(id: number): Promise<void> {
    this.db.prepare('UPDATE catalog SET heartbeat_at = ? WHERE id = ?').run(new Date().toISOString(), id);
  }

  /**
   * Records as `interrupted` every `running` entry whose process has ended (killed, crashed) or
   * has not reported progress for ten minutes.
   */
  async resolveStale(now = new Date()): Promise<number> {
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

  async finish(id: number, summary: ImportSummary): Promise<void> {
    this.db
      .prepare(`UPDATE catalog SET status = 'completed', finished_at = ?, summary = ? WHERE id = ?`)
      .run(new Date().toISOString(), JSON.stringify(storedSummary(summary)), id);
  }

  async fail(id: number, error: string): Promise<void> {
    this.db
      .prepare(`UPDATE catalog SET status = 'failed', finished_at = ?, error = ? WHERE id = ?`)
      .run(new Date().toISOString(), error, id);
  }

  async list(): Promise<CatalogEntry[]> {
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
