import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Fixture, openFixture, SECRET } from './test-fixture.js';

let f: Fixture;
beforeAll(async () => {
  f = await openFixture();
});
afterAll(() => f.close());

const json = async (res: Response) => (await res.json()) as Record<string, unknown>;

describe('authentication and roles', () => {
  it('answers 401 with problem+json and a challenge when no key is given', async () => {
    const res = await f.request('/v1/graph/entities/product:碳酸锂');
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(res.headers.get('www-authenticate')).toMatch(/Bearer/);
    expect(await json(res)).toMatchObject({ status: 401, title: 'Unauthorized' });
  });

  it('answers 401 for a wrong key, also one shaped like a real key', async () => {
    const forged = `${f.key.admin.slice(0, -4)}AAAA`;
    for (const key of ['nonsense', forged]) {
      expect((await f.request('/v1/search?q=锂', { key })).status).toBe(401);
    }
  });

  it('answers 403 to a key of the wrong role', async () => {
    const res = await f.request('/v1/graph/entities/product:碳酸锂', { key: f.key.evaluator });
    expect(res.status).toBe(403);
    expect(await json(res)).toMatchObject({ status: 403, title: 'Forbidden' });
    expect((await f.request('/metrics', { key: f.key.e1 })).status).toBe(403);
    expect((await f.request('/metrics', { key: f.key.admin })).status).toBe(200);
  });

  it('audits every denied access without the key', async () => {
    await f.request('/v1/graph/entities/x', { key: f.key.evaluator });
    const entries = await f.engine.state.audit.recent(20);
    const denied = entries.filter((e) => e.outcome === 'denied');
    expect(denied.some((e) => e.status === 403 && e.role === 'evaluator')).toBe(true);
    expect(denied.some((e) => e.status === 401)).toBe(true);
    const secrets = Object.values(f.key).map((k) => k.slice('ibk_'.length + 17));
    for (const e of entries) for (const s of secrets) expect(JSON.stringify(e)).not.toContain(s);
  });
});

describe('an enterprise key sees public data and its own enterprise only', () => {
  it('graph entity: another enterprise’s product is not found; its own is', async () => {
    expect((await f.request('/v1/graph/entities/product:乙材料', { key: f.key.e1 })).status).toBe(404);
    expect(
      (await f.request(`/v1/graph/entities/${encodeURIComponent(SECRET.E2)}`, { key: f.key.e1 })).status,
    ).toBe(404);
    expect((await f.request('/v1/graph/entities/product:甲材料', { key: f.key.e1 })).status).toBe(200);
  });

  it('graph neighbours and upstream leave the other enterprise’s edges out', async () => {
    const n = await json(
      await f.request('/v1/graph/entities/product:动力电池/neighbours', { key: f.key.e1 }),
    );
    const names = JSON.stringify(n);
    expect(names).toContain(SECRET.E1);
    expect(names).not.toContain(SECRET.E2);
    const up = await json(
      await f.request('/v1/graph/entities/product:动力电池/upstream?depth=2', { key: f.key.e1 }),
    );
    expect(JSON.stringify(up)).toContain('锂辉石');
    expect(JSON.stringify(up)).not.toContain(SECRET.E2);
    const supplies = await json(
      await f.request('/v1/graph/entities/enterprise:E1/neighbours?rel=SUPPLIES', { key: f.key.e1 }),
    );
    expect(supplies.total).toBe(0);
  });

  it('graph path: no path through, or to, the other enterprise’s facts', async () => {
    const res = await f.request(
      `/v1/graph/path?from=${encodeURIComponent('product:动力电池')}&to=${encodeURIComponent('product:乙材料')}`,
      { key: f.key.e1 },
    );
    expect(res.status).toBe(404);
    const own = await f.request(
      `/v1/graph/path?from=${encodeURIComponent('enterprise:E2')}&to=${encodeURIComponent('enterprise:E1')}&maxDepth=1`,
      { key: f.key.e2 },
    );
    expect(((await json(own)).paths as unknown[]).length).toBe(1);
  });

  it('search: the other enterprise’s document never comes back', async () => {
    const mine = await json(
      await f.request(`/v1/search?q=${encodeURIComponent(SECRET.E1)}`, { key: f.key.e1 }),
    );
    expect(JSON.stringify(mine.hits)).toContain(SECRET.E1);
    const theirs = await json(
      await f.request(`/v1/search?q=${encodeURIComponent(SECRET.E2)}`, { key: f.key.e1 }),
    );
    expect(JSON.stringify(theirs.hits)).not.toContain(SECRET.E2);
    const visibilities = (theirs.hits as Array<{ visibility: string }>).map((h) => h.visibility);
    expect(visibilities.every((v) => v === 'public' || v === 'enterprise:E1')).toBe(true);
  });

  it('ask: answers from own and public data, never from the other enterprise’s', async () => {
    const ask = async (key: string, question: string) =>
      json(
        await f.request('/v1/ask', {
          method: 'POST',
          key,
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ question }),
        }),
      );
    const theirs = await ask(f.key.e1, `${SECRET.E2}用于什么？`);
    expect(JSON.stringify(theirs)).not.toMatch(/乙企业的|成本下降/);
    const inputs = await ask(f.key.e1, '动力电池的上游原料有哪些？');
    expect(JSON.stringify(inputs)).toContain(SECRET.E1);
    expect(JSON.stringify(inputs)).not.toContain(SECRET.E2);
    const own = await ask(f.key.e2, `${SECRET.E2}用于什么？`);
    expect(JSON.stringify(own)).toContain(SECRET.E2);
  });

  it('documents list: only public and own documents', async () => {
    const list = await json(await f.request('/v1/documents', { key: f.key.e1 }));
    const vis = (list.documents as Array<{ visibility: string }>).map((d) => d.visibility).sort();
    expect(vis).toEqual(['enterprise:E1', 'public']);
  });

  it('series: another enterprise’s series is not found; its own and public ones are', async () => {
    expect((await f.request('/v1/series/series:price-2', { key: f.key.e1 })).status).toBe(404);
    expect((await f.request('/v1/series/price-2', { key: f.key.e1 })).status).toBe(404);
    expect((await f.request('/v1/series/series:price-1', { key: f.key.e1 })).status).toBe(200);
    const pub = await json(await f.request('/v1/series/series:price-0?from=2024-01-01', { key: f.key.e1 }));
    expect((pub.points as unknown[]).length).toBe(12);
  });

  it('risk and scenarios: the other enterprise’s private input is neither scored nor reachable', async () => {
    const risk = await f.request(`/v1/risk?scope=${encodeURIComponent('product:动力电池')}`, {
      key: f.key.e1,
    });
    expect(risk.status).toBe(200);
    expect(JSON.stringify(await risk.json())).not.toMatch(/乙材料|乙方/);
    const shock = await f.request('/v1/scenarios', {
      method: 'POST',
      key: f.key.e1,
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ shocks: ['price:product:乙材料:+30%'] }),
    });
    expect(shock.status).toBe(404);
  });

  it('documents upload: an enterprise’s upload is its own, whatever visibility it asks for, and is audited', async () => {
    const form = new FormData();
    form.set(
      'file',
      new File(['甲企业上传的丙型隔膜试验记录，良率提升。'], '../../etc/试验.md', { type: 'text/markdown' }),
    );
    form.set('visibility', 'public');
    const res = await f.request('/v1/documents', { method: 'POST', key: f.key.e1, body: form });
    expect(res.status).toBe(201);
    expect(await json(res)).toMatchObject({ status: 'added', file: '试验.md' });
    const theirs = await json(
      await f.request(`/v1/search?q=${encodeURIComponent('丙型隔膜')}`, { key: f.key.e2 }),
    );
    expect(JSON.stringify(theirs.hits)).not.toContain('丙型隔膜');
    const mine = await json(
      await f.request(`/v1/search?q=${encodeURIComponent('丙型隔膜')}`, { key: f.key.e1 }),
    );
    expect((mine.hits as Array<{ visibility: string }>)[0]?.visibility).toBe('enterprise:E1');
    expect((await f.engine.state.audit.recent(5)).find((e) => e.action === 'documents.upload')).toMatchObject(
      {
        outcome: 'ok',
        status: 201,
        target: '/v1/documents',
      },
    );
    expect(
      (await f.request('/v1/documents', { method: 'POST', key: f.key.evaluator, body: form })).status,
    ).toBe(403);
  });

  it('an analyst sees public and industry data but no enterprise’s shared data', async () => {
    expect((await f.request('/v1/graph/entities/product:甲材料', { key: f.key.analyst })).status).toBe(404);
    expect((await f.request('/v1/graph/entities/product:甲材料', { key: f.key.admin })).status).toBe(200);
  });
});
