import { describe, expect, it } from 'vitest';
import { configGrid, trainingVariants } from './candidates.js';
import { selectConfig } from './select.js';
import { MODEL_CONFIG, type ModelConfig } from './training.js';
import type { CleanSeries } from './types.js';

const small = (lags: number, hidden: number): ModelConfig => ({
  lags,
  train: { hidden, epochs: 2, samplesPerEpoch: 1_000, batch: 32, learningRate: 1e-3, seed: 1 },
});

const series: CleanSeries[] = Array.from({ length: 6 }, (_, i) => ({
  name: `s${i}`,
  frequency: 'monthly',
  values: Float64Array.from(
    { length: 84 },
    (_, t) => 100 + 4 * i + 0.5 * t + 15 * Math.sin((2 * Math.PI * (t + i)) / 12) + ((t * 5) % 3),
  ),
  notes: [],
}));

describe('selectConfig', () => {
  it('scores every candidate on the validation carve and keeps the lowest ensemble objective', async () => {
    const candidates = [small(2, 4), small(24, 8)];
    const s = await selectConfig(series, 'monthly', candidates, { horizon: 12 });
    expect(s.trials).toHaveLength(2);
    const best = s.trials.reduce((a, b) => (b.ensembleScore < a.ensembleScore ? b : a));
    expect(s.chosen).toBe(best.config);
    expect(s.trained.contract.lags).toBe(best.config.lags);
    expect(s.trained.validation.ensembleScore).toBe(best.ensembleScore);
    for (const t of s.trials) expect(Number.isFinite(t.ensembleOWA)).toBe(true);
  });

  it('tries the training settings on the architecture that won, as a second stage', async () => {
    const s = await selectConfig(series, 'monthly', [small(2, 4), small(12, 4)], {
      horizon: 12,
      variants: trainingVariants,
    });
    const stage1 = s.trials.filter((t) => t.stage === 'architecture');
    const stage2 = s.trials.filter((t) => t.stage === 'training');
    expect(stage1).toHaveLength(2);
    expect(stage2).toHaveLength(4);
    const winner = stage1.reduce((a, b) => (b.ensembleScore < a.ensembleScore - 1e-9 ? b : a));
    for (const t of stage2) expect(t.config.lags).toBe(winner.config.lags);
    const best = s.trials.reduce((a, b) => (b.ensembleScore < a.ensembleScore - 1e-9 ? b : a));
    expect(s.chosen).toBe(best.config);
  });

  it('is seeded, so the validation figures recorded in the model card can be re-derived', async () => {
    const a = await selectConfig(series, 'monthly', [small(12, 4)], { horizon: 12 });
    const b = await selectConfig(series, 'monthly', [small(12, 4)], { horizon: 12 });
    expect(a.trials[0]!.ensembleOWA).toBe(b.trials[0]!.ensembleOWA);
  });

  it('ships, for each benchmarked frequency, a config from its two-stage grid', () => {
    for (const frequency of ['hourly', 'weekly', 'monthly'] as const)
      expect(configGrid(frequency)).toContainEqual(MODEL_CONFIG[frequency]);
  });
});
