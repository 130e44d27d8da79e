import type { SqliteDatabase } from '../../knowledge-graph/store/sqlite-db.js';
import {
  type ApiKey,
  type KeyRow,
  type KeyStore,
  keyIdOf,
  matchPresented,
  mintKey,
  type NewKey,
  toKey,
} from './keys.js';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS api_keys (
  id TEXT PRIMARY KEY,
  secret_hash TEXT NOT NULL,
  role TEXT NOT NULL,
  enterprise_id TEXT,
  label TEXT,
  created_at TEXT NOT NULL,
  revoked_at TEXT
);
`;

/** API keys in the engine's SQLite file. */
export class SqliteKeyStore implements KeyStore {
  private constructor(private readonly db: SqliteDatabase) {}

  static open(db: SqliteDatabase): SqliteKeyStore {
    db.exec(SCHEMA);
    return new SqliteKeyStore(db);
  }

  async create(input: NewKey): Promise<{ key: string; record: ApiKey }> {
    const { key, row } = mintKey(input);
    this.db
      .prepare(
        `INSERT INTO api_keys(id, secret_hash, role, enterprise_id, label, created_at, revoked_at)
         VALUES (@id, @secret_hash, @role, @enterprise_id, @label, @created_at, @revoked_at)`,
      )
      .run(row);
    return { key, record: toKey(row) };
  }

  async verify(presented: string): Promise<ApiKey | null> {
    const id = keyIdOf(presented);
    return id ? matchPresented(presented, this.row(id)) : null;
  }

  async get(id: string): Promise<ApiKey | null> {
    const row = this.row(id);
    return row && !row.revoked_at ? toKey(row) : null;
  }

  async list(): Promise<ApiKey[]> {
    return (this.db.prepare('SELECT * FROM api_keys ORDER BY created_at').all() as KeyRow[]).map(toKey);
  }

  async count(): Promise<number> {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM api_keys').get() as { n: number }).n;
  }

  async revoke(id: string): Promise<boolean> {
    const result = this.db
      .prepare('UPDATE api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL')
      .run(new Date().toISOString(), id);
    return result.changes > 0;
  }

  private row(id: string): KeyRow | undefined {
    return this.db.prepare('SELECT * FROM api_keys WHERE id = ?').get(id) as KeyRow | undefined;
  }
}
