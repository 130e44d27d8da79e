import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openPostgres, type PgPool } from './postgres-db.js';

/** The server the PostgreSQL contract runs use: IBRAIN_TEST_DATABASE_URL, else the local one. */
export const TEST_SERVER_URL =
  process.env.IBRAIN_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface ScratchDatabase {
  url: string;
  pool: PgPool;
  drop(): Promise<void>;
}

let reachable: Promise<string | undefined> | undefined;

/** Why PostgreSQL runs are skipped here (undefined when a server answers). Asked once per test file. */
export function postgresSkipReason(): Promise<string | undefined> {
  reachable ??= (async () => {
    const client = new pg.Client({ connectionString: TEST_SERVER_URL, connectionTimeoutMillis: 2_000 });
    try {
      await client.connect();
      await client.query('SELECT 1');
      return undefined;
    } catch (error) {
      return `PostgreSQL not reachable at ${TEST_SERVER_URL} (${(error as Error).message}); set IBRAIN_TEST_DATABASE_URL to run these`;
    } finally {
      await client.end().catch(() => undefined);
    }
  })();
  return reachable;
}

/** A fresh database for one test file, dropped (with its connections) afterwards. */
export async function scratchDatabase(): Promise<ScratchDatabase> {
  const name = `ibrain_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: TEST_SERVER_URL });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(TEST_SERVER_URL);
  url.pathname = `/${name}`;
  const pool = await openPostgres(url.toString());
  return {
    url: url.toString(),
    pool,
    async drop() {
      await pool.end().catch(() => undefined);
      const c = new pg.Client({ connectionString: TEST_SERVER_URL });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}
