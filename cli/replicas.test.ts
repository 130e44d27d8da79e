import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  postgresSkipReason,
  type ScratchDatabase,
  scratchDatabase,
} from '../knowledge-graph/store/postgres.test-support.js';
import { redisSkipReason, TEST_REDIS_URL } from '../engine/limits/redis.test-support.js';
import { BullJobQueue } from '../engine/jobs/bullmq.js';
import { Replica } from './replica.test-support.js';

const REDIS_URL = TEST_REDIS_URL;

const skip = (await postgresSkipReason()) ?? (await redisSkipReason());
if (skip) describe('two replicas, one truth', () => it.skip(`two-replica test: ${skip}`, () => {}));

// Two `ibrain serve` processes with their own data directories, sharing one PostgreSQL and one Redis.
describe.skipIf(skip !== undefined)('two replicas, one truth', () => {
  let db: ScratchDatabase;
  let a: Replica;
  let b: Replica;
  let admin: string;
  // A burst of 12 per key, refilled at 2 a second: enough for a briefing's status polls (2 a second),
  // little enough that 36 quick requests through two replicas must meet the shared limit.
  const RATE = 12;
  const REFILL = 2;
  const prefix = `ibrain-test-${randomBytes(4).toString('hex')}`;

  beforeAll(async () => {
    db = await scratchDatabase();
    const shared = {
      IBRAIN_STATE: 'postgres',
      DATABASE_URL: db.url,
      IBRAIN_QUEUE: 'bullmq',
      REDIS_URL,
      IBRAIN_QUEUE_PREFIX: prefix,
      IBRAIN_RATE_LIMITS: 'redis',
      IBRAIN_RATE_LIMIT_BURST: String(RATE),
      IBRAIN_RATE_LIMIT_PER_SECOND: String(REFILL),
      IBRAIN_AUDIT_KEY: randomBytes(32).toString('base64'),
      IBRAIN_LOG_LEVEL: 'warn',
    };
    a = new Replica('a', shared);
    b = new Replica('b', shared);
    // A runs no briefing worker, so the briefing it is asked for can only be made by B.
    await a.serve({ IBRAIN_QUEUE_WORKER: 'false' }, '--demo');
    await b.serve({}, '--demo');
    admin = (JSON.parse(a.run('keys', 'create', '--role', 'admin', '--json')) as { key: string }).key;
  }, 600_000);

  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await db?.drop();
  });

  it('a key made through A works on B, and revoking it on B stops it on A', async () => {
    const made = JSON.parse(a.run('keys', 'create', '--role', 'analyst', '--json')) as {
      key: string;
      id: string;
    };
    expect((await b.fetch('/v1/graph/entities/动力电池', { key: made.key })).status).toBe(200);
    b.run('keys', 'revoke', made.id);
    expect((await a.fetch('/v1/graph/entities/动力电池', { key: made.key })).status).toBe(401);
  }, 120_000);

  it('a document uploaded on A is found by search on B', async () => {
    const word = `钒液流储能示范${randomBytes(3).toString('hex')}`;
    const form = new FormData();
    form.set(
      'file',
      new Blob([`# ${word}\n\n重庆市推进${word}项目，支持全钒液流电池储能电站建设。`]),
      'vanadium.md',
    );
    const up = await a.fetch('/v1/documents', { method: 'POST', body: form, key: admin });
    expect(up.status, await up.clone().text()).toBe(201);
    const found = await b.fetch(`/v1/search?q=${encodeURIComponent(word)}`, { key: admin });
    expect(found.status).toBe(200);
    const { hits } = (await found.json()) as { hits: Array<{ docId: string; text: string }> };
    expect(hits[0]?.docId).toBe(((await up.json()) as { docId: string }).docId);
  }, 120_000);

  it('a briefing requested on A and run by B’s worker downloads from A', async () => {
    const asked = await a.fetch('/v1/briefings', {
      method: 'POST',
      key: admin,
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ scope: 'product:动力电池', formats: ['md'] }),
    });
    expect(asked.status, await asked.clone().text()).toBe(202);
    const { jobId } = (await asked.json()) as { jobId: string };
    let state = 'queued';
    for (let i = 0; i < 240 && state !== 'completed' && state !== 'failed'; i++) {
      await new Promise((r) => setTimeout(r, 500));
      state = ((await (await a.fetch(`/v1/jobs/${jobId}`, { key: admin })).json()) as { state: string })
        .state;
    }
    expect(state).toBe('completed');
    // Who ran it is read from the queue itself: the API does not tell clients which host ran a job.
    const queue = await BullJobQueue.open({ redisUrl: REDIS_URL, prefix, worker: false });
    expect((await queue.get(jobId))?.runBy).toBe(`${hostname()}:${b.pid}`);
    await queue.close();
    const file = await a.fetch(`/v1/briefings/${jobId}/download?format=md`, { key: admin });
    expect(file.status).toBe(200);
    expect(await file.text()).toMatch(/动力电池/);
  }, 180_000);

  it('the rate limit holds across both replicas', async () => {
    const made = JSON.parse(a.run('keys', 'create', '--role', 'analyst', '--json')) as { key: string };
    let allowed = 0;
    const started = performance.now();
    for (let i = 0; i < 3 * RATE; i++) {
      const r = await (i % 2 ? a : b).fetch('/v1/graph/entities/动力电池', { key: made.key });
      if (r.status !== 429) allowed++;
    }
    const seconds = (performance.now() - started) / 1000;
    // One bucket for both replicas: the burst plus what refilled meanwhile. Per-process buckets
    // would have allowed twice the burst.
    const bound = RATE + Math.ceil(REFILL * seconds) + 1;
    expect(
      bound,
      `36 requests took ${seconds.toFixed(1)} s, too long to tell one bucket from two`,
    ).toBeLessThan(2 * RATE);
    expect(allowed).toBeLessThanOrEqual(bound);
    expect(allowed).toBeLessThan(3 * RATE);
  }, 120_000);

  it('the audit log is one chain, and `ibrain audit verify` holds on either replica', () => {
    for (const r of [a, b])
      expect(r.run('audit', 'verify')).toMatch(/audit log ok: \d+ entries, chain intact/);
  }, 120_000);
});
