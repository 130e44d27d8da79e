import { hostname } from 'node:os';
import { join } from 'node:path';
import type { ImportCatalog } from '../knowledge-graph/import/catalog.js';
import { PostgresCatalog } from '../knowledge-graph/import/catalog-postgres.js';
import { SqliteCatalog } from '../knowledge-graph/import/catalog-sqlite.js';
import type { SeriesStore } from '../knowledge-graph/series/port.js';
import { PostgresSeriesStore } from '../knowledge-graph/series/postgres.js';
import { SqliteSeriesStore } from '../knowledge-graph/series/sqlite.js';
import type { PgPool } from '../knowledge-graph/store/postgres-db.js';
import type { SqliteDatabase } from '../knowledge-graph/store/sqlite-db.js';
import type { DocumentStore } from '../retrieval/store/port.js';
import { PostgresDocumentStore } from '../retrieval/store/postgres.js';
import { SqliteDocumentStore } from '../retrieval/store/sqlite.js';
import { DiskBlobStore } from './blobs/disk.js';
import type { BlobStore } from './blobs/port.js';
import { PostgresBlobStore } from './blobs/postgres.js';
import type { BriefingHistory } from './briefing/history.js';
import { PostgresBriefingHistory } from './briefing/history-postgres.js';
import { SqliteBriefingHistory } from './briefing/history-sqlite.js';
import type { Config } from './config/schema.js';
import { AuditLog } from './security/audit.js';
import { PostgresAuditStore } from './security/audit-postgres.js';
import type { AuditStore } from './security/audit-store.js';
import { SqliteAuditStore } from './security/audit-sqlite.js';
import type { KeyStore } from './security/keys.js';
import { PostgresKeyStore } from './security/keys-postgres.js';
import { SqliteKeyStore } from './security/keys-sqlite.js';
import type { SessionStore } from './security/sessions.js';
import { PostgresSessionStore } from './security/sessions-postgres.js';
import { SqliteSessionStore } from './security/sessions-sqlite.js';

/**
 * Every piece of state a replica keeps, each behind its port: in the engine's SQLite file and data
 * directory (the embedded default), or all in one PostgreSQL that every replica shares.
 */
export interface State {
  readonly kind: 'embedded' | 'postgres';
  readonly keys: KeyStore;
  readonly sessions: SessionStore;
  readonly audit: AuditLog;
  readonly catalog: ImportCatalog;
  readonly series: SeriesStore;
  readonly documents: DocumentStore;
  readonly blobs: BlobStore;
  readonly briefingHistory: BriefingHistory;
}

/** The stores one backend opens; the audit log is built over its row store. */
type Stores = Omit<State, 'kind' | 'audit'> & { auditStore: AuditStore };

/** Opens every store on one backend; PostgreSQL brings its schema up to date first. */
export async function openState(
  config: Config,
  dataDir: string,
  db: SqliteDatabase,
  postgres: PgPool | undefined,
): Promise<State> {
  const { auditStore, ...stores } = postgres ? await postgresStores(postgres) : embeddedStores(db, dataDir);
  const { audit } = config;
  const log = new AuditLog(auditStore, {
    ...(audit.key ? { key: audit.key } : {}),
    // A replica's data directory holds only caches and sees a part of the shared chain, so shared
    // state is checkpointed only to the configured file (a volume all replicas share).
    ...(postgres ? {} : { checkpointFile: checkpointFileIn(dataDir) }),
    ...(audit.checkpointPath ? { externalCheckpointFile: audit.checkpointPath } : {}),
    checkpointEvery: audit.checkpointEvery,
    checkpointSeconds: audit.checkpointSeconds,
    onWarning: (message) => process.stderr.write(`ibrain: warning: ${message}\n`),
  });
  return { kind: postgres ? 'postgres' : 'embedded', ...stores, audit: log };
}

/** The data directory's audit checkpoint file (embedded state). */
export function checkpointFileIn(dataDir: string): string {
  return join(dataDir, 'audit-checkpoints.jsonl');
}

function embeddedStores(db: SqliteDatabase, dataDir: string): Stores {
  return {
    keys: SqliteKeyStore.open(db),
    sessions: SqliteSessionStore.open(db),
    auditStore: SqliteAuditStore.open(db),
    catalog: new SqliteCatalog(db),
    series: SqliteSeriesStore.open(db),
    documents: new SqliteDocumentStore(db),
    blobs: new DiskBlobStore(join(dataDir, 'blobs')),
    briefingHistory: new SqliteBriefingHistory(db),
  };
}

async function postgresStores(pool: PgPool): Promise<Stores> {
  // One after another: each takes the migration lock in turn, and a failure names its component.
  return {
    keys: await PostgresKeyStore.open(pool),
    sessions: await PostgresSessionStore.open(pool),
    auditStore: await PostgresAuditStore.open(pool),
    catalog: await PostgresCatalog.open(pool, `${hostname()}:${process.pid}`),
    series: await PostgresSeriesStore.open(pool),
    documents: await PostgresDocumentStore.open(pool),
    blobs: await PostgresBlobStore.open(pool),
    briefingHistory: await PostgresBriefingHistory.open(pool),
  };
}
