import { describe, expect, it } from 'vitest';
import { forecastSeries } from './forecaster.js';
import { prepareSeries } from './prepare.js';
import { trainForecaster } from './training.js';
import { trendInsight } from './trend.js';
import type { CleanSeries, SeriesInput } from './types.js';

const monthly = (name: string, length: number, f: (t: number) => number | null): SeriesInput => ({
  name,
  frequency: 'monthly',
  values: Array.from({ length }, (_, t) => f(t)),
  dates: Array.from(
    { length },
    (_, t) => `${2010 + Math.floor(t / 12)}-${String((t % 12) + 1).padStart(2, '0')}-01`,
  ),
});

/** The median of the three values on each side, as `findOutliers` replaces a spike. */
const spikedMedian = (values: Float64Array, at: number) => {
  const around = [...values.slice(at - 3, at), ...values.slice(at + 1, at + 4)].sort((x, y) => x - y);
  return (around[2]! + around[3]!) / 2;
};

const finite = (s: { points: Array<Record<string, unknown>> }) =>
  s.points.every((p) => Object.values(p).every((v) => typeof v !== 'number' || Number.isFinite(v)));

describe('forecastSeries', () => {
  const seriesSet: CleanSeries[] = Array.from({ length: 8 }, (_, i) =>
    prepareSeries(
      monthly(
        `s${i}`,
        96,
        (t) => 100 + i * 5 + t * 0.3 + 6 * Math.sin((2 * Math.PI * t) / 12) + ((t * 7) % 5),
      ),
    ),
  );

  it('gives dated points with nested 80% and 95% intervals', async () => {
    const [f] = await forecastSeries(seriesSet.slice(0, 1), {
      horizon: 12,
      weights: { theta: 1, snaive: 1 },
    });
    expect(f!.points).toHaveLength(12);
    expect(f!.points[0]!.date).toBe('2018-01-01');
    for (const p of f!.points) {
      expect(p.lo95!).toBeLessThanOrEqual(p.lo80!);
      expect(p.lo80!).toBeLessThanOrEqual(p.mean);
      expect(p.hi80!).toBeGreaterThanOrEqual(p.mean);
      expect(p.hi95!).toBeGreaterThanOrEqual(p.hi80!);
    }
  });

  it('uses a trained global model through the ensemble', async () => {
    const trained = await trainForecaster(seriesSet, 'monthly', {
      horizon: 12,
      config: {
        lags: 24,
        train: { hidden: 4, epochs: 1, samplesPerEpoch: 256, batch: 32, learningRate: 1e-3, seed: 1 },
      },
    });
    expect(Object.keys(trained.ensemble).length).toBeGreaterThan(0);
    expect(trained.validation.members.global).toBeDefined();
    const { referencePredictor } = await import('./global/predictor.js');
    const out = await forecastSeries(seriesSet, {
      horizon: 12,
      weights: { global: 1 },
      model: referencePredictor(trained.weights, trained.contract),
    });
    expect(out.every(finite)).toBe(true);
  });

  it('replaces a stored series’ extreme value before training and choosing weights, and says so', async () => {
    const config = {
      lags: 24,
      train: { hidden: 4, epochs: 1, samplesPerEpoch: 256, batch: 32, learningRate: 1e-3, seed: 1 },
    };
    const spiked = seriesSet.map((s, i) =>
      i === 3 ? { ...s, values: s.values.map((v, t) => (t === 40 ? 1e9 : v)) } : s,
    );
    const clean = seriesSet.map((s, i) =>
      i === 3 ? { ...s, values: s.values.map((v, t) => (t === 40 ? spikedMedian(s.values, 40) : v)) } : s,
    );
    const a = await trainForecaster(spiked, 'monthly', { horizon: 12, config });
    const b = await trainForecaster(clean, 'monthly', { horizon: 12, config });
    expect(a.outliers).toEqual([{ series: 's3', count: 1 }]);
    expect(a.ensemble).toEqual(b.ensemble);
    expect(a.validation.ensembleScore).toBeCloseTo(b.validation.ensembleScore, 12);
  });

  it.each([
    ['one observation', monthly('one', 1, () => 5)],
    ['two observations', monthly('two', 2, (t) => 5 + t)],
    ['constant', monthly('flat', 40, () => 3)],
    ['zeros and negatives', monthly('neg', 40, (t) => (t % 5) - 2)],
    ['gappy', monthly('gaps', 40, (t) => (t % 3 === 0 ? null : 10 + t))],
  ])('never yields NaN or Infinity for %s', async (_, input) => {
    const out = await forecastSeries([prepareSeries(input)], {
      horizon: 6,
      weights: { theta: 1, damped: 1, naive2: 1 },
    });
    expect(out[0]!.points).toHaveLength(6);
    expect(finite(out[0]!)).toBe(true);
  });
});

describe('trendInsight', () => {
  it('reads a rising forecast in both languages', () => {
    const history = Array.from({ length: 36 }, (_, t) => 100 + t);
    const points = Array.from({ length: 12 }, (_, h) => ({
      mean: 136 + 2 * (h + 1),
      lo80: 130 + 2 * h,
      hi80: 142 + 2 * h,
    }));
    const t = trendInsight('铜 copper', history, points, 'monthly');
    expect(t.direction).toBe('rise');
    expect(t.changePct).toBeCloseTo((25 / 135) * 100, 1);
    expect(t.probability.rise + t.probability.flat + t.probability.fall).toBeCloseTo(1, 2);
    expect(t.sentence.en).toMatch(/rise by 18\.5% over the next 12 months/);
    expect(t.sentence.zh).toMatch(/未来12个月预计上涨18\.5%/);
  });

  it('finds a peak in a forecast that turns down', () => {
    const points = [110, 120, 115, 105].map((mean, i) => ({
      mean,
      lo80: mean - 5,
      hi80: mean + 5,
      date: `2024-0${i + 1}-01`,
    }));
    const t = trendInsight('x', [100, 100, 100], points, 'monthly');
    expect(t.turningPoints).toEqual([{ step: 2, date: '2024-02-01', kind: 'peak' }]);
  });
});
