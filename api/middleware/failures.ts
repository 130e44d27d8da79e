import type { BucketSpec, TokenBuckets } from '../../engine/limits/port.js';

/**
 * Failed authentications per client address (bad API keys, failed logins): a bucket of
 * `capacity` failures refilled at `refillPerSecond`. Once it is empty the address gets 429 for
 * anything that presents credentials, before any key is looked at, until a token is back.
 */
export class FailureLimiter {
  constructor(
    private readonly buckets: TokenBuckets,
    private readonly spec: BucketSpec,
  ) {}

  /** Seconds until the address may try again; 0 when it may now. */
  async retryAfter(address: string): Promise<number> {
    return (await this.buckets.peek(`auth-failures:${address}`, this.spec)).retryAfterSeconds;
  }

  async fail(address: string): Promise<void> {
    await this.buckets.drain(`auth-failures:${address}`, this.spec);
  }
}
