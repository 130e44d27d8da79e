import { type BucketSpec, type BucketState, stateOf, type TokenBuckets } from './port.js';

interface Bucket {
  tokens: number;
  at: number;
}

const MAX_BUCKETS = 10_000;

/** Token buckets in this process: the default, right for one server. */
export class MemoryTokenBuckets implements TokenBuckets {
  private readonly buckets = new Map<string, Bucket>();

  constructor(private readonly now: () => number = () => performance.now()) {}

  async take(key: string, spec: BucketSpec): Promise<BucketState> {
    const bucket = this.refill(key, spec);
    const allowed = bucket.tokens >= 1;
    if (allowed) bucket.tokens -= 1;
    return stateOf(bucket.tokens, allowed, spec);
  }

  async peek(key: string, spec: BucketSpec): Promise<BucketState> {
    const bucket = this.refill(key, spec);
    return stateOf(bucket.tokens, bucket.tokens >= 1, spec);
  }

  async drain(key: string, spec: BucketSpec): Promise<void> {
    const bucket = this.refill(key, spec);
    bucket.tokens = Math.max(0, bucket.tokens - 1);
  }

  async close(): Promise<void> {
    this.buckets.clear();
  }

  private refill(key: string, spec: BucketSpec): Bucket {
    const t = this.now();
    const bucket = this.buckets.get(key) ?? { tokens: spec.capacity, at: t };
    bucket.tokens = Math.min(spec.capacity, bucket.tokens + ((t - bucket.at) / 1000) * spec.refillPerSecond);
    bucket.at = t;
    this.buckets.set(key, bucket);
    if (this.buckets.size > MAX_BUCKETS) this.pruneFull(spec, t);
    return bucket;
  }

  // Full buckets carry no state worth keeping; dropping them bounds memory under many callers.
  private pruneFull(spec: BucketSpec, t: number): void {
    for (const [key, b] of this.buckets) {
      if (b.tokens + ((t - b.at) / 1000) * spec.refillPerSecond >= spec.capacity) this.buckets.delete(key);
    }
  }
}
