import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { retrievalFor } from '../../../engine/retrieval.js';
import type { GraphEdge, GraphNode } from '../../../knowledge-graph/schema/index.js';
import { type Fixture, openFixture, SECRET } from '../../test-fixture.js';

const provenance = [
  { source: 'test', record: 'regions.jsonl:1', ingestedAt: '2025-01-01T00:00:00.000Z', confidence: 1 },
];

let f: Fixture;
beforeAll(async () => {
  f = await openFixture();
  // 甲企业 sits in 两江新区, inside 重庆市; 乙企业 is placed nowhere.
  await f.engine.graph.upsert({
    nodes: [
      {
        id: 'region:重庆市',
        type: 'Region',
        name: '重庆市',
        aliases: [],
        props: { level: 'province' },
        provenance,
        visibility: 'public',
      },
      {
        id: 'region:两江新区',
        type: 'Region',
        name: '两江新区',
        aliases: [],
        props: { level: 'district' },
        provenance,
        visibility: 'public',
      },
    ] as GraphNode[],
    edges: [
      ['region:两江新区', 'region:重庆市'],
      ['enterprise:E1', 'region:两江新区'],
    ].map(([from, to]) => ({
      id: `LOCATED_IN|${from}|${to}`,
      type: 'LOCATED_IN',
      from: from!,
      to: to!,
      props: {},
      provenance,
      visibility: 'public',
    })) as GraphEdge[],
  });
});
afterAll(() => f.close());

const q = (params: Record<string, string>) => new URLSearchParams(params).toString();
async function get(path: string, key: string | undefined) {
  const res = await f.request(path, key ? { key } : {});
  const text = await res.text();
  return {
    status: res.status,
    text,
    body: text.startsWith('{') ? (JSON.parse(text) as Record<string, unknown>) : {},
  };
}
const expandAs = (key: string, params: Record<string, string>) =>
  get(`/portal-api/explore/expand?${q(params)}`, key);
const names = (body: Record<string, unknown>) =>
  ((body.items ?? body.results ?? []) as Array<{ name: string }>).map((i) => i.name);

describe('explorer expansion: one tier at a time, as the caller may see it', () => {
  it('an enterprise sees its own shared inputs and never another tenant’s', async () => {
    const asE1 = await expandAs(f.key.e1, { id: 'product:动力电池', dir: 'up' });
    expect(asE1.status).toBe(200);
    expect(names(asE1.body)).toEqual(expect.arrayContaining(['碳酸锂', SECRET.E1]));
    expect(asE1.text).not.toContain(SECRET.E2);
    const asE2 = await expandAs(f.key.e2, { id: 'product:动力电池', dir: 'up' });
    expect(names(asE2.body)).toEqual(expect.arrayContaining(['碳酸锂', SECRET.E2]));
    expect(asE2.text).not.toContain(SECRET.E1);
    const asAnalyst = await expandAs(f.key.analyst, { id: 'product:动力电池', dir: 'up' });
    expect(names(asAnalyst.body)).toEqual(['碳酸锂']);
    const asAdmin = await expandAs(f.key.admin, { id: 'product:动力电池', dir: 'up' });
    expect(names(asAdmin.body)).toEqual(['碳酸锂', SECRET.E2, SECRET.E1]);
  });

  it('orders by share, states it in words and links the record to check', async () => {
    const { body } = await expandAs(f.key.e1, { id: 'product:动力电池', dir: 'up' });
    const items = body.items as Array<{
      name: string;
      share?: number;
      fact: string;
      sourceHref?: string;
      href?: string;
    }>;
    expect(items.map((i) => i.share)).toEqual([0.4, 0.1]);
    expect(items[0]).toMatchObject({
      fact: '动力电池 的投入品包括 碳酸锂（投入占比 40%）',
      href: `/products/${encodeURIComponent('product:碳酸锂')}`,
      sourceHref: `/records/edge/${encodeURIComponent('MADE_FROM|product:动力电池|product:碳酸锂')}`,
    });
  });

  it('pages a wide node: a limit, the total and where the next page starts', async () => {
    const first = await expandAs(f.key.admin, { id: 'product:动力电池', dir: 'up', limit: '2' });
    expect(first.body).toMatchObject({ total: 3, offset: 0, next: 2 });
    expect(names(first.body)).toEqual(['碳酸锂', SECRET.E2]);
    const second = await expandAs(f.key.admin, {
      id: 'product:动力电池',
      dir: 'up',
      limit: '2',
      offset: '2',
    });
    expect(second.body).toMatchObject({ total: 3, offset: 2, next: null });
    expect(names(second.body)).toEqual([SECRET.E1]);
  });

  it('splits producers between the chosen region (and the places in it) and elsewhere', async () => {
    const down = await expandAs(f.key.analyst, {
      id: 'product:碳酸锂',
      dir: 'down',
      region: 'region:重庆市',
    });
    expect(down.body.items).toEqual([
      expect.objectContaining({ name: '动力电池', producers: { total: 1, local: 1 } }),
    ]);
    const up = await expandAs(f.key.analyst, { id: 'product:动力电池', dir: 'up', region: 'region:重庆市' });
    expect(up.body.items).toEqual([
      expect.objectContaining({ name: '碳酸锂', producers: { total: 1, local: 0 } }),
    ]);
    const none = await expandAs(f.key.analyst, { id: 'product:碳酸锂', dir: 'down' });
    expect(none.body.items).toEqual([expect.objectContaining({ producers: { total: 1, local: 0 } })]);
  });

  it('an enterprise’s suppliers follow the supply edge’s visibility', async () => {
    const asE1 = await expandAs(f.key.e1, { id: 'enterprise:E1', dir: 'up' });
    expect(asE1.body).toMatchObject({ total: 0, items: [] });
    const asE2 = await expandAs(f.key.e2, { id: 'enterprise:E1', dir: 'up' });
    expect(names(asE2.body)).toEqual(['乙企业']);
  });
});

describe('explorer search and node panel', () => {
  it('finds products, enterprises and regions by name, and nothing the caller may not see', async () => {
    const found = await get(`/portal-api/explore/search?${q({ q: '碳酸锂' })}`, f.key.analyst);
    expect(found.body.results).toEqual([
      expect.objectContaining({ id: 'product:碳酸锂', name: '碳酸锂', type: 'Product', typeLabel: '产品' }),
    ]);
    expect(
      names((await get(`/portal-api/explore/search?${q({ q: '重庆' })}`, f.key.analyst)).body),
    ).toContain('重庆市');
    const hidden = await get(`/portal-api/explore/search?${q({ q: SECRET.E2 })}`, f.key.e1);
    expect(hidden.body.results).toEqual([]);
    const own = await get(`/portal-api/explore/search?${q({ q: SECRET.E2 })}`, f.key.e2);
    expect(names(own.body)).toEqual([SECRET.E2]);
  });

  it('a node the caller may not see is not found, exactly like one that is not there', async () => {
    const hidden = await get(`/portal-api/explore/node?${q({ id: 'product:乙材料' })}`, f.key.e1);
    const missing = await get(`/portal-api/explore/node?${q({ id: 'product:不存在' })}`, f.key.e1);
    expect(hidden.status).toBe(404);
    expect(missing.status).toBe(404);
    expect(hidden.body.detail).toBe(missing.body.detail);
    expect(hidden.text).not.toContain(SECRET.E2);
    expect((await expandAs(f.key.e1, { id: 'product:乙材料', dir: 'up' })).status).toBe(404);
    expect((await get(`/portal-api/explore/insight?${q({ id: 'product:乙材料' })}`, f.key.e1)).status).toBe(
      404,
    );
  });

  it('the panel lists facts, producers, sources and only the documents the caller may read', async () => {
    const asE1 = await get(
      `/portal-api/explore/node?${q({ id: 'product:动力电池', region: 'region:重庆市' })}`,
      f.key.e1,
    );
    expect(asE1.status).toBe(200);
    expect(asE1.body).toMatchObject({
      name: '动力电池',
      typeLabel: '产品',
      producers: {
        total: 1,
        local: 1,
        items: [expect.objectContaining({ name: '甲企业', local: true, share: 0.8 })],
      },
    });
    expect(asE1.body.sources).toEqual([
      { label: 'test', href: `/records/node/${encodeURIComponent('product:动力电池')}` },
    ]);
    const docsE1 = (asE1.body.documents as Array<{ label: string; href: string }>).map((d) => d.label);
    expect(docsE1).toContain('甲企业内部报告');
    const insight = await get(`/portal-api/explore/insight?${q({ id: 'product:碳酸锂' })}`, f.key.e1);
    expect(insight.status).toBe(200);
    expect(Object.keys(insight.body).sort()).toEqual(['price', 'risk']);
    expect(insight.text).not.toContain('price-2');
    const asE2 = await get(`/portal-api/explore/node?${q({ id: 'product:动力电池' })}`, f.key.e2);
    expect(asE2.text).not.toContain('甲企业内部报告');
    expect(asE2.text).not.toContain(SECRET.E1);
  });

  it('refuses callers without a session or a graph role, and says what is wrong in the page’s language', async () => {
    expect((await get(`/portal-api/explore/search?${q({ q: '碳酸锂' })}`, undefined)).status).toBe(401);
    expect((await get(`/portal-api/explore/search?${q({ q: '碳酸锂' })}`, f.key.evaluator)).status).toBe(403);
    const bad = await get(
      '/portal-api/explore/expand?id=product%3A%E7%A2%B3%E9%85%B8%E9%94%82&dir=sideways',
      f.key.analyst,
    );
    expect(bad.status).toBe(400);
    expect(String(bad.body.detail)).toMatch(/^请求参数有误：dir/);
    const en = await get('/portal-api/explore/expand?dir=up&lang=en', f.key.analyst);
    expect(String(en.body.detail)).toMatch(/^The request is invalid: id/);
  });
});

describe('profile and citation pages follow the same grants', () => {
  it('a private product, record or document is not found for another tenant and shown to its own', async () => {
    const edge = `/records/edge/${encodeURIComponent('MADE_FROM|product:动力电池|product:乙材料')}`;
    expect((await get(edge, f.key.e1)).status).toBe(404);
    const own = await get(edge, f.key.e2);
    expect(own.status).toBe(200);
    expect(own.text).toContain(SECRET.E2);
    expect((await get(`/products/${encodeURIComponent('product:乙材料')}`, f.key.e1)).status).toBe(404);
    const doc = (await (await retrievalFor(f.engine)).documents()).find(
      (d) => d.visibility === 'enterprise:E1',
    )!;
    expect((await get(`/documents/${doc.id}`, f.key.e2)).status).toBe(404);
    const page = await get(`/documents/${doc.id}`, f.key.e1);
    expect(page.status).toBe(200);
    expect(page.text).toContain(SECRET.E1);
    expect(page.text).toContain('id="chunk-0"');
  });

  it('a product profile links every name and states shares in words', async () => {
    const page = await get(`/products/${encodeURIComponent('product:动力电池')}`, f.key.analyst);
    expect(page.status).toBe(200);
    expect(page.text).toContain(`href="/products/${encodeURIComponent('product:碳酸锂')}"`);
    expect(page.text).toContain(`href="/enterprises/${encodeURIComponent('enterprise:E1')}"`);
    expect(page.text).toContain('40%');
    expect(page.text).not.toContain(SECRET.E1);
    const enterprise = await get(`/enterprises/${encodeURIComponent('enterprise:E1')}`, f.key.analyst);
    expect(enterprise.status).toBe(200);
    expect(enterprise.text).toContain(`href="/products/${encodeURIComponent('product:动力电池')}"`);
    expect(enterprise.text).toContain('80%');
  });
});
