import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../knowledge-graph/store/sqlite-db.js';
import { vectorStoreContract } from './contract.test-suite.js';
import { EmbeddedVectorStore } from './embedded.js';

vectorStoreContract(
  'embedded (exact)',
  async () => new EmbeddedVectorStore(openDatabase(':memory:'), { dimensions: 8 }),
);
vectorStoreContract(
  'embedded (HNSW)',
  async () => new EmbeddedVectorStore(openDatabase(':memory:'), { dimensions: 8, annThreshold: 1 }),
);

function randomUnit(seed: number, d: number): Float32Array {
  let s = seed;
  const v = Float32Array.from({ length: d }, () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32 - 0.5;
  });
  const n = Math.hypot(...v);
  return v.map((x) => x / n);
}

describe('EmbeddedVectorStore ANN', () => {
  it('switches to HNSW above the threshold and agrees with exact search', async () => {
    const db = openDatabase(':memory:');
    const store = new EmbeddedVectorStore(db, { dimensions: 16, annThreshold: 500 });
    await store.upsert(
      Array.from({ length: 1500 }, (_, i) => ({
        id: i + 1,
        vector: randomUnit(i + 1, 16),
        payload: { docId: 'd', source: 's', visibility: 'public' },
      })),
    );
    expect(store.usesAnn).toBe(true);
    let found = 0;
    for (let q = 0; q < 30; q++) {
      const query = randomUnit(10_000 + q, 16);
      const exact = new Set(store.searchSync(query, 10, undefined, 'exact').map((h) => h.id));
      found += store.searchSync(query, 10).filter((h) => exact.has(h.id)).length;
    }
    expect(found / 300).toBeGreaterThan(0.95);
  });

  it('sees writes committed by another connection', async () => {
    const { mkdtempSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const path = join(mkdtempSync(join(tmpdir(), 'ibrain-vec-')), 'v.sqlite');
    const reader = new EmbeddedVectorStore(openDatabase(path), { dimensions: 16 });
    expect(await reader.count()).toBe(0);
    const writer = new EmbeddedVectorStore(openDatabase(path), { dimensions: 16 });
    await writer.upsert([
      { id: 7, vector: randomUnit(7, 16), payload: { docId: 'd', source: 's', visibility: 'public' } },
    ]);
    expect((await reader.search(randomUnit(7, 16), 1))[0]?.id).toBe(7);
  });
});

describe('EmbeddedVectorStore ANN persistence', () => {
  it('saves the index beside the database and reconciles it with the vectors on reopen', async () => {
    const { existsSync, mkdtempSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'ibrain-ann-'));
    const db = join(dir, 'v.sqlite');
    const ann = { path: join(dir, 'vectors.hnsw') };
    const payload = { docId: 'd', source: 's', visibility: 'public' };
    const first = new EmbeddedVectorStore(openDatabase(db), { dimensions: 16, annThreshold: 100, ann });
    await first.upsert(
      Array.from({ length: 300 }, (_, i) => ({ id: i + 1, vector: randomUnit(i + 1, 16), payload })),
    );
    expect(first.usesAnn).toBe(true);
    await first.close();
    expect(existsSync(ann.path)).toBe(true);

    // Another process changed the vectors meanwhile: one deleted, one re-embedded under the same id.
    const writer = new EmbeddedVectorStore(openDatabase(db), { dimensions: 16 });
    await writer.delete([5]);
    await writer.upsert([{ id: 7, vector: randomUnit(9_999, 16), payload }]);

    const reopened = new EmbeddedVectorStore(openDatabase(db), { dimensions: 16, annThreshold: 100, ann });
    expect(reopened.usesAnn).toBe(true);
    expect((await reopened.search(randomUnit(5, 16), 1))[0]?.id).not.toBe(5);
    expect((await reopened.search(randomUnit(9_999, 16), 1))[0]).toMatchObject({ id: 7 });
    expect((await reopened.search(randomUnit(42, 16), 1))[0]?.id).toBe(42);
  });
});
