import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_WEIGHTS } from './ensemble.js';
import { ForecastInputError } from './errors.js';
import { forecastSeries } from './forecaster.js';
import { prepareSeries } from './prepare.js';

/**
 * Property: whatever the values (too short, constant, all missing, zeros, negatives, huge or
 * tiny magnitudes) a forecast is either a clear ForecastInputError or finite points with nested
 * intervals; never NaN or Infinity.
 */
const value = fc.oneof(
  { weight: 6, arbitrary: fc.double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true }) },
  { weight: 2, arbitrary: fc.constantFrom(0, 0, 1, -1, 1e-9) },
  { weight: 2, arbitrary: fc.constant(null) },
);
const values = fc.oneof(
  fc.array(value, { minLength: 0, maxLength: 60 }),
  fc
    .tuple(fc.double({ min: -100, max: 100, noNaN: true }), fc.integer({ min: 1, max: 40 }))
    .map(([v, n]) => Array<number | null>(n).fill(v)),
);
const dates = (n: number) =>
  Array.from(
    { length: n },
    (_, t) => `${2015 + Math.floor(t / 12)}-${String((t % 12) + 1).padStart(2, '0')}-01`,
  );

describe('forecasting bad input (property)', () => {
  it('gives a clear error or finite, nested intervals for any values', async () => {
    await fc.assert(
      fc.asyncProperty(values, fc.integer({ min: 1, max: 18 }), async (vs, horizon) => {
        let forecasts: Awaited<ReturnType<typeof forecastSeries>>;
        try {
          const series = prepareSeries({
            name: 'p',
            frequency: 'monthly',
            values: vs,
            dates: dates(vs.length),
          });
          forecasts = await forecastSeries([series], { horizon, weights: DEFAULT_WEIGHTS });
        } catch (error) {
          expect(error).toBeInstanceOf(ForecastInputError);
          expect((error as Error).message.length).toBeGreaterThan(10);
          return;
        }
        for (const p of forecasts[0]!.points) {
          for (const v of [p.mean, p.lo80, p.hi80, p.lo95, p.hi95]) expect(Number.isFinite(v)).toBe(true);
          expect(p.lo95!).toBeLessThanOrEqual(p.lo80! + 1e-9);
          expect(p.lo80!).toBeLessThanOrEqual(p.mean + 1e-9);
          expect(p.mean).toBeLessThanOrEqual(p.hi80! + 1e-9);
          expect(p.hi80!).toBeLessThanOrEqual(p.hi95! + 1e-9);
        }
        expect(forecasts[0]!.points).toHaveLength(horizon);
      }),
      { numRuns: 300, seed: 20261121 },
    );
  });

  it('rejects unsorted and duplicate dates with a clear error', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 30 }), { minLength: 3, maxLength: 20 }), (offsets) => {
        const ds = offsets.map((o) => dates(40)[o]!);
        const sorted = ds.every((d, i) => i === 0 || d > ds[i - 1]!);
        const run = () =>
          prepareSeries({ name: 'd', frequency: 'monthly', values: ds.map(() => 1), dates: ds });
        if (sorted) expect(run).not.toThrow();
        else expect(run).toThrowError(ForecastInputError);
      }),
      { numRuns: 200, seed: 7 },
    );
  });
});
