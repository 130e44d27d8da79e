import { migrate, type Migration, type PgPool } from '../../knowledge-graph/store/postgres-db.js';
import { type BlobStore, checkBlobKey, checkBlobPrefix, type StoredBlob } from './port.js';

const MIGRATIONS: readonly Migration[] = [
  {
    id: '001-blobs',
    sql: `CREATE TABLE blobs (
            key text PRIMARY KEY,
            content_type text NOT NULL,
            bytes bytea NOT NULL,
            updated_at timestamptz NOT NULL DEFAULT now())`,
  },
];

/** Blobs in the shared PostgreSQL, so a file one replica wrote can be served by any other. */
export class PostgresBlobStore implements BlobStore {
  readonly kind = 'postgres';

  private constructor(private readonly pool: PgPool) {}

  static async open(pool: PgPool): Promise<PostgresBlobStore> {
    await migrate(pool, 'blobs', MIGRATIONS);
    return new PostgresBlobStore(pool);
  }

  async put(key: string, bytes: Uint8Array, contentType: string): Promise<void> {
    await this.pool.query(
      `INSERT INTO blobs (key, content_type, bytes) VALUES ($1, $2, $3)
       ON CONFLICT (key) DO UPDATE SET content_type = EXCLUDED.content_type, bytes = EXCLUDED.bytes, updated_at = now()`,
      [checkBlobKey(key), contentType, Buffer.from(bytes)],
    );
  }

  async get(key: string): Promise<StoredBlob | null> {
    const { rows } = await this.pool.query<{ bytes: Buffer; content_type: string }>(
      'SELECT bytes, content_type FROM blobs WHERE key = $1',
      [checkBlobKey(key)],
    );
    const row = rows[0];
    return row ? { bytes: row.bytes, contentType: row.content_type } : null;
  }

  async purge(prefix: string, before: Date): Promise<number> {
    // starts_with, not LIKE: `_` is a wildcard there and is common in keys.
    const { rowCount } = await this.pool.query(
      'DELETE FROM blobs WHERE starts_with(key, $1) AND updated_at < $2',
      [checkBlobPrefix(prefix), before],
    );
    return rowCount ?? 0;
  }

  async delete(key: string): Promise<boolean> {
    const { rowCount } = await this.pool.query('DELETE FROM blobs WHERE key = $1', [checkBlobKey(key)]);
    return (rowCount ?? 0) > 0;
  }
}
