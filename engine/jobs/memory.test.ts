import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../knowledge-graph/store/sqlite-db.js';
import { jobQueueContract } from './contract.test-suite.js';
import { MemoryJobQueue } from './memory.js';
import type { JobEvent } from './port.js';
import { JobTable } from './table.js';

describe('MemoryJobQueue', () => {
  const dirs: string[] = [];
  const dbFile = () => {
    const dir = mkdtempSync(join(tmpdir(), 'ibrain-jobs-'));
    dirs.push(dir);
    return join(dir, 'ibrain.sqlite');
  };
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  jobQueueContract(async () => new MemoryJobQueue(new JobTable(openDatabase(':memory:'))));

  it('after a restart resumes queued and expired jobs, and fails those interrupted too often', async () => {
    const file = dbFile();
    const first = openDatabase(file);
    const table = new JobTable(first);
    const gone = new Date(Date.now() - 1_000);
    table.insert('job_queued', 'echo', { v: 1 });
    table.insert('job_interrupted', 'echo', { v: 2 });
    table.claim('job_interrupted', 'dead-process', gone);
    table.insert('job_twice', 'echo', { v: 3 });
    table.claim('job_twice', 'dead-process', gone);
    table.requeue('job_twice');
    table.claim('job_twice', 'dead-process', gone);
    first.close();

    const db = openDatabase(file);
    const queue = new MemoryJobQueue(new JobTable(db));
    expect((await queue.get('job_twice'))!).toMatchObject({
      state: 'failed',
      error: 'interrupted 2 times (its process stopped); submit it again',
    });
    expect((await queue.get('job_interrupted'))!.state).toBe('queued');
    queue.register('echo', async (payload) => payload);
    expect(await queue.wait('job_queued')).toMatchObject({ state: 'completed', result: { v: 1 } });
    expect(await queue.wait('job_interrupted')).toMatchObject({
      state: 'completed',
      result: { v: 2 },
      attempts: 2,
    });
    await queue.close();
    db.close();
  });

  it('leaves a job another live process holds, and takes it over once that lease expires', async () => {
    const db = openDatabase(dbFile());
    const table = new JobTable(db);
    table.insert('job_held', 'echo', { v: 1 });
    table.claim('job_held', 'other-process', new Date(Date.now() + 300));
    const queue = new MemoryJobQueue(new JobTable(db), { leaseMs: 100 });
    queue.register('echo', async (payload) => payload);
    expect((await queue.get('job_held'))!).toMatchObject({ state: 'running', attempts: 1 });
    expect(await queue.wait('job_held', 5_000)).toMatchObject({
      state: 'completed',
      result: { v: 1 },
      attempts: 2,
    });
    await queue.close();
    db.close();
  });

  it('keeps the result of the process that holds the lease, not of one that stalled and lost it', async () => {
    const db = openDatabase(':memory:');
    const table = new JobTable(db);
    const stalled = new MemoryJobQueue(table, { owner: 'stalled' });
    let release = () => {};
    const started = new Promise<void>((began) => {
      stalled.register('slow', async () => {
        began();
        await new Promise<void>((resolve) => {
          release = resolve;
        });
        return { by: 'stalled' };
      });
    });
    const events: JobEvent[] = [];
    stalled.on((e) => events.push(e));
    const id = await stalled.enqueue('slow', {});
    await started;
    // Meanwhile its lease ran out and another process took the job and finished it.
    expect(table.complete(id, 'other', { by: 'other' })).toBe(false);
    db.prepare("UPDATE jobs SET owner = 'other' WHERE id = ?").run(id);
    expect(table.complete(id, 'other', { by: 'other' })).toBe(true);
    release();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await stalled.get(id)).toMatchObject({
      state: 'completed',
      result: { by: 'other' },
      runBy: 'other',
    });
    expect(events.some((e) => e.type === 'completed')).toBe(false);
    await stalled.close();
    db.close();
  });

  it('renews the lease of a job while its handler runs', async () => {
    const db = openDatabase(':memory:');
    const table = new JobTable(db);
    const queue = new MemoryJobQueue(table, { leaseMs: 60, owner: 'me' });
    queue.register('slow', async () => {
      await new Promise((resolve) => setTimeout(resolve, 250));
      return table.expired().map((j) => j.id);
    });
    const done = await queue.wait(await queue.enqueue('slow', {}));
    expect(done).toMatchObject({ state: 'completed', result: [] });
    await queue.close();
    db.close();
  });
});
