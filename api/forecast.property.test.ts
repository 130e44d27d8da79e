import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FREQUENCIES } from '../models/forecast/types.js';
import { type Fixture, openFixture } from './test-fixture.js';

let f: Fixture;
beforeAll(async () => {
  // Hundreds of requests in a second: a rate limit answering 429 would hide the property.
  f = await openFixture({ rateLimit: { capacity: 100_000, refillPerSecond: 100_000 } });
});
afterAll(() => f.close());

/** Every number anywhere in a JSON body; a null where the API promises numbers shows as a miss. */
function numbersIn(value: unknown, out: unknown[] = []): unknown[] {
  if (Array.isArray(value)) for (const v of value) numbersIn(v, out);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) numbersIn(v, out);
  else if (typeof value === 'number' || value === null) out.push(value);
  return out;
}

const extreme = fc.constantFrom(1e308, -1e308, Number.MAX_VALUE, -Number.MAX_VALUE, 5e-324, -5e-324, 0);
const value = fc.oneof(
  { weight: 5, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }) },
  { weight: 3, arbitrary: extreme },
  { weight: 1, arbitrary: fc.constant(null) },
);
const values = fc.oneof(
  fc.array(value, { minLength: 1, maxLength: 60 }),
  // The audit's case: alternating ±1e308.
  fc.integer({ min: 2, max: 60 }).map((n) => Array.from({ length: n }, (_, i) => (i % 2 ? -1e308 : 1e308))),
  // A series near 100 with one huge spike.
  fc
    .tuple(fc.integer({ min: 8, max: 60 }), fc.nat(), fc.constantFrom(1e9, -1e9, 1e308))
    .map(([n, at, spike]) => Array.from({ length: n }, (_, i) => (i === at % n ? spike : 100 + (i % 5)))),
);

describe('POST /v1/forecast with any values (property)', () => {
  it('answers 200 with only finite numbers and nested intervals, or a 4xx problem; never NaN or Infinity', async () => {
    let answered = 0;
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(
        values,
        fc.constantFrom(...FREQUENCIES),
        fc.integer({ min: 1, max: 24 }),
        async (vs, frequency, horizon) => {
          const res = await f.request('/v1/forecast', {
            method: 'POST',
            key: f.key.analyst,
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify({ values: vs, start: '2020-01-01', frequency, horizon }),
          });
          const body = (await res.json()) as {
            points?: Array<Record<string, number>>;
            detail?: string;
          };
          runs++;
          if (res.status !== 200) {
            expect(res.status).not.toBe(429);
            expect(res.status).toBeGreaterThanOrEqual(400);
            expect(res.status).toBeLessThan(500);
            expect(res.headers.get('content-type')).toMatch(/problem\+json/);
            return;
          }
          for (const n of numbersIn(body)) expect(typeof n === 'number' && Number.isFinite(n)).toBe(true);
          answered++;
          expect(body.points).toHaveLength(horizon);
          for (const p of body.points!) {
            expect(p.lo95!).toBeLessThanOrEqual(p.lo80!);
            expect(p.lo80!).toBeLessThanOrEqual(p.mean!);
            expect(p.mean!).toBeLessThanOrEqual(p.hi80!);
            expect(p.hi80!).toBeLessThanOrEqual(p.hi95!);
          }
        },
      ),
      { numRuns: 150, seed: 20261130 },
    );
    // The property must be about forecasts, not about inputs being refused.
    expect(answered).toBeGreaterThan(runs / 2);
  });

  it('flags a 1e9 spike in a series near 100 and keeps the forecast near 100', async () => {
    const vs = Array.from({ length: 48 }, (_, i) => 100 + (i % 6));
    vs[30] = 1e9;
    const res = await f.request('/v1/forecast', {
      method: 'POST',
      key: f.key.analyst,
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ values: vs, start: '2020-01-01', frequency: 'monthly', horizon: 12 }),
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      points: Array<{ mean: number; hi95: number }>;
      outliers: Array<{ date: string; value: number }>;
      notes: string[];
    };
    expect(body.outliers).toMatchObject([{ date: '2022-07-01', value: 1e9 }]);
    expect(body.notes.join(' ')).toMatch(/suspected outlier/);
    for (const p of body.points) {
      expect(p.mean).toBeGreaterThan(90);
      expect(p.mean).toBeLessThan(115);
      expect(p.hi95).toBeLessThan(200);
    }
  });
});
