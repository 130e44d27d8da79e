import pg from 'pg';

export type PgPool = pg.Pool;
export type PgClient = pg.PoolClient;

/** A schema change, applied once per database, in order, inside the transaction that records it. */
export interface Migration {
  id: string;
  sql: string;
}

export class PostgresUnavailableError extends Error {
  readonly userFacing = true;
  readonly kind = 'unavailable';
  override readonly name = 'PostgresUnavailableError';
}

/**
 * Connects to the shared PostgreSQL (DATABASE_URL) and proves it answers, so a wrong URL fails at
 * start-up with what to fix rather than on the first request.
 */
export async function openPostgres(url: string, options: { max?: number } = {}): Promise<PgPool> {
  const pool = new pg.Pool({ connectionString: url, max: options.max ?? 10 });
  // An idle client losing its connection (a restarted server) must not crash the process.
  pool.on('error', () => undefined);
  try {
    await pool.query('SELECT 1');
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw new PostgresUnavailableError(
      `cannot reach PostgreSQL at ${redact(url)}: ${(error as Error).message}; check DATABASE_URL and that the server is running`,
    );
  }
  return pool;
}

/**
 * Applies a component's migrations that this database lacks. Replicas starting together take one
 * advisory lock, so each migration runs once and nobody reads a half-made schema.
 */
export async function migrate(
  pool: PgPool,
  component: string,
  migrations: readonly Migration[],
): Promise<void> {
  await inTransaction(pool, async (client) => {
    await client.query("SELECT pg_advisory_xact_lock(hashtext('ibrain.migrations'))");
    await client.query(
      `CREATE TABLE IF NOT EXISTS ibrain_migrations (
         component text NOT NULL, id text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now(),
         PRIMARY KEY (component, id))`,
    );
    const { rows } = await client.query<{ id: string }>(
      'SELECT id FROM ibrain_migrations WHERE component = $1',
      [component],
    );
    const applied = new Set(rows.map((r) => r.id));
    for (const m of migrations) {
      if (applied.has(m.id)) continue;
      await client.query(m.sql);
      await client.query('INSERT INTO ibrain_migrations (component, id) VALUES ($1, $2)', [component, m.id]);
    }
  });
}

/** Runs `work` in one transaction on one client: committed when it resolves, rolled back when it throws. */
export async function inTransaction<T>(pool: PgPool, work: (client: PgClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/** The URL without its password, for messages and logs. */
export function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'DATABASE_URL (not a valid URL)';
  }
}
