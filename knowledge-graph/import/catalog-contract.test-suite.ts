import { describe, expect, it } from 'vitest';
import { emptyWriteResult } from '../store/port.js';
import type { ImportCatalog } from './catalog.js';
import type { ImportSummary } from './report.js';

const entry = { dataset: 'chainkg', kind: 'chainkg', source: '/data/chainkg', contentHash: 'sha256:00' };

function summary(visibilityChanges = 0): ImportSummary {
  return {
    dataset: 'chainkg',
    source: '/data/chainkg',
    read: 10,
    written: {
      ...emptyWriteResult(),
      nodesCreated: 7,
      visibilityChanges: Array.from({ length: visibilityChanges }, (_, i) => ({
        kind: 'node' as const,
        id: `product:${i}`,
        from: 'public',
        to: 'industry',
      })),
    },
    skipped: 3,
    reasons: { 'no name': 3 },
    rejects: [],
    notes: ['weights kept as given'],
    seconds: 1.5,
  };
}

/** The expectations every ImportCatalog adapter meets. `open` gives an empty catalog each time. */
export function importCatalogContract(name: string, open: () => Promise<ImportCatalog>, skip?: string): void {
  if (skip) {
    describe(`${name} ImportCatalog contract`, () => it.skip(skip, () => {}));
    return;
  }
  describe(`${name} ImportCatalog contract`, () => {
    it('records an import as running, then completed with its summary', async () => {
      const catalog = await open();
      const id = await catalog.start(entry);
      expect(await catalog.list()).toEqual([
        expect.objectContaining({
          id,
          ...entry,
          status: 'running',
          finishedAt: null,
          summary: null,
          error: null,
        }),
      ]);
      await catalog.finish(id, summary());
      const [done] = await catalog.list();
      expect(done).toMatchObject({ id, status: 'completed', summary: summary(), error: null });
      expect(Date.parse(done!.finishedAt!)).toBeGreaterThanOrEqual(Date.parse(done!.startedAt));
    });

    it('records a failure with its message, and lists entries oldest first', async () => {
      const catalog = await open();
      const first = await catalog.start(entry);
      const second = await catalog.start({ ...entry, dataset: 'ickg25', kind: 'ickg' });
      await catalog.fail(second, 'edges.jsonl:3: unknown node type');
      const list = await catalog.list();
      expect(list.map((e) => e.id)).toEqual([first, second]);
      expect(list[1]).toMatchObject({
        status: 'failed',
        error: 'edges.jsonl:3: unknown node type',
        summary: null,
      });
    });

    it('keeps the first 200 visibility changes and says how many there were', async () => {
      const catalog = await open();
      const id = await catalog.start(entry);
      await catalog.finish(id, summary(250));
      const [done] = await catalog.list();
      expect(done!.summary!.written.visibilityChanges).toHaveLength(200);
      expect(done!.summary!.notes).toContain('250 visibility changes (all in the audit log)');
    });

    it('leaves a live import running and marks one that stopped beating interrupted', async () => {
      const catalog = await open();
      const id = await catalog.start(entry);
      await catalog.beat(id);
      expect(await catalog.resolveStale()).toBe(0);
      expect((await catalog.list())[0]!.status).toBe('running');
      const anHourOn = new Date(Date.now() + 3_600_000);
      expect(await catalog.resolveStale(anHourOn)).toBe(1);
      const [stale] = await catalog.list();
      expect(stale).toMatchObject({ status: 'interrupted', error: expect.stringMatching(/run it again/) });
      expect(await catalog.resolveStale(anHourOn)).toBe(0);
    });

    it('does not resolve finished imports', async () => {
      const catalog = await open();
      await catalog.finish(await catalog.start(entry), summary());
      await catalog.fail(await catalog.start(entry), 'bad file');
      expect(await catalog.resolveStale(new Date(Date.now() + 3_600_000))).toBe(0);
      expect((await catalog.list()).map((e) => e.status)).toEqual(['completed', 'failed']);
    });
  });
}
