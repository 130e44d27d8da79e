import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { tokenBucketsContract } from './contract.test-suite.js';
import { MemoryTokenBuckets } from './memory.js';
import { RedisTokenBuckets } from './redis.js';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

async function redisSkipReason(): Promise<string | undefined> {
  const probe = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 0, connectTimeout: 1_000 });
  probe.on('error', () => undefined);
  try {
    await probe.connect();
    await probe.ping();
    return undefined;
  } catch (error) {
    return `Redis not reachable at ${REDIS_URL} (${(error as Error).message}); set REDIS_URL to run these`;
  } finally {
    probe.disconnect();
  }
}

const skip = await redisSkipReason();
if (skip) console.warn(`skipping the Redis token-bucket runs: ${skip}`);
const prefix = `ibrain-test:${randomBytes(4).toString('hex')}:`;

describe('MemoryTokenBuckets', () => {
  tokenBucketsContract(async () => new MemoryTokenBuckets());
});

describe.skipIf(skip !== undefined)('RedisTokenBuckets', () => {
  tokenBucketsContract(() => RedisTokenBuckets.open(REDIS_URL, prefix));

  it('two replicas share one bucket: together they get the capacity once', async () => {
    const [a, b] = await Promise.all([
      RedisTokenBuckets.open(REDIS_URL, prefix),
      RedisTokenBuckets.open(REDIS_URL, prefix),
    ]);
    const spec = { capacity: 10, refillPerSecond: 0.001 };
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) => (i % 2 ? a : b).take('shared', spec)),
    );
    expect(results.filter((r) => r.allowed)).toHaveLength(10);
    await Promise.all([a.close(), b.close()]);
  });

  it('says what to do when Redis is unreachable', async () => {
    await expect(RedisTokenBuckets.open('redis://127.0.0.1:1')).rejects.toThrow(/IBRAIN_RATE_LIMITS=memory/);
  });
});
