import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Fixture, openFixture, SECRET } from './test-fixture.js';

let f: Fixture;
beforeAll(async () => {
  f = await openFixture({ corsOrigins: ['https://allowed.example'], maxBodyBytes: 4096 });
});
afterAll(() => f.close());

const body = async (res: Response) => (await res.json()) as Record<string, unknown>;

describe('problem+json errors', () => {
  it('names the failing field paths of a bad query', async () => {
    const res = await f.request('/v1/graph/entities/product:碳酸锂/upstream?depth=99', { key: f.key.admin });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const p = await body(res);
    expect(p).toMatchObject({ type: 'about:blank', title: 'Bad Request', status: 400 });
    expect(p.errors).toEqual([{ path: 'query.depth', message: expect.any(String) }]);
  });

  it('maps an unknown entity to 404 and an unknown route to 404', async () => {
    const res = await f.request('/v1/graph/entities/nothing-like-this', { key: f.key.admin });
    expect(res.status).toBe(404);
    expect((await body(res)).detail).toMatch(/no entity named/);
    expect((await f.request('/v1/nope', { key: f.key.admin })).status).toBe(404);
  });

  it('refuses a body over the limit with 413', async () => {
    const res = await f.request('/login', {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: 'http://localhost' },
      body: `key=${'x'.repeat(10_000)}`,
    });
    expect(res.status).toBe(413);
    expect((await body(res)).status).toBe(413);
  });
});

describe('headers, CORS and rate limits', () => {
  it('sets secure headers and a strict CSP', async () => {
    const res = await f.request('/healthz');
    expect(res.status).toBe(200);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(res.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
    expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('allows only configured origins', async () => {
    const preflight = (origin: string) =>
      f.request('/v1/search', {
        method: 'OPTIONS',
        headers: { Origin: origin, 'Access-Control-Request-Method': 'GET' },
      });
    expect((await preflight('https://allowed.example')).headers.get('access-control-allow-origin')).toBe(
      'https://allowed.example',
    );
    expect((await preflight('https://evil.example')).headers.get('access-control-allow-origin')).toBeNull();
  });

  it('answers 429 with Retry-After once a key’s bucket is empty', async () => {
    const limited = await openFixture({ rateLimit: { capacity: 3, refillPerSecond: 0.001 } });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++)
        statuses.push((await limited.request('/v1/documents', { key: limited.key.e1 })).status);
      expect(statuses).toEqual([200, 200, 200, 429, 429]);
      const res = await limited.request('/v1/documents', { key: limited.key.e1 });
      expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
      expect((await limited.request('/v1/documents', { key: limited.key.e2 })).status).toBe(200);
    } finally {
      await limited.close();
    }
  });
});

describe('ask', () => {
  const ask = (headers: Record<string, string>, body: unknown) =>
    f.request('/v1/ask', {
      method: 'POST',
      key: f.key.analyst,
      headers: { 'Content-Type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });

  it('answers JSON with citations', async () => {
    const res = await ask({}, { question: '碳酸锂的上游原料有哪些？' });
    expect(res.status).toBe(200);
    const answer = await body(res);
    expect(answer.answer).toContain('锂辉石');
    expect((answer.citations as unknown[]).length).toBeGreaterThan(0);
  });

  it('streams server-sent events ending in the whole result', async () => {
    const res = await ask({ Accept: 'text/event-stream' }, { question: '碳酸锂的上游原料有哪些？' });
    expect(res.headers.get('content-type')).toMatch(/text\/event-stream/);
    const text = await res.text();
    expect(text).toMatch(/event: token/);
    expect(text).toMatch(/event: citations/);
    const done = text.split('\n\n').find((e) => e.startsWith('event: done'))!;
    const result = JSON.parse(
      done
        .split('\n')
        .find((l) => l.startsWith('data: '))!
        .slice(6),
    );
    expect(result.result.answer).toContain('锂辉石');
  });

  it('names the field of an invalid body', async () => {
    const res = await ask({}, { question: 42 });
    expect(res.status).toBe(400);
    expect((await body(res)).errors).toEqual([{ path: 'json.question', message: expect.any(String) }]);
  });
});

describe('operations routes', () => {
  it('readyz checks the stores', async () => {
    expect(await body(await f.request('/readyz'))).toMatchObject({ status: 'ok', checks: { graph: 'ok' } });
  });

  it('serves an OpenAPI 3.1 document with the routes and a local docs page', async () => {
    const spec = await body(await f.request('/openapi.json'));
    expect(spec.openapi).toBe('3.1.0');
    const paths = Object.keys(spec.paths as object);
    expect(paths).toEqual(
      expect.arrayContaining([
        '/v1/search',
        '/v1/graph/entities/{ref}',
        '/v1/graph/path',
        '/healthz',
        '/v1/forecast',
        '/v1/briefings',
        '/v1/briefings/{id}/download',
        '/v1/jobs/{id}',
        '/v1/evals/score',
        '/v1/evals/run',
      ]),
    );
    const schemas = Object.keys((spec.components as { schemas: object }).schemas);
    expect(schemas).toEqual(
      expect.arrayContaining(['ForecastRequest', 'ForecastResult', 'BriefingRequest', 'Job', 'EvalReport']),
    );
    const docs = await (await f.request('/docs')).text();
    expect(docs).toContain('/assets/tools/swagger-ui-bundle.js');
    expect(docs).not.toMatch(/https?:\/\//);
    expect((await f.request('/assets/tools/docs.js')).status).toBe(200);
    expect((await f.request('/assets/tools/swagger-ui-bundle.js')).headers.get('content-type')).toMatch(
      /javascript/,
    );
    expect((await f.request('/assets/echarts.min.js')).headers.get('content-type')).toMatch(/javascript/);
  });

  it('exposes Prometheus metrics to admins', async () => {
    await f.request('/healthz');
    const text = await (await f.request('/metrics', { key: f.key.admin })).text();
    expect(text).toMatch(/# TYPE ibrain_http_requests_total counter/);
    expect(text).toMatch(/ibrain_http_requests_total\{method="GET",route="\/healthz",status="200"\} \d+/);
    expect(text).toMatch(
      /ibrain_http_request_duration_seconds_bucket\{method="GET",route="\/healthz",le="\+Inf"\}/,
    );
  });
});

describe('portal sessions', () => {
  const login = (key: string, next?: string) =>
    f.app.request('/login', {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: 'http://localhost' },
      body: new URLSearchParams({ key, ...(next ? { next } : {}) }).toString(),
    });

  it('sets an http-only, SameSite=Strict cookie that is not the key, and logs out', async () => {
    const res = await login(f.key.e1);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/portal');
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toMatch(/ib_session=/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).not.toContain(f.key.e1);
    const session = cookie.split(';')[0]!;
    const page = await f.app.request('/portal', { headers: { Cookie: session } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('甲企业');
    const api = await f.app.request('/v1/documents', { headers: { Cookie: session } });
    expect(api.status).toBe(200);
    const out = await f.app.request('/logout', {
      method: 'POST',
      headers: { Cookie: session, Origin: 'http://localhost' },
    });
    expect(out.headers.get('set-cookie')).toMatch(/ib_session=;/);
    expect((await f.app.request('/portal', { headers: { Cookie: session } })).status).toBe(303);
  });

  it('shows an enterprise the alerts on its own inputs, in Chinese by default and in English', async () => {
    const session = (await login(f.key.e1)).headers.get('set-cookie')!.split(';')[0]!;
    const zh = await (await f.app.request('/portal', { headers: { Cookie: session } })).text();
    expect(zh).toContain('上游投入预警');
    expect(zh).toMatch(
      /单一来源<\/span><strong><a href="\/products\/product%3A%E7%A2%B3%E9%85%B8%E9%94%82">碳酸锂<\/a><\/strong><span>碳酸锂仅有一家生产企业记录：乙企业。/,
    );
    // Evidence in words with names, linked to its record, never the raw edge id.
    expect(zh).toContain('乙企业 生产 碳酸锂');
    expect(zh).not.toContain('PRODUCES|enterprise:E2|product:碳酸锂');
    expect(zh).toContain(SECRET.E1);
    expect(zh).not.toContain(SECRET.E2);
    const en = await (await f.app.request('/portal?lang=en', { headers: { Cookie: session } })).text();
    expect(en).toContain('Alerts on our inputs');
    expect(en).toContain('碳酸锂 has a single recorded producer: 乙企业.');
  });

  it('refuses a wrong key, audits it, and never redirects off-site', async () => {
    const before = (await f.engine.state.audit.recent(1))[0]!.seq;
    expect((await login('wrong')).status).toBe(401);
    expect((await f.engine.state.audit.recent(1))[0]).toMatchObject({
      action: 'session.login',
      outcome: 'denied',
    });
    expect((await f.engine.state.audit.recent(1))[0]!.seq).toBe(before + 1);
    expect((await login(f.key.admin, '//evil.example/x')).headers.get('location')).toBe('/cockpit');
    expect((await login(f.key.admin, '/portal?enterprise=E1')).headers.get('location')).toBe(
      '/portal?enterprise=E1',
    );
  });

  it('refuses a cross-site form post', async () => {
    const res = await f.app.request('/login', {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: 'https://evil.example' },
      body: new URLSearchParams({ key: f.key.admin }).toString(),
    });
    expect(res.status).toBe(403);
  });

  it('renders the cockpit for analysts in Chinese, and in English on request', async () => {
    const res = await login(f.key.analyst);
    const session = res.headers.get('set-cookie')!.split(';')[0]!;
    const zh = await (
      await f.app.request('/cockpit?focus=动力电池', { headers: { Cookie: session } })
    ).text();
    expect(zh).toContain('政府驾驶舱');
    expect(zh).toContain('碳酸锂');
    expect(zh).toContain('id="chain-chart"');
    const en = await (
      await f.app.request('/cockpit?focus=动力电池&lang=en', { headers: { Cookie: session } })
    ).text();
    expect(en).toContain('Government cockpit');
    expect(zh).toContain('id="briefing-form"');
    expect(zh).toContain('简报申请与下载');
    expect(en).toContain('Briefing requests and downloads');
    expect(zh).toContain('value="product:动力电池"');
    expect((await f.app.request('/portal', { headers: { Cookie: session } })).status).toBe(403);
  });
});
