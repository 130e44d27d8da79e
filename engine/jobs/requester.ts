import { z } from 'zod';
import { type Principal, SYSTEM_PRINCIPAL } from '../../knowledge-graph/schema/index.js';
import { type KeyStore, principalOf } from '../security/index.js';
import type { JobContext, JobHandler } from './port.js';

/** Finds a live key by id: the engine's KeyStore, or a stand-in. */
export type KeyLookup = Pick<KeyStore, 'get'>;

/**
 * Who asked for a job, as its payload records it: the principal's id only. Grants are never
 * stored, so a payload edited in Redis or the jobs table cannot widen what the job may read.
 */
export const RequesterSchema = z.object({ principal: z.object({ id: z.string().min(1) }) });
export type Requester = z.infer<typeof RequesterSchema>;

export function requesterOf(principal: Principal): Requester {
  return { principal: { id: principal.id } };
}

const KEY_PRINCIPAL = /^key:(.+)$/;

/**
 * The principal a job runs as, derived again when it runs: from the requesting key (see
 * principalOf: `key:<id>`), so a key revoked or demoted since the request takes effect; the
 * system principal is the only one without a key.
 */
export async function principalAtRun(keys: KeyLookup, principalId: string): Promise<Principal> {
  if (principalId === SYSTEM_PRINCIPAL.id) return SYSTEM_PRINCIPAL;
  const keyId = KEY_PRINCIPAL.exec(principalId)?.[1];
  if (!keyId) {
    throw new Error(
      `the job was requested as ${principalId}, which is neither an API key nor the system; request it again with an API key`,
    );
  }
  const key = await keys.get(keyId);
  if (!key) {
    throw new Error(
      `the API key ${keyId} that requested this job is revoked or unknown; request it again with a live key`,
    );
  }
  return principalOf(key);
}

/** A handler that runs as the requester's current principal, whatever the payload claims. */
export function runAsRequester(
  keys: KeyLookup,
  handler: (payload: unknown, principal: Principal, context: JobContext) => Promise<unknown>,
): JobHandler {
  return async (payload, context) => {
    const { principal } = RequesterSchema.parse(payload);
    return handler(payload, await principalAtRun(keys, principal.id), context);
  };
}
