import { randomBytes } from 'node:crypto';
import { redisSkipReason, TEST_REDIS_URL } from './redis.test-support.js';
import { describe, expect, it } from 'vitest';
import { tokenBucketsContract } from './contract.test-suite.js';
import { MemoryTokenBuckets } from './memory.js';
import { RedisTokenBuckets } from './redis.js';

const REDIS_URL = TEST_REDIS_URL;

const skip = await redisSkipReason();
if (skip) describe('RedisTokenBuckets', () => it.skip(skip, () => {}));
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
