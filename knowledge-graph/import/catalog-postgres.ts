import { type Migration, migrate, type PgPool } from '../store/postgres-db.js';
import {
  type CatalogEntry,
  HEARTBEAT_MS,
  type ImportCatalog,
  type NewImport,
  storedSummary,
} from './catalog.js';
import type { ImportSummary } from './report.js';

const MIGRATIONS: readonly Migration[] = [
  {
    id: '001-import-catalog',
    sql: `CREATE TABLE import_catalog (
            id bigserial PRIMARY KEY,
            dataset text NOT NULL,
            kind text NOT NULL,
            source text NOT NULL,
            content_hash text NOT NULL,
            status text NOT NULL,
            owner text NOT NULL,
            started_at timestamptz NOT NULL,
            heartbeat_at timestamptz NOT NULL,
            finished_at timestamptz,
            summary jsonb,
            error text);
          CREATE INDEX import_catalog_running ON import_catalog (heartbeat_at) WHERE status = 'running'`,
  },
];

/**
 * A running import owns a lease this long from its last heartbeat. Importers run on any replica,
 * so a pid says nothing; a lease several heartbeats long survives a slow beat but not a dead host.
 */
export const LEASE_MS = 6 * HEARTBEAT_MS;

interface Row {
  id: string;
  dataset: string;
  kind: string;
  source: string;
  content_hash: string;
  status: CatalogEntry['status'];
  owner: string;
  started_at: Date;
  heartbeat_at: Date;
  finished_at: Date | null;
  summary: ImportSummary | null;
  error: string | null;
}

/** The catalog in the shared PostgreSQL: every replica's imports, abandoned ones found by lease expiry. */
export class PostgresCatalog implements ImportCatalog {
  readonly kind = 'postgres';

  private constructor(
    private readonly pool: PgPool,
    private readonly owner: string,
  ) {}

  /** `owner` names this process in entries it starts (host and pid), for people reading the table. */
  static async open(pool: PgPool, owner: string): Promise<PostgresCatalog> {
    await migrate(pool, 'import-catalog', MIGRATIONS);
    return new PostgresCatalog(pool, owner);
  }

  async start(entry: NewImport): Promise<number> {
    const { rows } = await this.pool.query<{ id: string }>(
      `INSERT INTO import_catalog (dataset, kind, source, content_hash, status, owner, started_at, heartbeat_at)
       VALUES ($1, $2, $3, $4, 'running', $5, now(), now()) RETURNING id`,
      [entry.dataset, entry.kind, entry.source, entry.contentHash, this.owner],
    );
    return Number(rows[0]!.id);
  }

  async beat(id: number): Promise<void> {
    await this.pool.query(
      "UPDATE import_catalog SET heartbeat_at = now() WHERE id = $1 AND status = 'running'",
      [id],
    );
  }

  async resolveStale(now = new Date()): Promise<number> {
    const { rowCount } = await this.pool.query(
      `UPDATE import_catalog SET status = 'interrupted', finished_at = $1,
         error = 'the import (run by ' || owner || ') stopped renewing its lease at '
                 || to_char(heartbeat_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')
                 || ' (killed, crashed or cut off); run it again'
       WHERE status = 'running' AND heartbeat_at < $1::timestamptz - make_interval(secs => $2)`,
      [now, LEASE_MS / 1000],
    );
    return rowCount ?? 0;
  }

  async finish(id: number, summary: ImportSummary): Promise<void> {
    await this.pool.query(
      "UPDATE import_catalog SET status = 'completed', finished_at = now(), summary = $2 WHERE id = $1",
      [id, JSON.stringify(storedSummary(summary))],
    );
  }

  async fail(id: number, error: string): Promise<void> {
    await this.pool.query(
      "UPDATE import_catalog SET status = 'failed', finished_at = now(), error = $2 WHERE id = $1",
      [id, error],
    );
  }

  async list(): Promise<CatalogEntry[]> {
    const { rows } = await this.pool.query<Row & { expired: boolean }>(
      `SELECT *, status = 'running' AND heartbeat_at < now() - make_interval(secs => $1) AS expired
       FROM import_catalog ORDER BY id`,
      [LEASE_MS / 1000],
    );
    return rows.map((row) => ({
      id: Number(row.id),
      dataset: row.dataset,
      kind: row.kind,
      source: row.source,
      contentHash: row.content_hash,
      status: row.expired ? 'interrupted' : row.status,
      startedAt: row.started_at.toISOString(),
      finishedAt: row.finished_at ? row.finished_at.toISOString() : null,
      summary: row.summary,
      error: row.error,
    }));
  }
}
