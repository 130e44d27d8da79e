import type { SqliteDatabase } from '../../knowledge-graph/store/sqlite-db.js';
import type { JobProgress, JobRecord, JobState } from './port.js';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS jobs (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL,
  state TEXT NOT NULL,
  payload TEXT NOT NULL,
  progress TEXT NOT NULL,
  result TEXT,
  error TEXT,
  attempts INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  owner TEXT,
  lease_until TEXT
);
CREATE INDEX IF NOT EXISTS jobs_state ON jobs(state);
`;

// Files made before leases lack the two columns; a running row without a lease counts as expired.
const LEASE_COLUMNS = ['owner', 'lease_until'] as const;

interface Row {
  id: string;
  kind: string;
  state: JobState;
  payload: string;
  progress: string;
  result: string | null;
  error: string | null;
  attempts: number;
  created_at: string;
  updated_at: string;
  owner: string | null;
  lease_until: string | null;
}

function fromRow(row: Row): JobRecord {
  return {
    id: row.id,
    kind: row.kind,
    state: row.state,
    payload: JSON.parse(row.payload),
    progress: JSON.parse(row.progress) as JobProgress,
    ...(row.result !== null ? { result: JSON.parse(row.result) } : {}),
    ...(row.error !== null ? { error: row.error } : {}),
    attempts: row.attempts,
    ...(row.owner !== null ? { runBy: row.owner } : {}),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/**
 * Job state in the engine's SQLite file, so it outlives the process that ran the job. A running
 * job is leased: its owner renews `lease_until` while it works, and any process may take the job
 * back once the lease has run out (its owner died), never while it is live.
 */
export class JobTable {
  constructor(private readonly db: SqliteDatabase) {
    db.exec(SCHEMA);
    const columns = new Set(
      (db.prepare('PRAGMA table_info(jobs)').all() as Array<{ name: string }>).map((c) => c.name),
    );
    for (const column of LEASE_COLUMNS)
      if (!columns.has(column)) db.exec(`ALTER TABLE jobs ADD COLUMN ${column} TEXT`);
  }

  insert(id: string, kind: string, payload: unknown): JobRecord {
    const now = new Date().toISOString();
    this.db
      .prepare(
        `INSERT INTO jobs (id, kind, state, payload, progress, attempts, created_at, updated_at)
         VALUES (?, ?, 'queued', ?, ?, 0, ?, ?)`,
      )
      .run(id, kind, JSON.stringify(payload ?? null), JSON.stringify({ percent: 0 }), now, now);
    return this.get(id)!;
  }

  get(id: string): JobRecord | null {
    const row = this.db.prepare('SELECT * FROM jobs WHERE id = ?').get(id) as Row | undefined;
    return row ? fromRow(row) : null;
  }

  /** Jobs left queued or running, oldest first. */
  pending(): JobRecord[] {
    return (
      this.db
        .prepare("SELECT * FROM jobs WHERE state IN ('queued', 'running') ORDER BY created_at, id")
        .all() as Row[]
    ).map(fromRow);
  }

  /** Running jobs whose owner stopped renewing the lease by `now`: their process is gone. */
  expired(now = new Date()): JobRecord[] {
    return (
      this.db
        .prepare(
          "SELECT * FROM jobs WHERE state = 'running' AND (lease_until IS NULL OR lease_until <= ?) ORDER BY created_at, id",
        )
        .all(now.toISOString()) as Row[]
    ).map(fromRow);
  }

  /** Takes a queued job for `owner` until `leaseUntil`; false when another process took it first. */
  claim(id: string, owner: string, leaseUntil: Date): boolean {
    return (
      this.db
        .prepare(
          `UPDATE jobs SET state = 'running', attempts = attempts + 1, owner = ?, lease_until = ?, updated_at = ?
           WHERE id = ? AND state = 'queued'`,
        )
        .run(owner, leaseUntil.toISOString(), new Date().toISOString(), id).changes > 0
    );
  }

  /** Extends `owner`'s lease; false when the job is no longer its own to run. */
  renew(id: string, owner: string, leaseUntil: Date): boolean {
    return (
      this.db
        .prepare("UPDATE jobs SET lease_until = ? WHERE id = ? AND owner = ? AND state = 'running'")
        .run(leaseUntil.toISOString(), id, owner).changes > 0
    );
  }

  progress(id: string, progress: JobProgress): void {
    this.db
      .prepare('UPDATE jobs SET progress = ?, updated_at = ? WHERE id = ?')
      .run(JSON.stringify(progress), new Date().toISOString(), id);
  }

  /** Puts a job whose lease expired back in the queue; a no-op if someone renewed it meanwhile. */
  requeue(id: string, now = new Date()): void {
    this.db
      .prepare(
        `UPDATE jobs SET state = 'queued', owner = NULL, lease_until = NULL, updated_at = ?
         WHERE id = ? AND state = 'running' AND (lease_until IS NULL OR lease_until <= ?)`,
      )
      .run(now.toISOString(), id, now.toISOString());
  }

  /** Fails a job whose lease expired, for good; a no-op if someone renewed or took it meanwhile. */
  abandon(id: string, error: string, now = new Date()): void {
    this.db
      .prepare(
        `UPDATE jobs SET state = 'failed', error = ?, owner = NULL, lease_until = NULL, updated_at = ?
         WHERE id = ? AND state = 'running' AND (lease_until IS NULL OR lease_until <= ?)`,
      )
      .run(error, now.toISOString(), id, now.toISOString());
  }

  /**
   * Records the result of a job `owner` ran; false when its lease was lost meanwhile (the process
   * stalled and another took the job over), so that run's result is not the one kept.
   */
  complete(id: string, owner: string, result: unknown): boolean {
    return (
      this.db
        .prepare(
          `UPDATE jobs SET state = 'completed', result = ?, progress = ?, error = NULL, lease_until = NULL, updated_at = ?
           WHERE id = ? AND owner = ? AND state = 'running'`,
        )
        .run(
          JSON.stringify(result ?? null),
          JSON.stringify({ percent: 100, stage: 'done' }),
          new Date().toISOString(),
          id,
          owner,
        ).changes > 0
    );
  }

  /** Records the failure of a job `owner` ran; false when its lease was lost meanwhile. */
  fail(id: string, owner: string, error: string): boolean {
    return (
      this.db
        .prepare(
          `UPDATE jobs SET state = 'failed', error = ?, lease_until = NULL, updated_at = ?
           WHERE id = ? AND owner = ? AND state = 'running'`,
        )
        .run(error, new Date().toISOString(), id, owner).changes > 0
    );
  }
}
