import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Fixture, openFixture } from './test-fixture.js';
import { malformedRequests } from './testing/malformed.js';

let f: Fixture;
beforeAll(async () => {
  f = await openFixture({ rateLimit: { capacity: 1e9, refillPerSecond: 1e9 } });
});
afterAll(() => f.close());

describe('malformed requests', () => {
  it('get only 4xx answers, problem+json from the API, and leave the server healthy', async () => {
    const requests = malformedRequests(400);
    const fivexx: string[] = [];
    for (const r of requests) {
      const res = await f.request(r.path, {
        method: r.method,
        headers: r.headers,
        body: r.body as RequestInit['body'],
        key: r.auth ? f.key.admin : undefined,
      });
      await res.arrayBuffer();
      if (res.status >= 500 || res.status < 400)
        fivexx.push(`${res.status} ${r.label}: ${r.method} ${r.path.slice(0, 80)}`);
      if (r.path.startsWith('/v1/') && res.status >= 400 && res.status !== 404) {
        expect(res.headers.get('content-type'), `${r.label} ${r.path.slice(0, 60)}`).toMatch(/problem\+json/);
      }
    }
    expect(fivexx).toEqual([]);
    expect((await f.request('/healthz')).status).toBe(200);
    expect((await f.request('/readyz')).status).toBe(200);
  });
});
