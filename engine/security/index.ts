import { join } from 'node:path';
import type { Engine } from '../container.js';
import { AuditLog } from './audit.js';
import { KeyStore } from './keys.js';
import { SessionStore } from './sessions.js';

export type { AuditEntry, AuditEvent, AuditOutcome, AuditVerification } from './audit.js';
export { cliActor } from './actor.js';
export { DenialLog, deniedAccessOf } from './denials.js';
export { AuditLog } from './audit.js';
export type { ApiKey, Role } from './keys.js';
export { KeyStore, normaliseEnterpriseId, principalOf, ROLES, RoleSchema } from './keys.js';
export { SessionStore } from './sessions.js';

/** The engine's key, session and audit stores, made once on its SQLite file. */
export function keysOf(engine: Engine): KeyStore {
  return engine.service('security.keys', () => KeyStore.open(engine.db));
}

export function sessionsOf(engine: Engine): SessionStore {
  return engine.service('security.sessions', () => SessionStore.open(engine.db));
}

/** The data directory's audit checkpoint file. */
export function checkpointFileOf(engine: Engine): string {
  return join(engine.dataDir, 'audit-checkpoints.jsonl');
}

/**
 * The engine's audit log: keyed by IBRAIN_AUDIT_KEY when set, checkpointed to the data directory
 * and to `audit.checkpointPath`; the last checkpoint is written when the engine closes.
 */
export function auditOf(engine: Engine): AuditLog {
  return engine.service('security.audit', () => {
    const { audit } = engine.config;
    const warn = (message: string) => process.stderr.write(`ibrain: warning: ${message}\n`);
    const log = AuditLog.open(engine.db, {
      ...(audit.key ? { key: audit.key } : {}),
      checkpointFile: checkpointFileOf(engine),
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
