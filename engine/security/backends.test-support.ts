import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openPostgres, type PgPool } from '../../knowledge-graph/store/postgres-db.js';
import { type ScratchDatabase, scratchDatabase } from '../../knowledge-graph/store/postgres.test-support.js';
import { openDatabase, type SqliteDatabase } from '../../knowledge-graph/store/sqlite-db.js';
import { PostgresAuditStore } from './audit-postgres.js';
import { SqliteAuditStore } from './audit-sqlite.js';
import type { AuditStore } from './audit-store.js';
import type { KeyStore } from './keys.js';
import { PostgresKeyStore } from './keys-postgres.js';
import { SqliteKeyStore } from './keys-sqlite.js';
import { securitySchema } from './postgres-schema.js';
import type { SessionStore } from './sessions.js';
import { PostgresSessionStore } from './sessions-postgres.js';
import { SqliteSessionStore } from './sessions-sqlite.js';

/**
 * Empty security state for one test. Every `replica()` is a new connection (a new pool) to the
 * same state, as another process would hold; `sql` is what someone who can write the database
 * but runs none of this code can do.
 */
export interface SecurityState {
  replica(): Promise<Replica>;
  sql(statement: string): Promise<unknown[]>;
}

export interface Replica {
  keys: KeyStore;
  sessions: SessionStore;
  audit: AuditStore;
}

export interface SecurityBackend {
  name: string;
  /** Why this backend's run is skipped here, if it is. */
  skip?: string;
  fresh(): Promise<SecurityState>;
  close(): Promise<void>;
}

/** SQLite files in a temporary directory: replicas are connections to one file. */
export function sqliteBackend(): SecurityBackend {
  const dir = mkdtempSync(join(tmpdir(), 'ibrain-security-'));
  const open: SqliteDatabase[] = [];
  let n = 0;
  return {
    name: 'SQLite',
    async fresh() {
      const file = join(dir, `state-${n++}.sqlite`);
      const connect = () => {
        const db = openDatabase(file);
        open.push(db);
        return db;
      };
      const admin = connect();
      return {
        async replica() {
          const db = connect();
          return {
            keys: SqliteKeyStore.open(db),
            sessions: SqliteSessionStore.open(db),
            audit: SqliteAuditStore.open(db),
          };
        },
        async sql(statement) {
          const prepared = admin.prepare(statement);
          if (prepared.reader) return prepared.all();
          prepared.run();
          return [];
        },
      };
    },
    async close() {
      for (const db of open) db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const TABLES = 'api_keys, api_sessions, audit_log, audit_head';

/** One scratch database for the file, emptied for each test: replicas are separate pools on it. */
export function postgresBackend(skip: string | undefined): SecurityBackend {
  let scratch: ScratchDatabase | undefined;
  const pools: PgPool[] = [];
  return {
    name: 'PostgreSQL',
    ...(skip ? { skip } : {}),
    async fresh() {
      scratch ??= await scratchDatabase();
      const admin = scratch.pool;
      await securitySchema(admin);
      await admin.query(
        `TRUNCATE ${TABLES}; INSERT INTO audit_head (id, seq, hash, mac) VALUES (1, 0, '${'0'.repeat(64)}', NULL)`,
      );
      // The previous test's replicas are done: their connections go back before new ones open.
      await Promise.all(pools.splice(0).map((p) => p.end()));
      const url = scratch.url;
      return {
        async replica() {
          const pool = await openPostgres(url, { max: 4 });
          pools.push(pool);
          return {
            keys: await PostgresKeyStore.open(pool),
            sessions: await PostgresSessionStore.open(pool),
            audit: await PostgresAuditStore.open(pool),
          };
        },
        async sql(statement) {
          return (await admin.query(statement)).rows;
        },
      };
    },
    async close() {
      await Promise.all(pools.map((p) => p.end()));
      await scratch?.drop();
    },
  };
}
