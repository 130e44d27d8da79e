import type { PgPool } from '../../knowledge-graph/store/postgres-db.js';
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
import { securitySchema } from './postgres-schema.js';

/** API keys in the shared PostgreSQL: every replica reads the same rows, uncached. */
export class PostgresKeyStore implements KeyStore {
  private constructor(private readonly pool: PgPool) {}

  /** Brings the security tables up to date, then hands out the store. */
  static async open(pool: PgPool): Promise<PostgresKeyStore> {
    await securitySchema(pool);
    return new PostgresKeyStore(pool);
  }

  async create(input: NewKey): Promise<{ key: string; record: ApiKey }> {
    const { key, row } = mintKey(input);
    await this.pool.query(
      `INSERT INTO api_keys (id, secret_hash, role, enterprise_id, label, created_at, revoked_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [row.id, row.secret_hash, row.role, row.enterprise_id, row.label, row.created_at, row.revoked_at],
    );
    return { key, record: toKey(row) };
  }

  async verify(presented: string): Promise<ApiKey | null> {
    const id = keyIdOf(presented);
    return id ? matchPresented(presented, await this.row(id)) : null;
  }

  async get(id: string): Promise<ApiKey | null> {
    const row = await this.row(id);
    return row && !row.revoked_at ? toKey(row) : null;
  }

  async list(): Promise<ApiKey[]> {
    const { rows } = await this.pool.query<KeyRow>('SELECT * FROM api_keys ORDER BY created_at, id');
    return rows.map(toKey);
  }

  async count(): Promise<number> {
    const { rows } = await this.pool.query<{ n: string }>('SELECT COUNT(*) AS n FROM api_keys');
    return Number(rows[0]!.n);
  }

  async revoke(id: string): Promise<boolean> {
    const result = await this.pool.query(
      'UPDATE api_keys SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL',
      [new Date().toISOString(), id],
    );
    return (result.rowCount ?? 0) > 0;
  }

  private async row(id: string): Promise<KeyRow | undefined> {
    const { rows } = await this.pool.query<KeyRow>('SELECT * FROM api_keys WHERE id = $1', [id]);
    return rows[0];
  }
}
