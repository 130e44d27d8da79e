import { type ModelConfig, type TrainedForecaster, trainForecaster } from './training.js';
import type { CleanSeries, Frequency } from './types.js';

export interface Trial {
  config: ModelConfig;
  /** Validation OWA of the ensemble (weights chosen on the same split) and of the global model alone. */
  ensembleOWA: number;
  globalOWA: number | undefined;
  seconds: number;
}

export interface Selection {
  chosen: ModelConfig;
  /** The winner as trained during selection: its weights never saw the validation points. */
  trained: TrainedForecaster;
  trials: Trial[];
}

/**
 * Trains every candidate with the validation carve of `trainForecaster` and keeps the one with the
 * lowest validation ensemble OWA (see `candidates.ts`); the test data of a benchmark is never
 * an input here.
 */
export async function selectConfig(
  series: readonly CleanSeries[],
  frequency: Frequency,
  candidates: readonly ModelConfig[],
  options: { horizon?: number; validationOrigins?: number } = {},
): Promise<Selection> {
  if (candidates.length === 0) throw new Error(`no candidate configs for ${frequency}`);
  let best: { config: ModelConfig; trained: TrainedForecaster } | undefined;
  const trials: Trial[] = [];
  for (const config of candidates) {
    const trained = await trainForecaster(series, frequency, { ...options, config });
    const { ensembleOWA, members } = trained.validation;
    trials.push({
      config,
      ensembleOWA,
      globalOWA: members.global?.OWA,
      seconds: trained.training.seconds,
    });
    if (!best || ensembleOWA < best.trained.validation.ensembleOWA - 1e-9) best = { config, trained };
  }
  return { chosen: best!.config, trained: best!.trained, trials };
}
