import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { redisSkipReason, TEST_REDIS_URL } from '../limits/redis.test-support.js';
import { BullJobQueue, type BullSettings } from './bullmq.js';
import { jobQueueContract } from './contract.test-suite.js';

const REDIS_URL = TEST_REDIS_URL;
const skip = await redisSkipReason();
const up = skip === undefined;
if (!up) describe('BullJobQueue', () => it.skip(skip, () => {}));

describe.runIf(up)('BullJobQueue on Redis', () => {
  const queues: BullJobQueue[] = [];
  const open = async (settings: Partial<BullSettings> = {}) => {
    const q = await BullJobQueue.open({
      redisUrl: REDIS_URL,
      prefix: `ibrain-test-${randomUUID()}`,
      ...settings,
    });
    queues.push(q);
    return q;
  };
  afterAll(async () => {
    for (const q of queues) await q.destroy();
  });

  jobQueueContract(
    () => open(),
    async (queue) => {
      queues.splice(queues.indexOf(queue), 1);
      await queue.destroy();
    },
  );

  it('drops finished jobs past the retention count', async () => {
    const keep = { age: 3600, count: 1 };
    const queue = await open({ retention: { completed: keep, failed: keep } });
    queue.register('echo', async (payload) => payload);
    const first = await queue.enqueue('echo', { v: 1 });
    await queue.wait(first, 20_000);
    const second = await queue.enqueue('echo', { v: 2 });
    await queue.wait(second, 20_000);
    expect(await queue.get(first)).toBeNull();
    expect(await queue.get(second)).toMatchObject({ state: 'completed', result: { v: 2 } });
  });
});
