import { describe, expect, it } from 'vitest';
import { selectEnsemble, type ValidationCase } from './ensemble.js';
import { forecastSeries } from './forecaster.js';
import { rng } from './global/train.js';
import { findOutliers } from './outliers.js';
import { chooseWeights, PER_SERIES_CANDIDATES, PER_SERIES_DEFAULTS, PER_SERIES_GRID } from './per-series.js';
import { trendInsight } from './trend.js';
import { monthlySeries } from './series.test-support.js';
import type { CleanSeries } from './types.js';

const monthly = (name: string, values: number[]) => monthlySeries(name, values, 2010);
const candidates = Object.fromEntries(PER_SERIES_CANDIDATES.map((m) => [m, 1]));
const perSeries = (series: CleanSeries[]) =>
  forecastSeries(series, { horizon: 12, weights: candidates, selection: 'per-series' });

describe('per-series method choice', () => {
  it('gives a strongly seasonal series methods that model the season, and says it beat the last value', async () => {
    const random = rng(3);
    const [f] = await perSeries([
      monthly(
        'demand',
        Array.from({ length: 96 }, (_, t) => 100 + 30 * Math.sin((2 * Math.PI * t) / 12) + random()),
      ),
    ]);
    // Everything but naive and rwavg models the season (the others run on seasonally adjusted data).
    expect((f!.weights.naive ?? 0) + (f!.weights.rwavg ?? 0)).toBeLessThan(0.02);
    expect(f!.skill).toMatchObject({ verdict: 'better', origins: 12 });
    expect(f!.skill.maeRatio!).toBeLessThan(0.5);
  });

  it('forecasts random walks close to their last value, mostly without a claim of skill', async () => {
    const random = rng(11);
    const walks = Array.from({ length: 12 }, (_, i) => {
      let level = 100 + i;
      return monthly(
        `walk${i}`,
        Array.from({ length: 120 }, () => {
          level += random() - 0.5;
          return level;
        }),
      );
    });
    const out = await perSeries(walks);
    // Steps are uniform on ±0.5 (sd 0.29): twelve of them spread the walk by about 1.
    const drift = out.map((f, i) => Math.abs(f.points[11]!.mean - walks[i]!.values[119]!));
    expect(drift.reduce((a, d) => a + d, 0) / drift.length).toBeLessThan(0.5);
    expect(out.filter((f) => f.skill.verdict === 'similar').length).toBeGreaterThan(out.length / 2);
  });

  it('uses the last value alone when no past origin can be scored', async () => {
    const [f] = await perSeries([monthly('short', [5, 6, 7, 6, 5, 6, 7, 8, 7, 6])]);
    expect(f!.weights).toEqual({ naive: 1 });
    expect(f!.skill).toMatchObject({ origins: 0, verdict: 'unknown' });
  });

  it('shrinks weak evidence toward naive and lets strong evidence through', () => {
    const members = ['naive', 'theta'] as const;
    const weak = chooseWeights(members, 2, new Map([['theta', -0.01]]), new Map(), PER_SERIES_DEFAULTS);
    expect(weak).toEqual({ naive: 1 });
    const strong = chooseWeights(members, 12, new Map([['theta', -0.3]]), new Map(), PER_SERIES_DEFAULTS);
    expect(strong.theta!).toBeGreaterThan(0.95);
  });

  it('ships defaults from its validation grid', () => {
    expect(PER_SERIES_GRID).toContainEqual(PER_SERIES_DEFAULTS);
  });
});

describe('outliers', () => {
  const base = Array.from({ length: 60 }, (_, t) => 100 + 3 * Math.sin(t / 2) + (t % 4));

  it('flags a 1e9 spike and a value 10× the level, not a level shift', () => {
    const spiked = [...base];
    spiked[20] = 1e9;
    spiked[40] = 1000;
    expect(findOutliers(spiked).map((f) => [f.index, f.position])).toEqual([
      [20, 'inner'],
      [40, 'inner'],
    ]);
    const shifted = base.map((v, t) => (t >= 30 ? v * 3 : v));
    expect(findOutliers(shifted)).toEqual([]);
  });

  it('flags a last value far beyond any real monthly move, but not a genuine jump', () => {
    expect(findOutliers([...base, 1e6]).map((f) => f.position)).toEqual(['last']);
    // Sunflower oil, 2008: a stale price then a real tripling.
    const stale = [...Array(20).fill(673), 1303, 2177];
    expect(findOutliers(stale)).toEqual([]);
  });

  it('keeps a forecast near the level with a spike in the history, and reports it', async () => {
    const spiked = [...base];
    spiked[50] = 1e9;
    const [f] = await perSeries([monthly('spiky', spiked)]);
    expect(f!.outliers).toMatchObject([{ index: 50, value: 1e9, position: 'inner' }]);
    for (const p of f!.points) expect(Math.abs(p.mean - 102)).toBeLessThan(15);
    expect(f!.notes.join(' ')).toMatch(/suspected outlier/);
  });
});

describe('robust ensemble objective', () => {
  it('does not let one series with an extreme value decide the weights of all', () => {
    const random = rng(5);
    const cases: ValidationCase[] = Array.from({ length: 20 }, () => {
      const actual = Array.from({ length: 6 }, () => 100 + random());
      return {
        insample: Array.from({ length: 24 }, () => 100 + 2 * random()),
        actual,
        forecasts: {
          naive2: actual.map((a) => a + 3),
          theta: actual.map((a) => a + 0.5),
          snaive: actual.map((a) => a + 2.5),
        },
      };
    });
    // One series whose forecasts are wrecked by a stored 1e9, except seasonal naive's.
    cases.push({
      insample: Array.from({ length: 24 }, () => 100),
      actual: Array(6).fill(100),
      forecasts: { naive2: Array(6).fill(1e9), theta: Array(6).fill(1e9), snaive: Array(6).fill(100) },
    });
    const chosen = selectEnsemble(cases, ['theta', 'snaive'], 12);
    expect(chosen.weights).toEqual({ theta: expect.any(Number) });
  });
});

describe('trend wording with skill', () => {
  const history = Array.from({ length: 24 }, (_, t) => 100 + (t % 3));
  const points = Array.from({ length: 12 }, () => ({ mean: 101, lo80: 95, hi80: 107 }));

  it('says a forecast no better than the last price first', () => {
    const t = trendInsight('Copper', history, points, 'monthly', 2, {
      skill: { maeRatio: 1.01, origins: 12, verdict: 'similar' },
      kind: 'price',
    });
    expect(t.sentence.en).toMatch(
      /^Copper: the forecast is no better than the last price \(on 12 past origins/,
    );
    expect(t.sentence.zh).toMatch(/^Copper：预测并不优于最新价格/);
  });

  it('credits a forecast that beat the last value, after the outlook', () => {
    const t = trendInsight('demand', history, points, 'monthly', 2, {
      skill: { maeRatio: 0.62, origins: 12, verdict: 'better' },
    });
    expect(t.sentence.en).toMatch(/beat carrying the last value forward \(error ×0\.62\)\.$/);
  });
});
