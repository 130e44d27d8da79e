import type { ModelConfig } from './training.js';
import type { Frequency } from './types.js';

/**
 * Hyper-parameter selection on a validation split carved from the END of the training data
 * (`trainForecaster` holds out the last `horizon` points of every series, more with
 * `validationOrigins`, trains on the rest and scores every member and the ensemble there). The
 * test data of a benchmark is read only after the choice. Two stages, each a grid fixed up front:
 *
 * 1. architecture (`ARCHITECTURES`): the seasonal lag window versus a shorter (or longer) one, a
 *    small versus a larger hidden layer, at the frequency's base training budget;
 * 2. training settings (`trainingVariants`) on the stage-1 winner: learning rate ×3 and ÷3, twice
 *    the epochs, a 4× larger batch.
 *
 * The base budgets (epochs × samples, batch 64, learning rate 1e-3) are where the earlier,
 * test-tuned version stopped; stage 2 is what lets validation move away from them.
 */
export const ARCHITECTURES: Partial<Record<Frequency, readonly ModelConfig[]>> = {
  hourly: [
    { lags: 48, train: base(32, 6, 40_000) },
    { lags: 168, train: base(32, 6, 40_000) },
    { lags: 168, train: base(64, 6, 40_000) },
    { lags: 336, train: base(64, 6, 40_000) },
  ],
  weekly: [
    { lags: 26, train: base(32, 4, 20_000) },
    { lags: 52, train: base(32, 4, 20_000) },
    { lags: 52, train: base(64, 4, 20_000) },
    { lags: 104, train: base(64, 4, 20_000) },
  ],
  monthly: [
    { lags: 12, train: base(32, 4, 20_000) },
    { lags: 24, train: base(32, 4, 20_000) },
    { lags: 36, train: base(32, 4, 20_000) },
    { lags: 36, train: base(64, 4, 20_000) },
  ],
};

function base(hidden: number, epochs: number, samplesPerEpoch: number): ModelConfig['train'] {
  return { hidden, epochs, samplesPerEpoch, batch: 64, learningRate: 1e-3, seed: 1 };
}

/** Stage 2: the training settings tried on an architecture. */
export function trainingVariants(config: ModelConfig): ModelConfig[] {
  const t = config.train;
  return [
    { ...config, train: { ...t, learningRate: t.learningRate * 3 } },
    { ...config, train: { ...t, learningRate: t.learningRate / 3 } },
    { ...config, train: { ...t, epochs: t.epochs * 2 } },
    { ...config, train: { ...t, batch: t.batch * 4 } },
  ];
}

/** Every config the two stages can reach for a frequency. */
export function configGrid(frequency: Frequency): ModelConfig[] {
  return (ARCHITECTURES[frequency] ?? []).flatMap((a) => [a, ...trainingVariants(a)]);
}

/** `lags 52, hidden 64, 4×20000, batch 64, lr 0.001` — how trials are named in reports and the model card. */
export function describeConfig(config: ModelConfig): string {
  const t = config.train;
  return `lags ${config.lags}, hidden ${t.hidden}, ${t.epochs}×${t.samplesPerEpoch}, batch ${t.batch}, lr ${Number(t.learningRate.toPrecision(3))}`;
}
