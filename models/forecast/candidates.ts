import type { ModelConfig } from './training.js';
import type { Frequency } from './types.js';

/**
 * Hyper-parameter selection on a validation split carved from the END of the training data.
 * `trainForecaster` already holds out the last `horizon` points of every series (more with
 * `validationOrigins`), trains on what is left and scores each member and the ensemble there; so
 * each candidate below is trained and scored on training data only, and the one with the lowest
 * validation ensemble OWA wins (ties go to the earlier, smaller candidate). Benchmarks read their
 * test data only after this choice is made.
 *
 * The grids are fixed up front and small on purpose: the seasonal lag window versus a shorter
 * (or longer) one, and a small versus a larger hidden layer, at a fixed training budget.
 */
export const CANDIDATES: Partial<Record<Frequency, readonly ModelConfig[]>> = {
  hourly: [
    { lags: 48, train: trainOptions(32, 6, 40_000) },
    { lags: 168, train: trainOptions(32, 6, 40_000) },
    { lags: 168, train: trainOptions(64, 6, 40_000) },
    { lags: 336, train: trainOptions(64, 6, 40_000) },
  ],
  weekly: [
    { lags: 26, train: trainOptions(32, 4, 20_000) },
    { lags: 52, train: trainOptions(32, 4, 20_000) },
    { lags: 52, train: trainOptions(64, 4, 20_000) },
    { lags: 104, train: trainOptions(64, 4, 20_000) },
  ],
  monthly: [
    { lags: 12, train: trainOptions(32, 4, 20_000) },
    { lags: 24, train: trainOptions(32, 4, 20_000) },
    { lags: 36, train: trainOptions(32, 4, 20_000) },
    { lags: 36, train: trainOptions(64, 4, 20_000) },
  ],
};

function trainOptions(hidden: number, epochs: number, samplesPerEpoch: number): ModelConfig['train'] {
  return { hidden, epochs, samplesPerEpoch, batch: 64, learningRate: 1e-3, seed: 1 };
}

/** `lags 52, hidden 64, 4×20000` — how trials are named in reports and the model card. */
export function describeConfig(config: ModelConfig): string {
  const t = config.train;
  return `lags ${config.lags}, hidden ${t.hidden}, ${t.epochs}×${t.samplesPerEpoch}`;
}
