import { afterEach, describe, expect, it } from 'vitest';
import { deniedAccessOf } from '../engine/security/index.js';
import { type Fixture, openFixture } from './test-fixture.js';

/** Requests from distinct client addresses, as a proxy-free server would see them on its sockets. */
const clientAddress = (c: { req: { header(name: string): string | undefined } }) =>
  c.req.header('x-test-client') ?? 'in-process';

let f: Fixture | undefined;
afterEach(async () => {
  await f?.close();
  f = undefined;
});

const auditRows = (fixture: Fixture) => fixture.engine.state.audit.recent(100_000);

describe('failed authentication', () => {
  it('is rate limited by client address, and a flood of bad keys leaves a handful of audit rows', async () => {
    f = await openFixture({ clientAddress });
    const before = (await auditRows(f)).length;
    const statuses = new Map<number, number>();
    for (let i = 0; i < 1_500; i++) {
      const res = await f.request('/v1/search?q=锂', {
        key: `ibk_${'0'.repeat(16)}_${'A'.repeat(43)}`,
        headers: { 'x-test-client': '203.0.113.7' },
      });
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
    }
    expect(statuses.get(401)).toBeLessThanOrEqual(20);
    expect(statuses.get(429)).toBeGreaterThanOrEqual(1_480);
    const limited = await f.request('/v1/search?q=锂', {
      key: f.key.admin,
      headers: { 'x-test-client': '203.0.113.7' },
    });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    // Another address is not affected.
    expect(
      (await f.request('/v1/search?q=锂', { key: f.key.admin, headers: { 'x-test-client': '198.51.100.2' } }))
        .status,
    ).toBe(200);
    const all = await auditRows(f);
    const rows = all.slice(0, all.length - before);
    expect(rows.length).toBeLessThanOrEqual(5);
    expect(rows.some((r) => r.outcome === 'denied' && r.actor === 'ip:203.0.113.7')).toBe(true);
    // The repeats are counted in one row when the window closes.
    await deniedAccessOf(f.engine).flush(true);
    const summary = (await auditRows(f)).find((r) => typeof r.detail?.repeated === 'number');
    expect(summary?.detail?.repeated).toBeGreaterThanOrEqual(1_400);
  });

  it('failed logins are rate limited and aggregated too', async () => {
    f = await openFixture({ clientAddress });
    const before = (await auditRows(f)).length;
    const statuses: number[] = [];
    for (let i = 0; i < 60; i++) {
      const res = await f.request('/login', {
        method: 'POST',
        headers: {
          'Content-Type': 'application/x-www-form-urlencoded',
          Origin: 'http://localhost',
          'x-test-client': '203.0.113.9',
        },
        body: `key=ibk_wrong_${i}`,
      });
      statuses.push(res.status);
    }
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(40);
    expect((await auditRows(f)).length - before).toBeLessThanOrEqual(3);
  });
});

describe('portal routes', () => {
  it('/cockpit and /portal?q= are rate limited per session', async () => {
    f = await openFixture({ rateLimit: { capacity: 4, refillPerSecond: 0.01 } });
    const login = async (key: string) => {
      const res = await f!.request('/login', {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: 'http://localhost' },
        body: `key=${encodeURIComponent(key)}`,
      });
      return res.headers.get('set-cookie')!.split(';')[0]!;
    };
    const cockpit = await login(f.key.analyst);
    const seen: number[] = [];
    for (let i = 0; i < 6; i++)
      seen.push((await f.request('/cockpit', { headers: { Cookie: cockpit } })).status);
    expect(seen.slice(0, 2)).toEqual([200, 200]);
    expect(seen.at(-1)).toBe(429);
    const portal = await login(f.key.e1);
    const asked: number[] = [];
    for (let i = 0; i < 6; i++) {
      asked.push(
        (
          await f.request(`/portal?q=${encodeURIComponent('动力电池的上游')}`, {
            headers: { Cookie: portal },
          })
        ).status,
      );
    }
    expect(asked.at(-1)).toBe(429);
  });
});

describe('the session cookie', () => {
  it('carries Secure when server.secureCookies is set (IBRAIN_SECURE_COOKIES), and not by default', async () => {
    const cookieFor = async (fixture: Fixture) =>
      (
        await fixture.request('/login', {
          method: 'POST',
          headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: 'http://localhost' },
          body: `key=${encodeURIComponent(fixture.key.analyst)}`,
        })
      ).headers.get('set-cookie') ?? '';
    f = await openFixture({}, { IBRAIN_SECURE_COOKIES: 'true' });
    expect(await cookieFor(f)).toMatch(/;\s*Secure/i);
    await f.close();
    f = await openFixture();
    expect(await cookieFor(f)).not.toMatch(/Secure/i);
  });

  it('refuses a value that is not a boolean, naming the variable', async () => {
    await expect(openFixture({}, { IBRAIN_SECURE_COOKIES: 'sometimes' })).rejects.toThrow(
      /server\.secureCookies \(from environment variable IBRAIN_SECURE_COOKIES\)/,
    );
  });
});

describe('cross-tenant probes', () => {
  it('a 404 for another enterprise’s entity is audited as a denied access', async () => {
    f = await openFixture();
    const res = await f.request('/v1/graph/entities/product:乙材料', { key: f.key.e1 });
    expect(res.status).toBe(404);
    const row = (await auditRows(f)).find((r) => r.status === 404);
    expect(row).toMatchObject({ outcome: 'denied', target: '/v1/graph/entities/product:乙材料' });
    expect(row?.actor).toMatch(/^key:/);
  });
});
