import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../knowledge-graph/store/sqlite-db.js';
import { SqliteKeyStore } from '../security/keys-sqlite.js';
import { MemoryJobQueue } from './memory.js';
import { runAsRequester } from './requester.js';
import { JobTable } from './table.js';

describe('jobs run as their requester', () => {
  const setup = () => {
    const db = openDatabase(':memory:');
    const keys = SqliteKeyStore.open(db);
    const queue = new MemoryJobQueue(new JobTable(db));
    queue.register(
      'whoami',
      runAsRequester(keys, async (_payload, principal) => principal),
    );
    return { db, keys, queue };
  };

  it("uses the key's grants, not the grants a stored payload claims", async () => {
    const { db, keys, queue } = setup();
    const { record } = await keys.create({ role: 'analyst' });
    const forged = { principal: { id: `key:${record.id}`, grants: ['*'] } };
    const done = await queue.wait(await queue.enqueue('whoami', forged));
    expect(done).toMatchObject({
      state: 'completed',
      result: { id: `key:${record.id}`, grants: ['industry'] },
    });
    await queue.close();
    db.close();
  });

  it('fails the job when its key was revoked after the request', async () => {
    const { db, keys, queue } = setup();
    const { record } = await keys.create({ role: 'admin' });
    await keys.revoke(record.id);
    const done = await queue.wait(await queue.enqueue('whoami', { principal: { id: `key:${record.id}` } }));
    expect(done.state).toBe('failed');
    expect(done.error).toMatch(`the API key ${record.id} that requested this job is revoked or unknown`);
    await queue.close();
    db.close();
  });

  it('refuses a principal that is neither a key nor the system', async () => {
    const { db, queue } = setup();
    const done = await queue.wait(await queue.enqueue('whoami', { principal: { id: 'cli', grants: ['*'] } }));
    expect(done).toMatchObject({ state: 'failed' });
    expect(done.error).toMatch(/neither an API key nor the system/);
    await queue.close();
    db.close();
  });
});
