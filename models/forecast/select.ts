import { type ModelConfig, type TrainedForecaster, trainForecaster } from './training.js';
import type { CleanSeries, Frequency } from './types.js';

export interface Trial {
  config: ModelConfig;
  stage: 'architecture' | 'training';
  /** Validation objective of the ensemble (weights chosen on the same split; 1 = Naive2), its OWA, and the global model's OWA. */
  ensembleScore: number;
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
 * Trains every architecture with the validation carve of `trainForecaster` and keeps the one with
 * the lowest validation ensemble objective (ties go to the earlier, smaller candidate); then, when
 * `variants` is given, tries those training settings on the winner the same way (see
 * `candidates.ts`). The test data of a benchmark is never an input here.
 */
export async function selectConfig(
  series: readonly CleanSeries[],
  frequency: Frequency,
  architectures: readonly ModelConfig[],
  options: {
    horizon?: number;
    validationOrigins?: number;
    variants?: (config: ModelConfig) => ModelConfig[];
  } = {},
): Promise<Selection> {
  if (architectures.length === 0) throw new Error(`no candidate configs for ${frequency}`);
  const { variants, ...trainOptions } = options;
  let best: { config: ModelConfig; trained: TrainedForecaster } | undefined;
  const trials: Trial[] = [];
  const attempt = async (config: ModelConfig, stage: Trial['stage']) => {
    const trained = await trainForecaster(series, frequency, { ...trainOptions, config });
    const { ensembleOWA, ensembleScore, members } = trained.validation;
    trials.push({
      config,
      stage,
      ensembleScore,
      ensembleOWA,
      globalOWA: members.global?.OWA,
      seconds: trained.training.seconds,
    });
    if (!best || ensembleScore < best.trained.validation.ensembleScore - 1e-9) best = { config, trained };
  };
  for (const config of architectures) await attempt(config, 'architecture');
  if (variants) for (const config of variants(best!.config)) await attempt(config, 'training');
  return { chosen: best!.config, trained: best!.trained, trials };
}
