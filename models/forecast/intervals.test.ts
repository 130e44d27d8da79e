import { describe, expect, it } from 'vitest';
import { forecastSeries } from './forecaster.js';
import { AdaptiveLevel, errorScale } from './intervals.js';
import type { CleanSeries } from './types.js';

describe('AdaptiveLevel (adaptive conformal inference)', () => {
  it('starts at the nominal level and widens after misses, narrows after hits', () => {
    const aci = new AdaptiveLevel(0.8, 0.05);
    expect(aci.level).toBeCloseTo(0.8);
    aci.update(10, 10);
    expect(aci.level).toBeCloseTo(0.84);
    aci.update(0, 10);
    aci.update(0, 10);
    expect(aci.level).toBeCloseTo(0.82);
    aci.update(0, 0);
    expect(aci.level).toBeCloseTo(0.82);
  });

  it('keeps the level finite however many misses it sees', () => {
    const aci = new AdaptiveLevel(0.95, 0.5);
    for (let i = 0; i < 20; i++) aci.update(1, 1);
    expect(aci.level).toBe(0.999);
  });
});

describe('errorScale (local volatility)', () => {
  const calm = Array.from({ length: 120 }, (_, t) => 100 + (t % 2));

  it('follows the recent one-step changes and forgets old turbulence', () => {
    const turbulentPast = calm.map((v, t) => (t < 60 ? v + (t % 2) * 40 : v));
    expect(errorScale(turbulentPast, 12)).toBeCloseTo(errorScale(calm, 12));
    const shock = [...calm.slice(0, 110), ...calm.slice(110).map((v, k) => v + (k % 2) * 30)];
    expect(errorScale(shock, 12)).toBeGreaterThan(5 * errorScale(calm, 12));
  });

  it('is positive for a constant series', () => {
    expect(errorScale(new Array(50).fill(7), 12)).toBeGreaterThan(0);
  });
});

describe('forecastSeries quantileLevels', () => {
  it('widens the nominal 80% interval when ACI asks for a higher quantile', async () => {
    const series: CleanSeries[] = Array.from({ length: 6 }, (_, i) => ({
      name: `s${i}`,
      frequency: 'monthly',
      values: Float64Array.from({ length: 72 }, (_, t) => 50 + i + ((t * 7 + i) % 11)),
      notes: [],
    }));
    const width = (f: Awaited<ReturnType<typeof forecastSeries>>) =>
      f.reduce((s, x) => s + x.points[5]!.hi80! - x.points[5]!.lo80!, 0);
    const options = { horizon: 6, weights: { naive: 1 } };
    const plain = await forecastSeries(series, options);
    const wider = await forecastSeries(series, { ...options, quantileLevels: { 80: 0.95 } });
    expect(width(wider)).toBeGreaterThan(width(plain));
  });
});
