import { createHash, randomBytes } from 'node:crypto';
import type { SqliteDatabase } from '../../knowledge-graph/store/sqlite-db.js';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS api_sessions (
  id_hash TEXT PRIMARY KEY,
  key_id TEXT NOT NULL,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL
);
`;

function hashId(id: string): string {
  return createHash('sha256').update(id).digest('hex');
}

/**
 * Portal sessions: the browser holds a random session id, never the API key; the table holds
 * only the id's hash, so a copy of the database cannot be replayed as cookies.
 */
export class SessionStore {
  private constructor(private readonly db: SqliteDatabase) {}

  static open(db: SqliteDatabase): SessionStore {
    db.exec(SCHEMA);
    return new SessionStore(db);
  }

  create(keyId: string, ttlMs: number, now = new Date()): string {
    const id = randomBytes(32).toString('base64url');
    this.db
      .prepare('INSERT INTO api_sessions(id_hash, key_id, created_at, expires_at) VALUES (?, ?, ?, ?)')
      .run(hashId(id), keyId, now.toISOString(), new Date(now.getTime() + ttlMs).toISOString());
    return id;
  }

  /** The key id behind a live session, or null when unknown or expired. */
  resolve(id: string, now = new Date()): string | null {
    const row = this.db
      .prepare('SELECT key_id, expires_at FROM api_sessions WHERE id_hash = ?')
      .get(hashId(id)) as { key_id: string; expires_at: string } | undefined;
    if (!row) return null;
    if (row.expires_at <= now.toISOString()) {
      this.destroy(id);
      return null;
    }
    return row.key_id;
  }

  destroy(id: string): void {
    this.db.prepare('DELETE FROM api_sessions WHERE id_hash = ?').run(hashId(id));
  }

  purgeExpired(now = new Date()): number {
    return this.db.prepare('DELETE FROM api_sessions WHERE expires_at <= ?').run(now.toISOString()).changes;
  }
}
