import { describe, expect, it } from 'vitest';
import { forecastSeries, memberForecasts } from './forecaster.js';
import { PER_SERIES_DEFAULTS } from './per-series.js';
import { PooledReversion, pooledFeatures } from './pooled.js';
import { monthlySeries } from './series.test-support.js';

/**
 * Series whose log follows l[t] = l[t−1] + B0·dev + B1·mom exactly, dev and mom as `pooledFeatures`
 * defines them with a window of 3: one-step regression on them must find (B0, B1) again. With a
 * window of 3, dev = (2·d[t−1] + d[t−2]) / 3 in terms of the changes d, so the changes follow an
 * AR(2) with coefficients (2·B0/3 + B1, B0/3) = (0.97, −0.9409): roots 0.97·e^{±iπ/3}, a slowly
 * fading oscillation, and every k-step log return is exactly linear in (dev, mom).
 */
const B0 = -3 * 0.97 ** 2;
const B1 = 0.97 - (2 * B0) / 3;
function planted(start: readonly [number, number, number], length: number): Float64Array {
  const l = [...start];
  while (l.length < length) {
    const t = l.length;
    const dev = l[t - 1]! - (l[t - 3]! + l[t - 2]! + l[t - 1]!) / 3;
    const mom = l[t - 1]! - l[t - 2]!;
    l.push(l[t - 1]! + B0 * dev + B1 * mom);
  }
  return Float64Array.from(l, Math.exp);
}

const monthly = (name: string, values: Float64Array) => monthlySeries(name, values);

describe('pooled mean reversion', () => {
  it('computes the deviation from the window mean and the last change in logs', () => {
    const y = [1, Math.E, Math.E ** 2];
    // logs 0, 1, 2: mean 1, so deviation 2 − 1 = 1; last change 2 − 1 = 1.
    const [dev, mom] = pooledFeatures(y, 3, 3)!;
    expect(dev).toBeCloseTo(1, 12);
    expect(mom).toBeCloseTo(1, 12);
    // From the first two points with a window of 2: logs 0, 1, mean 0.5.
    const [dev2, mom2] = pooledFeatures(y, 2, 2)!;
    expect(dev2).toBeCloseTo(0.5, 12);
    expect(mom2).toBeCloseTo(1, 12);
    expect(pooledFeatures(y, 2, 3)).toBeUndefined();
    expect(pooledFeatures([1, 0, 2], 3, 3)).toBeUndefined();
  });

  it('recovers planted one-step coefficients and forecasts the next value of the recursion', () => {
    const series = [
      planted([0, 0.02, 0.01], 20),
      planted([0.1, 0.07, 0.09], 20),
      planted([-0.05, 0, 0.03], 20),
    ];
    const model = new PooledReversion(series, 1, { window: 3, ridge: 0 });
    const [b] = model.coefficients(0);
    expect(b![0]).toBeCloseTo(B0, 9);
    expect(b![1]).toBeCloseTo(B1, 9);
    // The forecast from the whole of series 0 is the recursion's next value.
    const next = planted([0, 0.02, 0.01], 21)[20]!;
    expect(model.forecast(0, 20)![0]).toBeCloseTo(next, 9);
  });

  it('shrinks by ridge as (XᵀX + r·diag XᵀX)⁻¹ Xᵀy', () => {
    const series = [
      planted([0, 0.02, 0.01], 20),
      planted([0.1, 0.07, 0.09], 20),
      planted([-0.05, 0, 0.03], 20),
    ];
    // The normal equations computed here directly, window 3, step 1, ridge 1.
    let a11 = 0;
    let a12 = 0;
    let a22 = 0;
    let c1 = 0;
    let c2 = 0;
    for (const y of series)
      for (let t = 3; t < y.length; t++) {
        const [d, m] = pooledFeatures(y, t, 3)!;
        const r = Math.log(y[t]!) - Math.log(y[t - 1]!);
        a11 += d * d;
        a12 += d * m;
        a22 += m * m;
        c1 += d * r;
        c2 += m * r;
      }
    a11 *= 2;
    a22 *= 2;
    const det = a11 * a22 - a12 * a12;
    const [b] = new PooledReversion(series, 1, { window: 3, ridge: 1 }).coefficients(0);
    expect(b![0]).toBeCloseTo((a22 * c1 - a12 * c2) / det, 12);
    expect(b![1]).toBeCloseTo((a11 * c2 - a12 * c1) / det, 12);
    // Shrunk: smaller in size than the unshrunk fit.
    expect(Math.hypot(b![0]!, b![1]!)).toBeLessThan(Math.hypot(B0, B1));
  });

  it('never uses an outcome at or after the origin, of any series', () => {
    const a = [planted([0, 0.02, 0.01], 40), planted([0.1, 0.07, 0.09], 40)];
    // Same first 25 points, anything afterwards.
    const b = a.map((y) => Float64Array.from(y, (v, t) => (t < 25 ? v : v * (1 + (t % 5)))));
    const fa = new PooledReversion(a, 3, { window: 3, ridge: 0 }).forecast(1, 25)!;
    const fb = new PooledReversion(b, 3, { window: 3, ridge: 0 }).forecast(1, 25)!;
    expect(Array.from(fb)).toEqual(Array.from(fa));
    // …while the fit at the end of the series does see the changed outcomes.
    const ea = new PooledReversion(a, 3, { window: 3, ridge: 0 }).coefficients(0)[0]!;
    const eb = new PooledReversion(b, 3, { window: 3, ridge: 0 }).coefficients(0)[0]!;
    expect(eb[0]).not.toBeCloseTo(ea[0]!, 3);
  });

  it('forecasts the last value without enough windows, and nothing for non-positive data', () => {
    const y = planted([0, 0.02, 0.01], 12);
    // 9 windows for step 1 < 30: no fit, so exp(0) times the last value.
    const f = new PooledReversion([y], 2, { window: 3, ridge: 0 }).forecast(0, 12)!;
    expect(Array.from(f)).toEqual([y[11]!, y[11]!]);
    expect(
      new PooledReversion([Float64Array.from([1, 2, -1, 2])], 1, { window: 3, ridge: 0 }).forecast(0, 4),
    ).toBe(undefined);
  });

  it('joins the per-series candidates only when the settings say so', async () => {
    const series = [0, 1, 2, 3, 4, 5].map((i) =>
      monthly(`s${i}`, planted([0.01 * i, 0.02 - 0.005 * i, 0.01 + 0.002 * i], 180)),
    );
    const weights = { naive: 1, pooled: 1 };
    const off = await forecastSeries(series, {
      horizon: 12,
      weights,
      selection: 'per-series',
      perSeries: { ...PER_SERIES_DEFAULTS, pooled: false },
    });
    expect(off.every((f) => f.weights.pooled === undefined)).toBe(true);
    const members = await memberForecasts(
      series,
      series.map((s) => s.values.length),
      12,
      ['naive', 'pooled'],
      undefined,
      { window: 3, ridge: 0 },
    );
    expect(members.every((m) => m.pooled?.length === 12)).toBe(true);
  });

  it('learns from context series it does not forecast', async () => {
    const one = monthly('short', planted([0, 0.02, 0.01], 25));
    const context = [1, 2, 3, 4, 5].map((i) =>
      monthly(`c${i}`, planted([0.01 * i, 0.02 - 0.005 * i, 0.01 + 0.002 * i], 25)),
    );
    const options = {
      horizon: 12,
      weights: { naive: 1, pooled: 1 },
      selection: 'per-series' as const,
      perSeries: { ...PER_SERIES_DEFAULTS, pooled: true },
      pooled: { window: 3, ridge: 0 },
    };
    // Alone: 11 windows for step 12 (< 30), so no fit and nothing better than the last value.
    const [alone] = await forecastSeries([one], options);
    expect(alone!.weights).toEqual({ naive: 1 });
    // With five more series the pooled member's fit is exact: it forecasts the recursion's path.
    const [pooled] = await forecastSeries([one], { ...options, pooledContext: context });
    expect(pooled!.weights.pooled).toBeGreaterThan(0.5);
    const path = planted([0, 0.02, 0.01], 37).subarray(25);
    // Its one past origin (end 13) has windows for the early steps only, so naive keeps a share
    // and the forecast is w·path + (1 − w)·last.
    const w = pooled!.weights.pooled!;
    const last = one.values[24]!;
    expect(pooled!.points.map((p) => p.mean)).toEqual(
      Array.from(path, (v) => expect.closeTo(w * v + (1 - w) * last, 9)),
    );
  });
});
