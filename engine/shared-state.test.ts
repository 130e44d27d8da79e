import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SYSTEM_PRINCIPAL } from '../knowledge-graph/schema/index.js';
import {
  postgresSkipReason,
  type ScratchDatabase,
  scratchDatabase,
} from '../knowledge-graph/store/postgres.test-support.js';
import { importPricesCsv } from '../knowledge-graph/series/import-prices.js';
import { askFor } from './ask/index.js';
import { loadConfig } from './config/load.js';
import { Engine } from './container.js';

const skip = await postgresSkipReason();
const dirs: string[] = [];
let scratch: ScratchDatabase | undefined;

afterAll(async () => {
  await scratch?.drop();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** A replica: its own data directory, the shared PostgreSQL. */
async function replica(url: string): Promise<Engine> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ibrain-replica-'));
  dirs.push(dataDir);
  return Engine.open(
    loadConfig({ env: { IBRAIN_STATE: 'postgres', DATABASE_URL: url }, overrides: { dataDir } }),
  );
}

if (skip) describe('shared state on PostgreSQL', () => it.skip(skip, () => {}));

describe.skipIf(skip)('shared state on PostgreSQL', () => {
  it('lets one replica read the blobs, catalog, series and briefing history another wrote', async () => {
    scratch = await scratchDatabase();
    const a = await replica(scratch.url);
    const b = await replica(scratch.url);
    try {
      await a.state.blobs.put('briefings/job_1/briefing.md', Buffer.from('# 碳酸锂'), 'text/markdown');
      expect(await b.state.blobs.get('briefings/job_1/briefing.md')).toEqual({
        bytes: Buffer.from('# 碳酸锂'),
        contentType: 'text/markdown',
      });

      const catalogA = a.state.catalog;
      await catalogA.start({ dataset: 'demo', kind: 'jsonl', source: '/x', contentHash: 'sha256:0' });
      expect((await b.state.catalog.list()).map((e) => [e.kind, e.status])).toEqual([['jsonl', 'running']]);

      await a.state.series.put([
        {
          node: {
            id: 'series:Copper',
            type: 'Series',
            name: 'Copper',
            aliases: [],
            visibility: 'public',
            props: { kind: 'price', frequency: 'monthly' },
            provenance: [
              { source: 'test', record: 'r1', ingestedAt: '2026-01-01T00:00:00.000Z', confidence: 1 },
            ],
          },
          points: [{ date: '2020-01-01', value: 1.5 }],
        },
      ]);
      expect((await b.state.series.get('Copper', SYSTEM_PRINCIPAL))!.points).toEqual([
        { date: '2020-01-01', value: 1.5 },
      ]);

      await a.state.briefingHistory.record({
        jobId: 'job_1',
        principalId: 'key:one',
        requester: 'analyst',
        scope: { kind: 'product', id: 'product:碳酸锂', name: '碳酸锂' },
        lang: 'zh',
        formats: ['md'],
      });
      expect((await b.state.briefingHistory.list(SYSTEM_PRINCIPAL)).map((e) => e.jobId)).toEqual(['job_1']);
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('makes a replica link the names of series another replica imported after it warmed up', async () => {
    scratch ??= await scratchDatabase();
    const a = await replica(scratch.url);
    const b = await replica(scratch.url);
    try {
      const ask = askFor(b);
      await ask.warm();
      const named = async () => (await ask.link('镍价格走势', SYSTEM_PRINCIPAL)).map((e) => e.id);
      expect(await named()).not.toContain('series:镍');
      const file = join(mkdtempSync(join(tmpdir(), 'ibrain-prices-')), 'nickel.csv');
      writeFileSync(file, 'Date,镍\n2024-01-01,16000\n2024-02-01,16500\n');
      await importPricesCsv(a.state.series, file);
      expect(await named()).toContain('series:镍');
    } finally {
      await a.close();
      await b.close();
    }
  });
});
