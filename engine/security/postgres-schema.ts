import { type Migration, migrate, type PgPool } from '../../knowledge-graph/store/postgres-db.js';

const GENESIS = '0'.repeat(64);

/**
 * The security tables in the shared PostgreSQL. Times, hashed fields and the detail JSON are kept
 * as text so an entry reads back byte for byte as it was hashed.
 */
const MIGRATIONS: readonly Migration[] = [
  {
    id: '001-keys-sessions-audit',
    sql: `
CREATE TABLE api_keys (
  id text PRIMARY KEY,
  secret_hash text NOT NULL,
  role text NOT NULL,
  enterprise_id text,
  label text,
  created_at text NOT NULL,
  revoked_at text
);
CREATE TABLE api_sessions (
  id_hash text PRIMARY KEY,
  key_id text NOT NULL,
  created_at text NOT NULL,
  expires_at text NOT NULL
);
CREATE INDEX api_sessions_expires_at ON api_sessions (expires_at);
CREATE TABLE audit_log (
  seq bigint PRIMARY KEY,
  at text NOT NULL,
  actor text NOT NULL,
  role text,
  action text NOT NULL,
  target text,
  outcome text NOT NULL,
  status integer,
  detail text,
  prev_hash text NOT NULL,
  hash text NOT NULL,
  keyed boolean NOT NULL DEFAULT false
);
-- The row every appender locks: it exists from the start, so the first append has one to lock.
CREATE TABLE audit_head (
  id integer PRIMARY KEY CHECK (id = 1),
  seq bigint NOT NULL,
  hash text NOT NULL,
  mac text
);
INSERT INTO audit_head (id, seq, hash, mac) VALUES (1, 0, '${GENESIS}', NULL);
`,
  },
];

const ready = new WeakMap<PgPool, Promise<void>>();

/** The security tables on this pool, migrated once per process however many stores ask. */
export function securitySchema(pool: PgPool): Promise<void> {
  let done = ready.get(pool);
  if (!done) {
    done = migrate(pool, 'security', MIGRATIONS);
    // Each store awaits this promise before its first query and gets the failure there; this
    // handler only keeps an unawaited failure from crashing the process in the meantime.
    done.catch(() => undefined);
    ready.set(pool, done);
  }
  return done;
}
