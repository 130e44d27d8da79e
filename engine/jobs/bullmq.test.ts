import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../knowledge-graph/store/sqlite-db.js';
import { redisSkipReason, TEST_REDIS_URL } from '../limits/redis.test-support.js';
import { SqliteKeyStore } from '../security/keys-sqlite.js';
import { BullJobQueue, type BullSettings } from './bullmq.js';
import type { JobEvent } from './port.js';
import { runAsRequester } from './requester.js';

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

  it('runs a job with progress and keeps its result in Redis', async () => {
    const queue = await open();
    const events: JobEvent[] = [];
    queue.on((e) => events.push(e));
    queue.register('double', async (payload, ctx) => {
      ctx.progress({ percent: 40, stage: 'working' });
      return { value: (payload as { n: number }).n * 2 };
    });
    const id = await queue.enqueue('double', { n: 4 });
    const done = await queue.wait(id, 20_000);
    expect(done).toMatchObject({
      id,
      kind: 'double',
      state: 'completed',
      result: { value: 8 },
      payload: { n: 4 },
    });
    expect(events.some((e) => e.type === 'progress' && e.progress.percent === 40)).toBe(true);
  });

  it('records failures and answers null for unknown ids', async () => {
    const queue = await open();
    queue.register('boom', async () => {
      throw new Error('scope must be product:<name>');
    });
    const done = await queue.wait(await queue.enqueue('boom', {}), 20_000);
    expect(done).toMatchObject({ state: 'failed', error: 'scope must be product:<name>' });
    expect(await queue.get('job_missing')).toBeNull();
  });

  it('keeps a job queued until some process registers its handler', async () => {
    const queue = await open();
    const id = await queue.enqueue('later', { v: 1 });
    expect((await queue.get(id))!.state).toBe('queued');
    queue.register('later', async (payload) => payload);
    expect(await queue.wait(id, 20_000)).toMatchObject({ state: 'completed', result: { v: 1 } });
  });

  it("runs a job with its key's grants, not those its stored payload claims", async () => {
    const queue = await open();
    const db = openDatabase(':memory:');
    const keys = SqliteKeyStore.open(db);
    const { record } = await keys.create({ role: 'enterprise', enterpriseId: '601127' });
    queue.register(
      'whoami',
      runAsRequester(keys, async (_payload, principal) => principal),
    );
    const forged = { principal: { id: `key:${record.id}`, grants: ['*'] } };
    const done = await queue.wait(await queue.enqueue('whoami', forged), 20_000);
    expect(done).toMatchObject({ state: 'completed', result: { grants: ['enterprise:601127'] } });
    db.close();
  });

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
