import type { Engine } from '../container.js';
import { AuditLog } from './audit.js';
import { KeyStore } from './keys.js';
import { SessionStore } from './sessions.js';

export type { AuditEntry, AuditEvent, AuditOutcome, AuditVerification } from './audit.js';
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

export function auditOf(engine: Engine): AuditLog {
  return engine.service('security.audit', () => AuditLog.open(engine.db));
}
