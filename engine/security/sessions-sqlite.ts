import type { SqliteDatabase } from '../../knowledge-graph/store/sqlite-db.js';
import { hashSessionId, mintSession, type SessionStore } from './sessions.js';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS api_sessions (
  id_hash TEXT PRIMARY KEY,
  key_id TEXT NOT NULL,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL
);
`;

/** Portal sessions in the engine's SQLite file. */
export class SqliteSessionStore implements SessionStore {
  private constructor(private readonly db: SqliteDatabase) {}

  static open(db: SqliteDatabase): SqliteSessionStore {
    db.exec(SCHEMA);
    return new SqliteSessionStore(db);
  }

  async create(keyId: string, ttlMs: number, now = new Date()): Promise<string> {
    const { id, row } = mintSession(keyId, ttlMs, now);
    this.db
      .prepare(
        'INSERT INTO api_sessions(id_hash, key_id, created_at, expires_at) VALUES (@id_hash, @key_id, @created_at, @expires_at)',
      )
      .run(row);
    return id;
  }

  async resolve(id: string, now = new Date()): Promise<string | null> {
    const row = this.db
      .prepare('SELECT key_id, expires_at FROM api_sessions WHERE id_hash = ?')
      .get(hashSessionId(id)) as { key_id: string; expires_at: string } | undefined;
    if (!row) return null;
    if (row.expires_at <= now.toISOString()) {
      await this.destroy(id);
      return null;
    }
    return row.key_id;
  }

  async destroy(id: string): Promise<void> {
    this.db.prepare('DELETE FROM api_sessions WHERE id_hash = ?').run(hashSessionId(id));
  }

  async purgeExpired(now = new Date()): Promise<number> {
    return this.db.prepare('DELETE FROM api_sessions WHERE expires_at <= ?').run(now.toISOString()).changes;
  }
}
