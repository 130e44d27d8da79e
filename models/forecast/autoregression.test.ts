import { describe, expect, it } from 'vitest';
import { LogAutoregression } from './autoregression.js';
import { rng } from './global/train.js';
import { forecastSeries } from './forecaster.js';
import { PER_SERIES_DEFAULTS } from './per-series.js';
import { monthlySeries } from './series.test-support.js';

/** A price whose log changes follow d[t] = φ·d[t−1] + e[t], e uniform on ±width. */
function persistent(phi: number, length: number, seed: number, width = 0.05): Float64Array {
  const random = rng(seed);
  const y = new Float64Array(length);
  let log = Math.log(100);
  let change = 0;
  for (let t = 0; t < length; t++) {
    change = phi * change + (random() - 0.5) * 2 * width;
    log += change;
    y[t] = Math.exp(log);
  }
  return y;
}

describe('AR(1) on log changes', () => {
  it('finds the persistence of a series whose changes carry over', () => {
    const fit = LogAutoregression.fit(persistent(0.6, 400, 1))!;
    expect(fit.phi).toBeGreaterThan(0.5);
    expect(fit.phi).toBeLessThan(0.7);
  });

  it('keeps a random walk at its last value: AICc prefers φ = 0 on most random walks', () => {
    const zeros = Array.from(
      { length: 20 },
      (_, seed) => LogAutoregression.fit(persistent(0, 400, seed + 10))!,
    ).filter((f) => f.phi === 0);
    expect(zeros.length).toBeGreaterThanOrEqual(14);
  });

  it('forecasts last · exp(φ·d + φ²·d + …) from any prefix with the whole-series fit', () => {
    const y = persistent(0.5, 200, 2);
    const fit = LogAutoregression.fit(y)!;
    const end = 150;
    const d = Math.log(y[end - 1]! / y[end - 2]!);
    const f = fit.at(y, end, 3)!;
    const phi = fit.phi;
    expect(f[0]).toBeCloseTo(y[end - 1]! * Math.exp(phi * d), 10);
    expect(f[2]).toBeCloseTo(y[end - 1]! * Math.exp((phi + phi ** 2 + phi ** 3) * d), 10);
  });

  it('gives no fit on non-positive or short series', () => {
    const y = persistent(0.5, 100, 3);
    y[40] = 0;
    expect(LogAutoregression.fit(y)).toBeUndefined();
    expect(LogAutoregression.fit(persistent(0.5, 20, 3))).toBeUndefined();
  });

  it('earns weight in the per-series choice only when offered and ahead of the last value', async () => {
    const series = Array.from({ length: 6 }, (_, i) =>
      monthlySeries(`persistent-${i}`, persistent(0.7, 240, 20 + i), 1990),
    );
    const options = { horizon: 12, weights: { naive: 1, ar: 1 }, selection: 'per-series' as const };
    const on = await forecastSeries(series, { ...options, perSeries: { ...PER_SERIES_DEFAULTS, ar: true } });
    expect(on.filter((f) => (f.weights.ar ?? 0) > 0.5).length).toBeGreaterThanOrEqual(4);
    const off = await forecastSeries(series, {
      ...options,
      perSeries: { ...PER_SERIES_DEFAULTS, ar: false },
    });
    expect(off.every((f) => f.weights.ar === undefined)).toBe(true);
  });
});
