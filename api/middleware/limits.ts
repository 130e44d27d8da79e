import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { BucketSpec, TokenBuckets } from '../../engine/limits/port.js';
import type { ApiEnv } from '../env.js';
import { problem } from '../problem.js';

/**
 * Caps request bodies: uploads and eval items (answers with their contexts) get their own, larger
 * caps; everything else the JSON one.
 */
export function limitBodies(
  maxBodyBytes: number,
  maxUploadBytes: number,
  maxEvalBytes: number,
): MiddlewareHandler<ApiEnv> {
  // The unread rest of the body would otherwise be taken for the next request on the connection.
  const onError: Parameters<typeof bodyLimit>[0]['onError'] = (c) =>
    problem(c, 413, 'the request body is too large', { headers: { Connection: 'close' } });
  const json = bodyLimit({ maxSize: maxBodyBytes, onError });
  const upload = bodyLimit({ maxSize: maxUploadBytes, onError });
  const evals = bodyLimit({ maxSize: maxEvalBytes, onError });
  return (c, next) =>
    c.req.path === '/v1/documents'
      ? upload(c, next)
      : c.req.path === '/v1/evals/score'
        ? evals(c, next)
        : json(c, next);
}

/**
 * A token bucket per caller: a burst of `capacity` requests, refilled at `refillPerSecond`. Keyed
 * by API key id, else by client address, so one caller cannot starve the rest; the buckets are
 * shared by every replica when they live in Redis.
 */
export function rateLimit(
  spec: BucketSpec,
  buckets: TokenBuckets,
  clientOf: (c: Parameters<MiddlewareHandler<ApiEnv>>[0]) => string,
): MiddlewareHandler<ApiEnv> {
  return async (c, next) => {
    const caller = c.get('apiKey')?.id ?? `ip:${clientOf(c)}`;
    const state = await buckets.take(`requests:${caller}`, spec);
    c.header('RateLimit-Limit', String(spec.capacity));
    if (!state.allowed) {
      const wait = state.retryAfterSeconds;
      return problem(c, 429, `rate limit reached; retry in ${wait} s`, {
        headers: { 'Retry-After': String(wait), 'RateLimit-Remaining': '0' },
      });
    }
    c.header('RateLimit-Remaining', String(state.remaining));
    await next();
  };
}

/**
 * Refuses URLs whose percent-encoding is not valid UTF-8 (`%FF`, `%ED%A0%80`). Left alone, the
 * router keeps such text undecoded and a handler would search for, or store, the raw escapes.
 */
export function wellFormedUrls(): MiddlewareHandler<ApiEnv> {
  return async (c, next) => {
    const url = c.req.url;
    const start = url.indexOf('/', url.indexOf('//') + 2);
    try {
      decodeURIComponent(url.slice(start).replace(/\+/g, ' '));
    } catch {
      return problem(c, 400, 'the URL holds percent-escapes that are not valid UTF-8');
    }
    await next();
  };
}
