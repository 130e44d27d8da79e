import { join } from 'node:path';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { PUBLIC_PRINCIPAL, SYSTEM_PRINCIPAL } from '../schema/index.js';
import { UPSTREAM_STEPS } from '../store/port.js';
import type { SqliteGraphStore } from '../store/sqlite.js';
import { importChainkg } from './chainkg.js';
import { importIckg } from './ickg.js';
import { readLines } from './lines.js';
import { memoryStore } from './testing/fixture-store.js';

const shared = inject('sharedData');
const skip = shared ? false : 'needs ../shared/data (chainkg, ickg25): absent, so skipped';

describe.skipIf(!!skip)('real data: chainkg and ICKG 2025', () => {
  let store: SqliteGraphStore;
  beforeAll(async () => {
    store = memoryStore();
    await importChainkg(join(shared, 'chainkg'), { store });
    await importIckg(join(shared, 'ickg25'), { store });
  }, 180_000);

  it('resolves 601127, 601127.SH, 小康股份 and the registered name to one node', async () => {
    const ids = new Set<string>();
    for (const text of ['601127', '601127.SH', '小康股份', '重庆小康工业集团股份有限公司']) {
      const found = await store.findNodes({ text, types: ['Enterprise'] }, PUBLIC_PRINCIPAL);
      expect(found, text).toHaveLength(1);
      ids.add(found[0]!.id);
    }
    expect([...ids]).toEqual(['enterprise:601127']);
  });

  it("carries company_product's weights on 601127's PRODUCES edges", async () => {
    const expected = new Map<string, number>();
    for await (const { text } of readLines(join(shared, 'chainkg', 'company_product.jsonl'))) {
      const r = JSON.parse(text) as { company_code: string; product: string; weight: number };
      if (r.company_code.startsWith('601127')) expected.set(r.product, r.weight);
    }
    expect(expected.size).toBeGreaterThan(0);
    const produces = await store.neighbours(
      'enterprise:601127',
      { edgeTypes: ['PRODUCES'], direction: 'out' },
      PUBLIC_PRINCIPAL,
    );
    const chainkgEdges = produces.filter((n) => n.edge.provenance.some((p) => p.source === 'chainkg'));
    expect(new Map(chainkgEdges.map((n) => [n.node.name, n.edge.props.weight]))).toEqual(expected);
  });

  it('lists 天然橡胶 among the upstream materials of 轮胎', async () => {
    const up = await store.traverse('product:轮胎', { steps: UPSTREAM_STEPS, depth: 1 }, PUBLIC_PRINCIPAL);
    expect(up.map((r) => r.node.name)).toContain('天然橡胶');
  });

  it("resolves ICKG's 长安汽车 and 重庆长安汽车股份有限公司 to the chainkg enterprise 000625", async () => {
    for (const text of ['长安汽车', '重庆长安汽车股份有限公司']) {
      const found = await store.findNodes({ text, types: ['Enterprise'] }, SYSTEM_PRINCIPAL);
      expect(
        found.map((n) => n.id),
        text,
      ).toEqual(['enterprise:000625']);
    }
    const changan = await store.getNode('enterprise:000625', PUBLIC_PRINCIPAL);
    expect(changan!.provenance.map((p) => p.source)).toEqual(expect.arrayContaining(['chainkg', 'ickg25']));
    const ickgEdges = (await store.neighbours('enterprise:000625', {}, PUBLIC_PRINCIPAL)).filter((n) =>
      n.edge.provenance.some((p) => p.source === 'ickg25'),
    );
    expect(ickgEdges.length).toBeGreaterThan(0);
    expect(await store.getNode('enterprise:ickg:中国长安汽车', PUBLIC_PRINCIPAL)).not.toBeNull();
  });
});

describe.skipIf(!skip)('real data', () => {
  it.skip(String(skip), () => {});
});
