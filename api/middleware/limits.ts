import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
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

interface Bucket {
  tokens: number;
  at: number;
}

export interface BucketOptions {
  capacity: number;
  refillPerSecond: number;
}

/**
 * Failed authentications per client address (bad API keys, failed logins): a bucket of
 * `capacity` failures refilled at `refillPerSecond`. Once it is empty the address gets 429 for
 * anything that presents credentials, before any key is looked at, until a token is back.
 */
export class FailureLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly options: BucketOptions,
    private readonly now: () => number = () => performance.now(),
  ) {}

  private bucket(address: string): Bucket {
    const t = this.now();
    const bucket = this.buckets.get(address) ?? { tokens: this.options.capacity, at: t };
    bucket.tokens = Math.min(
      this.options.capacity,
      bucket.tokens + ((t - bucket.at) / 1000) * this.options.refillPerSecond,
    );
    bucket.at = t;
    return bucket;
  }

  /** Seconds until the address may try again; 0 when it may now. */
  retryAfter(address: string): number {
    const bucket = this.bucket(address);
    return bucket.tokens >= 1 ? 0 : Math.ceil((1 - bucket.tokens) / this.options.refillPerSecond);
  }

  fail(address: string): void {
    const bucket = this.bucket(address);
    bucket.tokens = Math.max(0, bucket.tokens - 1);
    this.buckets.set(address, bucket);
    if (this.buckets.size > 10_000) pruneFull(this.buckets, this.options, this.now());
  }
}

/**
 * A token bucket per caller, in memory: a burst of `capacity` requests, refilled at
 * `refillPerSecond`. Keyed by API key id, else by client address, so one caller cannot starve the rest.
 */
export function rateLimit(
  options: { capacity: number; refillPerSecond: number },
  clientOf: (c: Parameters<MiddlewareHandler<ApiEnv>>[0]) => string,
  now: () => number = () => performance.now(),
): MiddlewareHandler<ApiEnv> {
  const buckets = new Map<string, Bucket>();
  return async (c, next) => {
    const caller = c.get('apiKey')?.id ?? `ip:${clientOf(c)}`;
    const t = now();
    const bucket = buckets.get(caller) ?? { tokens: options.capacity, at: t };
    bucket.tokens = Math.min(
      options.capacity,
      bucket.tokens + ((t - bucket.at) / 1000) * options.refillPerSecond,
    );
    bucket.at = t;
    buckets.set(caller, bucket);
    c.header('RateLimit-Limit', String(options.capacity));
    if (bucket.tokens < 1) {
      const wait = Math.ceil((1 - bucket.tokens) / options.refillPerSecond);
      return problem(c, 429, `rate limit reached; retry in ${wait} s`, {
        headers: { 'Retry-After': String(wait), 'RateLimit-Remaining': '0' },
      });
    }
    bucket.tokens -= 1;
    c.header('RateLimit-Remaining', String(Math.floor(bucket.tokens)));
    if (buckets.size > 10_000) pruneFull(buckets, options, t);
    await next();
  };
}

// Full buckets carry no state worth keeping; dropping them bounds memory under many callers.
function pruneFull(
  buckets: Map<string, Bucket>,
  options: { capacity: number; refillPerSecond: number },
  t: number,
): void {
  for (const [caller, b] of buckets) {
    if (b.tokens + ((t - b.at) / 1000) * options.refillPerSecond >= options.capacity) buckets.delete(caller);
  }
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
