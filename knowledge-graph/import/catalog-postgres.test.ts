import { afterAll, describe, expect, it } from 'vitest';
import { postgresSkipReason, type ScratchDatabase, scratchDatabase } from '../store/postgres.test-support.js';
import { importCatalogContract } from './catalog-contract.test-suite.js';
import { LEASE_MS, PostgresCatalog } from './catalog-postgres.js';

const skip = await postgresSkipReason();
let scratch: ScratchDatabase | undefined;

const open = async () => {
  scratch ??= await scratchDatabase();
  await PostgresCatalog.open(scratch.pool, 'replica-a:1');
  await scratch.pool.query('TRUNCATE import_catalog RESTART IDENTITY');
  return PostgresCatalog.open(scratch.pool, 'replica-a:1');
};

afterAll(async () => scratch?.drop());

importCatalogContract('PostgreSQL', open, skip);

describe.skipIf(skip)('PostgreSQL catalog leases', () => {
  it('lets another replica resolve an import by lease expiry alone, naming the owner', async () => {
    const a = await open();
    const id = await a.start({ dataset: 'd', kind: 'jsonl', source: '/x', contentHash: 'sha256:1' });
    const b = await PostgresCatalog.open(scratch!.pool, 'replica-b:1');
    expect(await b.resolveStale(new Date(Date.now() + LEASE_MS / 2))).toBe(0);
    expect(await b.resolveStale(new Date(Date.now() + LEASE_MS * 2))).toBe(1);
    expect((await b.list()).find((e) => e.id === id)).toMatchObject({
      status: 'interrupted',
      error: expect.stringContaining('run by replica-a:1'),
    });
  });
});
