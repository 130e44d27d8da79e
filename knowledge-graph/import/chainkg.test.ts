import { describe, expect, it } from 'vitest';
import { PUBLIC_PRINCIPAL, SYSTEM_PRINCIPAL } from '../schema/index.js';
import { UPSTREAM_STEPS } from '../store/port.js';
import { importChainkg } from './chainkg.js';
import { fixtureDir, memoryStore } from './testing/fixture-store.js';

const j = (value: unknown) => JSON.stringify(value);

function chainkgFixture(overrides: Record<string, string[]> = {}): string {
  return fixtureDir({
    'industry.jsonl': [j({ code: '280000', name: '汽车' }), j({ code: '280200', name: '汽车零部件' })],
    'industry_industry.jsonl': [
      j({
        from_code: '280200',
        from_industry: '汽车零部件',
        rel: '上级行业',
        to_code: '280000',
        to_industry: '汽车',
      }),
    ],
    'industry_up.jsonl': [j({ industry: '汽车', ups: { 汽车零部件: 3, 不存在行业: 1 } })],
    'company.jsonl': [
      j({
        name: '小康股份',
        fullname: '重庆小康工业集团股份有限公司',
        code: '601127.SH',
        location: '上海证券交易所',
        time: '2016-06-15',
      }),
      j({
        name: '小康股份',
        fullname: '重庆小康工业集团股份有限公司',
        code: '601127',
        location: '上海证券交易所',
        time: '上海证券交易所',
      }),
      j({ name: '玲珑轮胎', fullname: '山东玲珑轮胎股份有限公司', code: '601966.SH', time: '2016-07-06' }),
    ],
    'company_industry.jsonl': [
      j({ company_code: '601127.SH', industry_code: '280000', industry_name: '汽车' }),
      j({ company_code: '999999.SZ', industry_code: '280000', industry_name: '汽车' }),
      j({
        company_code: '605088.SH',
        industry_code: '280000',
        industry_name: '汽车',
        company_name: '冠盛股份',
      }),
    ],
    'product.jsonl': [
      j({ name: '轮胎' }),
      j({ name: '天然橡胶' }),
      j({ name: '汽车' }),
      j({ name: '子午线轮胎' }),
    ],
    'company_product.jsonl': [
      j({ company_code: '601127.SH', product: '汽车', weight: 0.82 }),
      j({ company_code: '601966', product: '轮胎', weight: 1.05 }),
      j({ company_code: '601966', product: '天然橡胶', weight: -0.02 }),
      j({ company_code: '601966', product: '轮胎', weight: 'high' }),
    ],
    'product_product.jsonl': [
      j({ from_product: '轮胎', to_product: '天然橡胶', rel: '上游材料' }),
      j({ from_product: '轮胎', to_product: '汽车', rel: '下游产品' }),
      j({ from_product: '轮胎', to_product: '子午线轮胎', rel: '产品小类' }),
      j({ from_product: '轮胎', to_product: '钢丝帘线', rel: '上游材料' }),
      '{"from_product": "轮胎", ',
    ],
    ...overrides,
  });
}

describe('chainkg import', () => {
  it('builds one enterprise per code and keeps weights as given, flagged', async () => {
    const store = memoryStore();
    const summary = await importChainkg(chainkgFixture(), { store });
    const byCode = await store.findNodes({ text: '601127.SH' }, PUBLIC_PRINCIPAL);
    const byName = await store.findNodes({ text: '重庆小康工业集团股份有限公司' }, PUBLIC_PRINCIPAL);
    expect(byCode.map((n) => n.id)).toEqual(['enterprise:601127']);
    expect(byName.map((n) => n.id)).toEqual(['enterprise:601127']);
    expect(byCode[0]!.provenance.map((p) => p.record)).toEqual(['company.jsonl:1', 'company.jsonl:2']);
    expect(byCode[0]!.props).toMatchObject({ code: '601127', exchange: 'SH', listedAt: '2016-06-15' });
    const tyre = await store.getEdge('PRODUCES|enterprise:601966|product:轮胎', PUBLIC_PRINCIPAL);
    expect(tyre?.props).toMatchObject({ weight: 1.05, weightFlag: 'above_one' });
    const rubber = await store.getEdge('PRODUCES|enterprise:601966|product:天然橡胶', PUBLIC_PRINCIPAL);
    expect(rubber?.props).toMatchObject({ weight: -0.02, weightFlag: 'negative' });
    expect(summary.notes.join('\n')).toMatch(/1 revenue-share weights above 1/);
  });

  it('maps product relations by their direction and infers the region, marked inferred', async () => {
    const store = memoryStore();
    await importChainkg(chainkgFixture(), { store });
    const up = await store.traverse('product:汽车', { steps: UPSTREAM_STEPS, depth: 2 }, PUBLIC_PRINCIPAL);
    expect(up.map((r) => r.node.name)).toEqual(['轮胎', '天然橡胶']);
    expect(
      await store.getEdge('SUBTYPE_OF|product:子午线轮胎|product:轮胎', PUBLIC_PRINCIPAL),
    ).not.toBeNull();
    const located = await store.neighbours(
      'enterprise:601127',
      { edgeTypes: ['LOCATED_IN'] },
      PUBLIC_PRINCIPAL,
    );
    expect(located.map((n) => n.node.name)).toEqual(['重庆市']);
    expect(located[0]!.edge.provenance[0]).toMatchObject({ inferred: true });
    const linglong = await store.neighbours(
      'enterprise:601966',
      { edgeTypes: ['LOCATED_IN'] },
      PUBLIC_PRINCIPAL,
    );
    expect(linglong.map((n) => n.node.name)).toEqual(['山东省']);
  });

  it('reports every bad record with file, line and reason and writes the rest', async () => {
    const store = memoryStore();
    const summary = await importChainkg(chainkgFixture(), { store });
    const rejects = summary.rejects.map((r) => `${r.file}:${r.line} ${r.reason.split(':')[0]}`);
    expect(rejects).toEqual([
      'company_industry.jsonl:2 unknown company',
      'company_product.jsonl:4 invalid record',
      'product_product.jsonl:4 unknown product',
      'product_product.jsonl:5 malformed JSON',
    ]);
    expect(summary.rejects.find((r) => r.line === 4 && r.file === 'company_product.jsonl')!.reason).toMatch(
      /weight/,
    );
    expect(summary.reasons).toEqual({
      'unknown company': 1,
      'invalid record': 1,
      'unknown product': 1,
      'malformed JSON': 1,
    });
    expect((await store.stats(SYSTEM_PRINCIPAL)).edgesByType).toMatchObject({
      PRODUCES: 3,
      MADE_FROM: 2,
      SUBTYPE_OF: 1,
    });
    // Names a record gives are kept, said in the notes: an upstream industry and a company that
    // company.jsonl lacks.
    expect(summary.notes.join('\n')).toMatch(
      /upstream industry 不存在行业 is not in industry\.jsonl; kept by name/,
    );
    expect(summary.notes.join('\n')).toMatch(
      /605088\.SH 冠盛股份 is not in company\.jsonl; kept from this record/,
    );
    const kept = await store.getNode('enterprise:605088', SYSTEM_PRINCIPAL);
    expect(kept).toMatchObject({ name: '冠盛股份', props: { code: '605088', exchange: 'SH' } });
  });

  it('gives the same counts on a re-run', async () => {
    const store = memoryStore();
    const dir = chainkgFixture();
    await importChainkg(dir, { store });
    const before = await store.stats(SYSTEM_PRINCIPAL);
    const again = await importChainkg(dir, { store });
    expect(await store.stats(SYSTEM_PRINCIPAL)).toEqual(before);
    expect(again.written.nodesCreated + again.written.edgesCreated).toBe(0);
  });

  it('notes empty files and refuses a directory missing one', async () => {
    const summary = await importChainkg(chainkgFixture({ 'industry_up.jsonl': [] }), {
      store: memoryStore(),
    });
    expect(summary.notes).toContain('industry_up.jsonl is empty');
    const dir = fixtureDir({ 'company.jsonl': [] });
    await expect(importChainkg(dir, { store: memoryStore() })).rejects.toThrow(/industry\.jsonl: missing/);
  });
});
