import type { VisibilityChange } from '../knowledge-graph/store/port.js';
import { type AuditLog, cliActor } from './security/index.js';

/** Visibility changes listed per audit entry; a large import writes several entries, never drops one. */
const CHANGES_PER_ENTRY = 200;

export interface WriteRecord {
  /** e.g. `import.chainkg`, `ingest`, `init.demo`. */
  action: string;
  target?: string;
  detail?: Record<string, unknown>;
  /** Defaults to the operating-system user running the CLI. */
  actor?: string;
}

/**
 * Runs a write to the engine's data and records it in the audit log, whether it succeeded (with
 * what `describe` says about the result) or failed (with the error's first line).
 */
export async function auditedWrite<T>(
  audit: AuditLog,
  record: WriteRecord,
  work: () => Promise<T>,
  describe: (result: T) => Record<string, unknown> = () => ({}),
): Promise<T> {
  const actor = record.actor ?? cliActor();
  try {
    const result = await work();
    await audit.append({
      actor,
      action: record.action,
      target: record.target ?? null,
      outcome: 'ok',
      detail: { ...record.detail, ...describe(result) },
    });
    return result;
  } catch (error) {
    await audit.append({
      actor,
      action: record.action,
      target: record.target ?? null,
      outcome: 'failed',
      detail: { ...record.detail, error: (error as Error).message.split('\n')[0] },
    });
    throw error;
  }
}

/** Records every visibility change a write made, in entries of up to 200 changes each. */
export async function auditVisibilityChanges(
  audit: AuditLog,
  changes: readonly VisibilityChange[],
  context: { cause: string; target?: string; actor?: string },
): Promise<void> {
  for (let i = 0; i < changes.length; i += CHANGES_PER_ENTRY) {
    await audit.append({
      actor: context.actor ?? cliActor(),
      action: 'visibility.change',
      target: context.target ?? null,
      outcome: 'ok',
      detail: {
        cause: context.cause,
        total: changes.length,
        changes: changes.slice(i, i + CHANGES_PER_ENTRY),
      },
    });
  }
}
