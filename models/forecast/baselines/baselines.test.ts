import { describe, expect, it } from 'vitest';
import { BASELINES, baselineForecasts } from './index.js';

const seasonal = Float64Array.from(
  { length: 96 },
  (_, t) => 100 + t * 0.5 + 10 * Math.sin((2 * Math.PI * t) / 12),
);

describe('baselines', () => {
  it('naive repeats the last value and seasonal naive the last season', () => {
    const y = Float64Array.from([1, 2, 3, 4, 5, 6]);
    const f = baselineForecasts(y, 4, 3, ['naive', 'snaive']);
    expect([...f.naive]).toEqual([6, 6, 6, 6]);
    expect([...f.snaive]).toEqual([4, 5, 6, 4]);
  });

  it('Holt extrapolates a straight line and SES stays level', () => {
    const line = Float64Array.from({ length: 40 }, (_, t) => 10 + 2 * t);
    const f = baselineForecasts(line, 3, 1, ['holt', 'ses', 'theta']);
    expect(f.holt[0]).toBeCloseTo(90, 0);
    expect(f.holt[2]).toBeCloseTo(94, 0);
    expect(f.ses[2]! - f.ses[0]!).toBeCloseTo(0, 6);
    expect(f.theta[2]!).toBeGreaterThan(f.theta[0]!);
  });

  it('Naive2 puts the detected season back on the naive forecast', () => {
    const f = baselineForecasts(seasonal, 12, 12, ['naive2', 'naive']);
    const spread = Math.max(...f.naive2) - Math.min(...f.naive2);
    expect(spread).toBeGreaterThan(10);
    expect(new Set(f.naive).size).toBe(1);
  });

  it.each([
    ['single point', [5]],
    ['two points', [5, 6]],
    ['constant', Array(30).fill(7)],
    ['zeros and negatives', Array.from({ length: 60 }, (_, t) => (t % 12) - 6)],
    ['all zeros', Array(48).fill(0)],
  ])('every method answers with finite values for %s', (_, values) => {
    const f = baselineForecasts(Float64Array.from(values), 6, 12, BASELINES);
    for (const m of BASELINES) {
      expect(f[m]).toHaveLength(6);
      expect([...f[m]].every(Number.isFinite)).toBe(true);
    }
  });

  it('a constant series forecasts the constant', () => {
    const f = baselineForecasts(Float64Array.from(Array(30).fill(7)), 3, 12, BASELINES);
    for (const m of BASELINES) for (const v of f[m]) expect(v).toBeCloseTo(7, 6);
  });
});
