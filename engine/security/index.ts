import { join } from 'node:path';
import type { Engine } from '../container.js';
import { AuditLog } from './audit.js';
import { PostgresAuditStore } from './audit-postgres.js';
import { SqliteAuditStore } from './audit-sqlite.js';
import type { KeyStore } from './keys.js';
import { PostgresKeyStore } from './keys-postgres.js';
import { SqliteKeyStore } from './keys-sqlite.js';
import type { SessionStore } from './sessions.js';
import { PostgresSessionStore } from './sessions-postgres.js';
import { SqliteSessionStore } from './sessions-sqlite.js';

export type { AuditEntry, AuditEvent, AuditOutcome, AuditVerification } from './audit.js';
export { cliActor } from './actor.js';
export { DenialLog, deniedAccessOf } from './denials.js';
export { AuditLog } from './audit.js';
export type { ApiKey, KeyStore, Role } from './keys.js';
export { normaliseEnterpriseId, principalOf, ROLES, RoleSchema } from './keys.js';
export type { SessionStore } from './sessions.js';

/**
 * The engine's key, session and audit stores, made once per engine: in the shared PostgreSQL when
 * state is postgres (every replica sees the same keys, sessions and one audit chain), else in the
 * engine's SQLite file.
 */
export function keysOf(engine: Engine): KeyStore {
  return engine.service('security.keys', () =>
    engine.postgres ? new PostgresKeyStore(engine.postgres) : SqliteKeyStore.open(engine.db),
  );
}

export function sessionsOf(engine: Engine): SessionStore {
  return engine.service('security.sessions', () =>
    engine.postgres ? new PostgresSessionStore(engine.postgres) : SqliteSessionStore.open(engine.db),
  );
}

/** The data directory's audit checkpoint file. */
export function checkpointFileOf(engine: Engine): string {
  return join(engine.dataDir, 'audit-checkpoints.jsonl');
}

/**
 * The engine's audit log: keyed by IBRAIN_AUDIT_KEY when set, checkpointed to `audit.checkpointPath`
 * and, for the embedded store, to the data directory; the last checkpoint is written when the
 * engine closes. With shared state a replica's data directory holds only caches and sees a part
 * of the chain, so only the configured checkpoint file (a volume all replicas share) is kept.
 */
export function auditOf(engine: Engine): AuditLog {
  return engine.service('security.audit', () => {
    const { audit } = engine.config;
    const warn = (message: string) => process.stderr.write(`ibrain: warning: ${message}\n`);
    const store = engine.postgres
      ? new PostgresAuditStore(engine.postgres)
      : SqliteAuditStore.open(engine.db);
    const log = new AuditLog(store, {
      ...(audit.key ? { key: audit.key } : {}),
      ...(engine.postgres ? {} : { checkpointFile: checkpointFileOf(engine) }),
      ...(audit.checkpointPath ? { externalCheckpointFile: audit.checkpointPath } : {}),
      checkpointEvery: audit.checkpointEvery,
      checkpointSeconds: audit.checkpointSeconds,
      onWarning: warn,
    });
    engine.onClose(() => log.flushCheckpoint());
    return log;
  });
}

/** Said when a server starts, and by `ibrain audit verify`, while the audit log is not keyed. */
export const UNKEYED_AUDIT_WARNING =
  'IBRAIN_AUDIT_KEY is not set: the audit log is hash-chained and checkpointed but not keyed; set a key of at least 32 bytes';
