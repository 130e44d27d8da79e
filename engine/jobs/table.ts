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
  updated_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS jobs_state ON jobs(state);
`;

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
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Job state in the engine's SQLite file, so it outlives the process that ran the job. */
export class JobTable {
  constructor(private readonly db: SqliteDatabase) {
    db.exec(SCHEMA);
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

  start(id: string): void {
    this.db
      .prepare("UPDATE jobs SET state = 'running', attempts = attempts + 1, updated_at = ? WHERE id = ?")
      .run(new Date().toISOString(), id);
  }

  progress(id: string, progress: JobProgress): void {
    this.db
      .prepare('UPDATE jobs SET progress = ?, updated_at = ? WHERE id = ?')
      .run(JSON.stringify(progress), new Date().toISOString(), id);
  }

  requeue(id: string): void {
    this.db
      .prepare("UPDATE jobs SET state = 'queued', updated_at = ? WHERE id = ?")
      .run(new Date().toISOString(), id);
  }

  complete(id: string, result: unknown): void {
    this.db
      .prepare(
        "UPDATE jobs SET state = 'completed', result = ?, progress = ?, error = NULL, updated_at = ? WHERE id = ?",
      )
      .run(
        JSON.stringify(result ?? null),
        JSON.stringify({ percent: 100, stage: 'done' }),
        new Date().toISOString(),
        id,
      );
  }

  fail(id: string, error: string): void {
    this.db
      .prepare("UPDATE jobs SET state = 'failed', error = ?, updated_at = ? WHERE id = ?")
      .run(error, new Date().toISOString(), id);
  }
}
