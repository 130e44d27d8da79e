export type { AuditEntry, AuditEvent, AuditOutcome, AuditVerification } from './audit.js';
export { cliActor } from './actor.js';
export { DenialLog, deniedAccessOf } from './denials.js';
export { AuditLog } from './audit.js';
export type { ApiKey, KeyStore, Role } from './keys.js';
export { normaliseEnterpriseId, principalOf, ROLES, RoleSchema } from './keys.js';
export type { SessionStore } from './sessions.js';

/** Said when a server starts, and by `ibrain audit verify`, while the audit log is not keyed. */
export const UNKEYED_AUDIT_WARNING =
  'IBRAIN_AUDIT_KEY is not set: the audit log is hash-chained and checkpointed but not keyed; set a key of at least 32 bytes';
