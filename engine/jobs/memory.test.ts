import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../knowledge-graph/store/sqlite-db.js';
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

  it('runs a job, reporting progress, and keeps the result', async () => {
    const db = openDatabase(':memory:');
    const queue = new MemoryJobQueue(new JobTable(db));
    const events: JobEvent[] = [];
    queue.on((e) => events.push(e));
    queue.register('double', async (payload, ctx) => {
      ctx.progress({ percent: 50, stage: 'halfway' });
      return { value: (payload as { n: number }).n * 2 };
    });
    const id = await queue.enqueue('double', { n: 21 });
    const done = await queue.wait(id);
    expect(done).toMatchObject({
      state: 'completed',
      result: { value: 42 },
      attempts: 1,
      progress: { percent: 100 },
    });
    expect(events.map((e) => e.type)).toEqual(['progress', 'completed']);
    await queue.close();
    db.close();
  });

  it('records a failure with its message', async () => {
    const db = openDatabase(':memory:');
    const queue = new MemoryJobQueue(new JobTable(db));
    queue.register('boom', async () => {
      throw new Error('no entity named "x"');
    });
    const done = await queue.wait(await queue.enqueue('boom', {}));
    expect(done).toMatchObject({ state: 'failed', error: 'no entity named "x"' });
    await queue.close();
    db.close();
  });

  it('after a restart resumes queued and interrupted jobs, and fails those interrupted too often', async () => {
    const file = dbFile();
    const first = openDatabase(file);
    const table = new JobTable(first);
    table.insert('job_queued', 'echo', { v: 1 });
    table.insert('job_interrupted', 'echo', { v: 2 });
    table.start('job_interrupted');
    table.insert('job_twice', 'echo', { v: 3 });
    table.start('job_twice');
    table.start('job_twice');
    first.close();

    const db = openDatabase(file);
    const queue = new MemoryJobQueue(new JobTable(db));
    expect((await queue.get('job_twice'))!).toMatchObject({
      state: 'failed',
      error: 'interrupted by a restart 2 times; submit it again',
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
});
