import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { VectorStore } from './port.js';

/** Expectations every VectorStore adapter meets; each adapter's test file runs it. */
export function vectorStoreContract(name: string, open: () => Promise<VectorStore>, enabled = true): void {
  describe.skipIf(!enabled)(`VectorStore contract: ${name}`, () => {
    let store: VectorStore;
    const unit = (values: number[]) => {
      const v = Float32Array.from({ length: 8 }, (_, i) => values[i] ?? 0);
      const n = Math.hypot(...v);
      return v.map((x) => x / n);
    };
    beforeAll(async () => {
      store = await open();
    });
    afterAll(async () => store.close());
    beforeEach(async () => {
      await store.clear();
      await store.upsert([
        { id: 1, vector: unit([1, 0]), payload: { docId: 'd1', source: 'a.txt', visibility: 'public' } },
        {
          id: 2,
          vector: unit([1, 0.2]),
          payload: { docId: 'd2', source: 'b.txt', visibility: 'enterprise:1' },
        },
        { id: 3, vector: unit([0, 1]), payload: { docId: 'd3', source: 'c.txt', visibility: 'public' } },
      ]);
    });

    it('returns the nearest vectors by cosine, best first', async () => {
      const hits = await store.search(unit([1, 0.02]), 2);
      expect(hits.map((h) => h.id)).toEqual([1, 2]);
      expect(hits[0]!.score).toBeGreaterThan(0.99);
      expect(await store.count()).toBe(3);
    });

    it('filters by visibility and source', async () => {
      const pub = await store.search(unit([1, 0.2]), 3, { visibilities: ['public'] });
      expect(pub.map((h) => h.id).sort()).toEqual([1, 3]);
      expect((await store.search(unit([1, 0]), 3, { sources: ['c.txt'] })).map((h) => h.id)).toEqual([3]);
    });

    it('tells which ids have no vector', async () => {
      expect(await store.missing([1, 2, 3])).toEqual([]);
      await store.delete([2]);
      expect(await store.missing([3, 2, 7, 1])).toEqual([2, 7]);
      expect(await store.missing([])).toEqual([]);
    });

    it('replaces on upsert and deletes by id', async () => {
      await store.upsert([
        { id: 3, vector: unit([1, 0.05]), payload: { docId: 'd3', source: 'c.txt', visibility: 'public' } },
      ]);
      await store.delete([1]);
      const hits = await store.search(unit([1, 0]), 3);
      expect(hits.map((h) => h.id)).toEqual([3, 2]);
      expect(await store.count()).toBe(2);
    });
  });
}
