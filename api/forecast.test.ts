import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Fixture, openFixture } from './test-fixture.js';

let f: Fixture;
beforeAll(async () => {
  f = await openFixture();
});
afterAll(() => f.close());

interface Point {
  date: string;
  mean: number;
  [bound: string]: number | string;
}

const forecast = (key: string, body: unknown) =>
  f.request('/v1/forecast', {
    method: 'POST',
    key,
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });

describe('POST /v1/forecast', () => {
  it('forecasts a stored series with ordered 80/95% bounds, and never trains a model inside a request', async () => {
    const res = await forecast(f.key.analyst, { series: 'series:price-0', horizon: 6 });
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      series: string;
      frequency: string;
      points: Point[];
      notes: string[];
      last: { date: string; value: number };
      methods: Record<string, number>;
      skill: { origins: number; verdict: string };
      outliers: unknown[];
      trend: { probability: { rise: number } };
    };
    expect(body).toMatchObject({ series: 'price-0', frequency: 'monthly' });
    expect(body.points.map((p) => p.date)).toEqual([
      '2025-01-01',
      '2025-02-01',
      '2025-03-01',
      '2025-04-01',
      '2025-05-01',
      '2025-06-01',
    ]);
    for (const p of body.points) {
      expect(p.lo95).toBeLessThanOrEqual(p.lo80 as number);
      expect(p.lo80).toBeLessThanOrEqual(p.mean);
      expect(p.mean).toBeLessThanOrEqual(p.hi80 as number);
      expect(p.hi80).toBeLessThanOrEqual(p.hi95 as number);
    }
    expect(body.notes.join(' ')).toMatch(/methods chosen on \d+ past origin/);
    expect(existsSync(join(f.engine.dataDir, 'models', 'forecast'))).toBe(false);
    expect(body.last.date).toBe('2024-12-01');
    expect(Object.values(body.methods).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 2);
    expect(body.skill.origins).toBeGreaterThan(0);
    expect(['better', 'similar', 'worse']).toContain(body.skill.verdict);
    expect(body.outliers).toEqual([]);
    expect(body.trend.probability.rise).toBeGreaterThanOrEqual(0);
  });

  it('an enterprise key cannot forecast another enterprise’s series: 404 like a missing one', async () => {
    for (const series of ['series:price-2', 'price-2']) {
      const res = await forecast(f.key.e1, { series, horizon: 3 });
      expect(res.status, series).toBe(404);
      expect(res.headers.get('content-type')).toMatch(/problem\+json/);
      expect(((await res.json()) as { detail: string }).detail).toMatch(/no series/);
    }
    expect((await forecast(f.key.e1, { series: 'series:price-1', horizon: 3 })).status).toBe(200);
    expect((await forecast(f.key.e2, { series: 'series:price-2', horizon: 3 })).status).toBe(200);
    expect((await forecast(f.key.analyst, { series: 'series:price-1', horizon: 3 })).status).toBe(404);
  });

  it('forecasts sent values from a start date on the frequency’s calendar, at the levels asked', async () => {
    const values = Array.from({ length: 30 }, (_, i) => 50 + i + (i % 4));
    const res = await forecast(f.key.e1, {
      values,
      start: '2020-01-06',
      frequency: 'weekly',
      horizon: 2,
      levels: [50],
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { points: Point[] };
    expect(body.points.map((p) => p.date)).toEqual(['2020-08-03', '2020-08-10']);
    expect(Object.keys(body.points[0]!).sort()).toEqual(['date', 'hi50', 'lo50', 'mean']);
  });

  it('refuses bad bodies with field paths, bad dates with 422, and the evaluator role with 403', async () => {
    const bad = [
      { values: [1, 2, 3], frequency: 'monthly', horizon: 2 },
      { values: [1, 2, 3], dates: ['2024-01-01'], frequency: 'monthly', horizon: 2 },
      { values: [1, 2], start: '2024-01-01', frequency: 'fortnightly', horizon: 2 },
      { series: 'series:price-0', horizon: 0 },
      { series: 'series:price-0', horizon: 3, levels: [100] },
      { series: 'series:price-0', values: [1], horizon: 3 },
    ];
    for (const body of bad) {
      const res = await forecast(f.key.analyst, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(((await res.json()) as { errors: unknown[] }).errors.length).toBeGreaterThan(0);
    }
    const descending = await forecast(f.key.analyst, {
      values: [1, 2],
      dates: ['2024-02-01', '2024-01-01'],
      frequency: 'monthly',
      horizon: 2,
    });
    expect(descending.status).toBe(422);
    expect((await forecast(f.key.evaluator, { series: 'series:price-0', horizon: 3 })).status).toBe(403);
  });
});
