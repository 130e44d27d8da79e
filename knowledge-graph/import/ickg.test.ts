import { describe, expect, it } from 'vitest';
import { PUBLIC_PRINCIPAL, SYSTEM_PRINCIPAL } from '../schema/index.js';
import { node } from '../store/fixtures.js';
import { importIckg } from './ickg.js';
import { fixtureDir, memoryStore } from './testing/fixture-store.js';

const entities = [
  '长安汽车',
  '重庆长安汽车股份有限公司',
  '宁德时代',
  '汽车整车制造',
  '动力电池',
  '中国长安汽车集团',
];
const relations = [
  '涉足行业',
  '归属于行业',
  '包含',
  '合作',
  '上游于',
  '持有专利',
  '供给',
  '并购',
  '投资',
  '母公司/控股',
  '竞争',
  '基于专利生产',
  '合资',
];

function ickgFixture(train: string[], extra: Record<string, string[]> = {}): string {
  return fixtureDir({
    'entity2id.txt': entities.map((e, i) => `${e}\t${i}`),
    'relation2id.txt': relations.map((r, i) => `${r}\t${i}`),
    'time2id.txt': ['0,2025-01-01', '1,2025-03-15', '2,2025-06-30'],
    'train.txt': train,
    'valid.txt': [],
    'test.txt': [],
    ...extra,
  });
}

async function storeWithChangan() {
  const store = memoryStore();
  await store.upsert({
    nodes: [
      node('Enterprise', '长安汽车', {
        key: '000625',
        aliases: ['重庆长安汽车股份有限公司'],
        props: { code: '000625' },
        source: 'chainkg',
      }),
    ],
  });
  return store;
}

describe('ICKG import', () => {
  it('resolves short and full names to the listed enterprise and merges dated quadruples', async () => {
    const store = await storeWithChangan();
    // 宁德时代 supplies 长安汽车 (twice) and 重庆长安汽车股份有限公司 (once): one edge, three observations.
    const summary = await importIckg(ickgFixture(['2 6 0 1', '2 6 1 2', '2 6 0 0', '5 9 0 1']), { store });
    const supply = await store.getEdge(
      'SUPPLIES|enterprise:ickg:宁德时代|enterprise:000625',
      PUBLIC_PRINCIPAL,
    );
    expect(supply?.props).toMatchObject({
      observations: 3,
      firstSeen: '2025-01-01',
      lastSeen: '2025-06-30',
      relation: '供给',
    });
    expect(supply?.provenance[0]).toMatchObject({ source: 'ickg25', validFrom: '2025-01-01' });
    const changan = await store.getNode('enterprise:000625', PUBLIC_PRINCIPAL);
    expect(changan?.name).toBe('长安汽车');
    expect(changan?.provenance.map((p) => p.source)).toContain('ickg25');
    expect(await store.getNode('enterprise:ickg:中国长安汽车', PUBLIC_PRINCIPAL)).not.toBeNull();
    expect(summary.notes.join()).toMatch(/quadruples merged/);
  });

  it('skips patent relations and bad lines with reasons', async () => {
    const store = await storeWithChangan();
    const summary = await importIckg(ickgFixture(['0 5 4 0', '1 2 3', '0 0 99 0', 'a b c d', '0 0 3 1']), {
      store,
    });
    expect(summary.rejects.map((r) => [r.line, r.reason.split(':')[0]])).toEqual([
      [1, 'relation outside the schema'],
      [2, 'malformed quadruple'],
      [3, 'unknown id'],
      [4, 'malformed quadruple'],
    ]);
    expect(
      await store.getEdge('IN_INDUSTRY|enterprise:000625|industry:ickg:汽车整车制造', PUBLIC_PRINCIPAL),
    ).not.toBeNull();
  });

  it('is idempotent on re-run', async () => {
    const store = await storeWithChangan();
    const dir = ickgFixture(['2 6 0 1', '0 0 3 1', '3 4 4 2']);
    await importIckg(dir, { store });
    const before = await store.stats(SYSTEM_PRINCIPAL);
    const again = await importIckg(dir, { store });
    expect(await store.stats(SYSTEM_PRINCIPAL)).toEqual(before);
    expect(again.written.nodesCreated + again.written.edgesCreated).toBe(0);
  });

  it('refuses a relation table it does not know and a missing split file', async () => {
    await expect(
      importIckg(ickgFixture([], { 'relation2id.txt': ['造谣\t0'] }), { store: memoryStore() }),
    ).rejects.toThrow(/unknown relation 造谣/);
    const dir = fixtureDir({
      'entity2id.txt': ['a\t0'],
      'relation2id.txt': ['合作\t0'],
      'time2id.txt': ['0,2025-01-01'],
    });
    await expect(importIckg(dir, { store: memoryStore() })).rejects.toThrow(/train\.txt: no such file/);
  });
});
