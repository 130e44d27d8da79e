import { Redis } from 'ioredis';
import { type BucketSpec, type BucketState, stateOf, type TokenBuckets } from './port.js';

/**
 * Refill, then take / peek / drain, in one atomic step on Redis's own clock, so every replica
 * counts against the same bucket and clock skew between replicas does not matter. The key expires
 * once the bucket would be full again: a full bucket needs no state.
 */
const BUCKET_SCRIPT = `
local capacity = tonumber(ARGV[1])
local rate = tonumber(ARGV[2])
local mode = ARGV[3]
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local b = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(b[1]) or capacity
local at = tonumber(b[2]) or now
tokens = math.min(capacity, tokens + math.max(0, now - at) / 1000 * rate)
local allowed = tokens >= 1
if mode == 'take' and allowed then tokens = tokens - 1 end
if mode == 'drain' then tokens = math.max(0, tokens - 1) end
if mode ~= 'peek' then
  redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now))
  redis.call('PEXPIRE', KEYS[1], math.ceil((capacity - tokens) / rate * 1000) + 1000)
end
return { allowed and 1 or 0, tostring(tokens) }
`;

type Mode = 'take' | 'peek' | 'drain';

/** Token buckets in Redis, shared by every replica (IBRAIN_RATE_LIMITS=redis, REDIS_URL). */
export class RedisTokenBuckets implements TokenBuckets {
  private constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  static async open(url: string, prefix = 'ibrain:limits:'): Promise<RedisTokenBuckets> {
    const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 2, enableOfflineQueue: false });
    redis.on('error', () => undefined);
    try {
      await redis.connect();
    } catch (error) {
      redis.disconnect();
      throw Object.assign(
        new Error(
          `cannot reach Redis at ${url} for rate limits: ${(error as Error).message}; check REDIS_URL or set IBRAIN_RATE_LIMITS=memory`,
        ),
        { userFacing: true, kind: 'unavailable' },
      );
    }
    return new RedisTokenBuckets(redis, prefix);
  }

  async take(key: string, spec: BucketSpec): Promise<BucketState> {
    return this.run(key, spec, 'take');
  }

  async peek(key: string, spec: BucketSpec): Promise<BucketState> {
    return this.run(key, spec, 'peek');
  }

  async drain(key: string, spec: BucketSpec): Promise<void> {
    await this.run(key, spec, 'drain');
  }

  async close(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }

  private async run(key: string, spec: BucketSpec, mode: Mode): Promise<BucketState> {
    const [allowed, tokens] = (await this.redis.eval(
      BUCKET_SCRIPT,
      1,
      `${this.prefix}${key}`,
      spec.capacity,
      spec.refillPerSecond,
      mode,
    )) as [number, string];
    return stateOf(Number(tokens), allowed === 1, spec);
  }
}
