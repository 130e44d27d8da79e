/** A token bucket's shape: a burst of `capacity`, refilled at `refillPerSecond`. */
export interface BucketSpec {
  capacity: number;
  refillPerSecond: number;
}

export interface BucketState {
  /** Whether a whole token was there (and, for `take`, was taken). */
  allowed: boolean;
  /** Whole tokens left after the call. */
  remaining: number;
  /** Seconds until a whole token is back; 0 when one is there now. */
  retryAfterSeconds: number;
}

/**
 * Token buckets by key, shared by everyone who counts against the same limit: in process for one
 * server, in Redis so that N replicas enforce the limit once rather than N times.
 */
export interface TokenBuckets {
  /** Takes one token when a whole one is there. */
  take(key: string, spec: BucketSpec): Promise<BucketState>;
  /** Looks without taking. */
  peek(key: string, spec: BucketSpec): Promise<BucketState>;
  /** Removes one token, down to zero: a failure counts even while its caller is already limited. */
  drain(key: string, spec: BucketSpec): Promise<void>;
  close(): Promise<void>;
}

/** The state of a bucket holding `tokens` (fractional) after a call. */
export function stateOf(tokens: number, allowed: boolean, spec: BucketSpec): BucketState {
  return {
    allowed,
    remaining: Math.max(0, Math.floor(tokens)),
    retryAfterSeconds: tokens >= 1 ? 0 : Math.ceil((1 - tokens) / spec.refillPerSecond),
  };
}
