import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { principalOf, type Role } from '../../engine/security/index.js';
import type { ApiDeps, ApiEnv } from '../env.js';
import { problem } from '../problem.js';

export const SESSION_COOKIE = 'ib_session';

function presentedKey(c: Context<ApiEnv>): string | undefined {
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(c.req.header('authorization') ?? '');
  return bearer?.[1] ?? c.req.header('x-api-key') ?? undefined;
}

/** 429 for an address that failed authentication too often; the refusal is itself audited. */
export async function tooManyFailures(
  deps: Pick<ApiDeps, 'failures' | 'denials' | 'clientAddress'>,
  c: Context<ApiEnv>,
  action: string,
): Promise<Response | null> {
  const address = deps.clientAddress(c);
  const wait = await deps.failures.retryAfter(address);
  if (wait === 0) return null;
  await deps.denials.record({
    actor: `ip:${address}`,
    action,
    outcome: 'denied',
    status: 429,
    detail: { reason: 'too many failed authentications from this address' },
  });
  return problem(c, 429, `too many failed authentications from this address; retry in ${wait} s`, {
    headers: { 'Retry-After': String(wait), 'RateLimit-Remaining': '0' },
  });
}

/**
 * Maps the caller to a key and a principal: an API key in `Authorization: Bearer` or `X-API-Key`,
 * else the portal's session cookie. A presented key that is wrong is refused here, counted
 * against the client's address (too many and the address gets 429 before any key is checked)
 * and audited, repeats aggregated; no credentials at all leaves the request anonymous for
 * `requireRole` to judge.
 */
export function authenticate(
  deps: Pick<ApiDeps, 'keys' | 'sessions' | 'failures' | 'denials' | 'clientAddress'>,
): MiddlewareHandler<ApiEnv> {
  return async (c, next) => {
    const presented = presentedKey(c);
    if (presented !== undefined) {
      const limited = await tooManyFailures(deps, c, 'authenticate');
      if (limited) return limited;
      const key = await deps.keys.verify(presented);
      if (!key) {
        const address = deps.clientAddress(c);
        await deps.failures.fail(address);
        await deps.denials.record({
          actor: `ip:${address}`,
          action: 'authenticate',
          target: c.req.path,
          outcome: 'denied',
          status: 401,
          detail: { reason: 'unknown or revoked API key' },
        });
        return problem(c, 401, 'the API key is unknown or revoked', {
          headers: { 'WWW-Authenticate': 'Bearer realm="ibrain"' },
        });
      }
      c.set('apiKey', key);
      c.set('principal', principalOf(key));
      c.set('via', 'header');
      return next();
    }
    const session = getCookie(c, SESSION_COOKIE);
    const keyId = session ? await deps.sessions.resolve(session) : null;
    const key = keyId ? await deps.keys.get(keyId) : null;
    if (key) {
      c.set('apiKey', key);
      c.set('principal', principalOf(key));
      c.set('via', 'session');
    }
    return next();
  };
}

/** Lets the request through only for a key of one of the roles; audits every refusal. */
export function requireRole(
  deps: Pick<ApiDeps, 'denials' | 'clientAddress'>,
  ...roles: Role[]
): MiddlewareHandler<ApiEnv> {
  return async (c, next) => {
    const key = c.get('apiKey');
    const action = `${c.req.method} ${c.req.path}`;
    if (!key) {
      await deps.denials.record({
        actor: `ip:${deps.clientAddress(c)}`,
        action,
        outcome: 'denied',
        status: 401,
        detail: { reason: 'no credentials' },
      });
      return problem(
        c,
        401,
        'this route needs an API key (Authorization: Bearer <key>) or a portal session',
        {
          headers: { 'WWW-Authenticate': 'Bearer realm="ibrain"' },
        },
      );
    }
    if (!roles.includes(key.role)) {
      await deps.denials.record({
        actor: `key:${key.id}`,
        role: key.role,
        action,
        outcome: 'denied',
        status: 403,
        detail: { reason: `role ${key.role} not in ${roles.join(',')}` },
      });
      return problem(c, 403, `a ${key.role} key cannot use this route; it needs ${roles.join(' or ')}`);
    }
    return next();
  };
}

/** Records a write in the audit log once the handler has answered, with its outcome. */
export function audited(deps: Pick<ApiDeps, 'audit'>, action: string): MiddlewareHandler<ApiEnv> {
  return async (c, next) => {
    await next();
    const key = c.get('apiKey');
    const status = c.res.status;
    await deps.audit.append({
      actor: key ? `key:${key.id}` : 'anonymous',
      role: key?.role ?? null,
      action,
      target: c.req.path,
      outcome: status < 400 ? 'ok' : status === 401 || status === 403 ? 'denied' : 'failed',
      status,
    });
  };
}

/**
 * Audits a 404 given to a key on a resource route: how a cross-tenant probe (another enterprise's
 * entity, series, job or briefing) looks from outside, since hidden and missing answer alike.
 */
export function auditNotFound(deps: Pick<ApiDeps, 'denials'>): MiddlewareHandler<ApiEnv> {
  return async (c, next) => {
    await next();
    const key = c.get('apiKey');
    const route = c.req.routePath;
    if (c.res.status !== 404 || !key || !route || route === '/*' || route.endsWith('/*')) return;
    await deps.denials.record({
      actor: `key:${key.id}`,
      role: key.role,
      action: `${c.req.method} ${route}`,
      target: c.req.path,
      outcome: 'denied',
      status: 404,
      detail: { reason: 'not found, or not visible to this key' },
    });
  };
}
