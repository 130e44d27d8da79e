import { expect, it } from 'vitest';
import { openDatabase } from '../../knowledge-graph/store/sqlite-db.js';
import { SqliteKeyStore } from '../security/keys-sqlite.js';
import type { JobEvent, JobQueue } from './port.js';
import { runAsRequester } from './requester.js';

/**
 * What every JobQueue adapter must do. `open` gives a fresh, empty queue; `dispose` ends it
 * (closing by default; a test queue in a shared Redis also removes its keys).
 */
export function jobQueueContract<Q extends JobQueue>(
  open: () => Promise<Q>,
  dispose: (queue: Q) => Promise<void> = (queue) => queue.close(),
  timeoutMs = 20_000,
): void {
  it('runs a job, reporting progress, and keeps its payload and result', async () => {
    const queue = await open();
    const events: JobEvent[] = [];
    queue.on((e) => events.push(e));
    queue.register('double', async (payload, ctx) => {
      ctx.progress({ percent: 40, stage: 'working' });
      return { value: (payload as { n: number }).n * 2 };
    });
    const id = await queue.enqueue('double', { n: 21 });
    expect(await queue.wait(id, timeoutMs)).toMatchObject({
      id,
      kind: 'double',
      state: 'completed',
      payload: { n: 21 },
      result: { value: 42 },
      attempts: 1,
      progress: { percent: 100 },
    });
    expect(events.some((e) => e.type === 'progress' && e.progress.percent === 40)).toBe(true);
    expect(events.some((e) => e.type === 'completed' && e.id === id)).toBe(true);
    await dispose(queue);
  });

  it('records a failure with its message, and answers null for an unknown id', async () => {
    const queue = await open();
    queue.register('boom', async () => {
      throw new Error('scope must be product:<name>');
    });
    const done = await queue.wait(await queue.enqueue('boom', {}), timeoutMs);
    expect(done).toMatchObject({ state: 'failed', error: 'scope must be product:<name>' });
    expect(await queue.get('job_missing')).toBeNull();
    await dispose(queue);
  });

  it('keeps a job queued until a handler for its kind is registered', async () => {
    const queue = await open();
    const id = await queue.enqueue('later', { v: 1 });
    expect((await queue.get(id))!.state).toBe('queued');
    queue.register('later', async (payload) => payload);
    expect(await queue.wait(id, timeoutMs)).toMatchObject({ state: 'completed', result: { v: 1 } });
    await dispose(queue);
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
    const done = await queue.wait(await queue.enqueue('whoami', forged), timeoutMs);
    expect(done).toMatchObject({ state: 'completed', result: { grants: ['enterprise:601127'] } });
    await dispose(queue);
    db.close();
  });
}
