import { BASELINES } from './baselines/index.js';
import {
  DEFAULT_WEIGHTS,
  type EnsembleWeights,
  type Member,
  selectEnsemble,
  type ValidationCase,
} from './ensemble.js';
import { memberForecasts } from './forecaster.js';
import { CALENDAR_FEATURES, DEFAULT_HORIZON, SEASON } from './frequency.js';
import type { ModelContract } from './global/contract.js';
import type { MlpWeights } from './global/mlp.js';
import { exportMlpToOnnx } from './global/onnx-export.js';
import { referencePredictor } from './global/predictor.js';
import { type TrainOptions, trainGlobalModel } from './global/train.js';
import { findOutliers, withoutOutliers } from './outliers.js';
import type { CleanSeries, Frequency } from './types.js';

export interface ModelConfig {
  lags: number;
  train: Omit<TrainOptions, 'holdout' | 'season' | 'onEpoch'>;
}

/**
 * Global model size and training budget per frequency, as used by the product (`ibrain forecast`,
 * `ibrain models train`). Hourly, weekly and monthly are the winners of `selectConfig` over
 * the two-stage grid of `candidates.ts` on validation splits carved from the end of training data (M4 Hourly and Weekly
 * train files; IMF prices before 2019-01), never on test data; the validation figures that chose
 * them are in cards/global-mlp.md. Daily, quarterly and yearly have no benchmark data here, so
 * they are a priori sizes (a season or a few of lags, small layers), not tuned on anything.
 */
export const MODEL_CONFIG: Record<Frequency, ModelConfig> = {
  hourly: {
    lags: 336,
    train: { hidden: 64, epochs: 12, samplesPerEpoch: 40_000, batch: 64, learningRate: 1e-3, seed: 1 },
  },
  daily: {
    lags: 28,
    train: { hidden: 32, epochs: 4, samplesPerEpoch: 20_000, batch: 64, learningRate: 1e-3, seed: 1 },
  },
  weekly: {
    lags: 104,
    train: { hidden: 64, epochs: 8, samplesPerEpoch: 20_000, batch: 64, learningRate: 1e-3, seed: 1 },
  },
  monthly: {
    lags: 12,
    train: { hidden: 32, epochs: 4, samplesPerEpoch: 20_000, batch: 64, learningRate: 1e-3, seed: 1 },
  },
  quarterly: {
    lags: 16,
    train: { hidden: 32, epochs: 4, samplesPerEpoch: 20_000, batch: 64, learningRate: 1e-3, seed: 1 },
  },
  yearly: {
    lags: 12,
    train: { hidden: 16, epochs: 4, samplesPerEpoch: 10_000, batch: 64, learningRate: 1e-3, seed: 1 },
  },
};

export interface TrainedForecaster {
  contract: ModelContract;
  weights: MlpWeights;
  onnx: Uint8Array;
  ensemble: EnsembleWeights;
  /** Validation accuracy (last `horizon` points of every training series) per member and ensemble. */
  validation: {
    series: number;
    ensembleOWA: number;
    /** The robust objective the weights were chosen by (geometric mean of per-case ratios to Naive2). */
    ensembleScore: number;
    members: Partial<Record<Member, { sMAPE: number; MASE: number; OWA: number; score: number }>>;
  };
  /** Training series with values replaced as suspected outliers, and how many. */
  outliers: Array<{ series: string; count: number }>;
  training: { series: number; observations: number; seconds: number };
}

/**
 * Trains one frequency's global model on every series with its last `horizon` points held out,
 * then picks ensemble weights on those held-out points, and exports the model to ONNX. Suspected
 * outliers (`outliers.ts`) are replaced by their neighbours' median first, so one wrong value in
 * one stored series neither scales the model's windows nor decides the weights of every series.
 */
export async function trainForecaster(
  series: readonly CleanSeries[],
  frequency: Frequency,
  options: {
    horizon?: number;
    config?: ModelConfig;
    /** Validation origins per series (spaced half a horizon apart); more steadies the weights of small collections. */
    validationOrigins?: number;
    onEpoch?: (epoch: number, loss: number) => void;
  } = {},
): Promise<TrainedForecaster> {
  const started = performance.now();
  const config = options.config ?? MODEL_CONFIG[frequency];
  const horizon = options.horizon ?? DEFAULT_HORIZON[frequency];
  const dated = series.some((s) => s.dates !== undefined);
  const contract: ModelContract = {
    frequency,
    lags: config.lags,
    calendar: dated ? CALENDAR_FEATURES : 0,
    horizon,
    input: 'x',
    output: 'y',
  };
  const outliers: TrainedForecaster['outliers'] = [];
  const usable = series
    .filter((s) => s.frequency === frequency)
    .map((s) => {
      const flags = findOutliers(s.values, s.dates);
      if (flags.length === 0) return s;
      outliers.push({ series: s.name, count: flags.length });
      return { ...s, values: withoutOutliers(s.values, flags) };
    });
  const origins = Math.max(1, options.validationOrigins ?? 1);
  const stride = Math.max(1, Math.floor(horizon / 2));
  const holdout = horizon + (origins - 1) * stride;
  const weights = trainGlobalModel(usable, contract, {
    ...config.train,
    holdout,
    season: SEASON[frequency],
    ...(options.onEpoch ? { onEpoch: options.onEpoch } : {}),
  });
  const candidates: Member[] = [...BASELINES, 'global'];
  const cases: ValidationCase[] = [];
  for (let j = 0; j < origins; j++) {
    const back = horizon + j * stride;
    const validating = usable.filter((s) => s.values.length - back >= 3);
    const ends = validating.map((s) => s.values.length - back);
    const forecasts = await memberForecasts(
      validating,
      ends,
      horizon,
      candidates,
      referencePredictor(weights, contract),
    );
    validating.forEach((s, i) => {
      cases.push({
        insample: s.values.subarray(0, ends[i]),
        actual: s.values.subarray(ends[i], ends[i]! + horizon),
        forecasts: forecasts[i]!,
      });
    });
  }
  const chosen = selectEnsemble(cases, candidates, SEASON[frequency]);
  const onnx = exportMlpToOnnx(
    weights,
    contract,
    `Industry Brain global ${frequency} MLP, ${usable.length} series`,
  );
  return {
    contract,
    weights,
    onnx,
    ensemble: Object.keys(chosen.weights).length > 0 ? chosen.weights : DEFAULT_WEIGHTS,
    validation: {
      series: cases.length,
      ensembleOWA: chosen.owa,
      ensembleScore: chosen.score,
      members: chosen.perMember,
    },
    outliers,
    training: {
      series: usable.length,
      observations: usable.reduce((n, s) => n + s.values.length, 0),
      seconds: (performance.now() - started) / 1000,
    },
  };
}
