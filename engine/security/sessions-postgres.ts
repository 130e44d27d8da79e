import type { PgPool } from '../../knowledge-graph/store/postgres-db.js';
import { securitySchema } from './postgres-schema.js';
import { hashSessionId, mintSession, type SessionStore } from './sessions.js';

/** Portal sessions in the shared PostgreSQL: a login on one replica is good on all of them. */
export class PostgresSessionStore implements SessionStore {
  private constructor(private readonly pool: PgPool) {}

  /** Brings the security tables up to date, then hands out the store. */
  static async open(pool: PgPool): Promise<PostgresSessionStore> {
    await securitySchema(pool);
    return new PostgresSessionStore(pool);
  }

  async create(keyId: string, ttlMs: number, now = new Date()): Promise<string> {
    const { id, row } = mintSession(keyId, ttlMs, now);
    await this.pool.query(
      'INSERT INTO api_sessions (id_hash, key_id, created_at, expires_at) VALUES ($1, $2, $3, $4)',
      [row.id_hash, row.key_id, row.created_at, row.expires_at],
    );
    return id;
  }

  async resolve(id: string, now = new Date()): Promise<string | null> {
    const { rows } = await this.pool.query<{ key_id: string; expires_at: string }>(
      'SELECT key_id, expires_at FROM api_sessions WHERE id_hash = $1',
      [hashSessionId(id)],
    );
    const row = rows[0];
    if (!row) return null;
    if (row.expires_at <= now.toISOString()) {
      await this.destroy(id);
      return null;
    }
    return row.key_id;
  }

  async destroy(id: string): Promise<void> {
    await this.pool.query('DELETE FROM api_sessions WHERE id_hash = $1', [hashSessionId(id)]);
  }

  async purgeExpired(now = new Date()): Promise<number> {
    const result = await this.pool.query('DELETE FROM api_sessions WHERE expires_at <= $1', [
      now.toISOString(),
    ]);
    return result.rowCount ?? 0;
  }
}
