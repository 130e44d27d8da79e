import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { DEFAULT_WEIGHTS, type EnsembleWeights, MEMBERS } from './ensemble.js';
import { ModelNotTrainedError } from './errors.js';
import { loadOnnxModel, type OnnxModel } from './global/onnx-runner.js';
import { MODEL_CONFIG, type TrainedForecaster, trainForecaster } from './training.js';
import type { CleanSeries, Frequency } from './types.js';

/** Bumped whenever training code or the model layout changes, so stale caches are not reused. */
export const MODEL_VERSION = 'global-mlp-2';

const SidecarSchema = z.object({
  version: z.string(),
  hash: z.string(),
  ensemble: z.partialRecord(z.enum(MEMBERS), z.number()),
  validation: z.unknown(),
  training: z.unknown(),
  trainedAt: z.string(),
});

/** Hash of code version, model config and the training data (names, lengths, values). */
export function versionHash(frequency: Frequency, series: readonly CleanSeries[]): string {
  const hash = createHash('sha256').update(
    `${MODEL_VERSION}|${frequency}|${JSON.stringify(MODEL_CONFIG[frequency])}`,
  );
  for (const s of series) {
    hash.update(`|${s.name}|${s.values.length}|${s.dates?.[0] ?? ''}`);
    hash.update(new Uint8Array(s.values.buffer, s.values.byteOffset, s.values.byteLength));
  }
  return hash.digest('hex').slice(0, 16);
}

export interface ReadyModel {
  model: OnnxModel;
  ensemble: EnsembleWeights;
  /** Where the model came from, and whether it was trained just now. */
  path: string;
  trained: boolean;
}

/**
 * The frequency's global model from `<dataDir>/models/forecast/`, trained and cached first when
 * no file matches the current version hash (or when `retrain` is set). A dropped-in model
 * (`onnxModel`, from config) is used as is with default ensemble weights. With `cachedOnly`, a
 * missing model is a `ModelNotTrainedError` instead of a training run that could take minutes.
 */
export async function readyModel(
  dataDir: string,
  frequency: Frequency,
  series: readonly CleanSeries[],
  options: {
    retrain?: boolean;
    cachedOnly?: boolean;
    onnxModel?: string;
    onTrained?: (t: TrainedForecaster) => void;
  } = {},
): Promise<ReadyModel> {
  if (options.onnxModel) {
    const model = await loadOnnxModel(readFileSync(options.onnxModel), options.onnxModel);
    return { model, ensemble: DEFAULT_WEIGHTS, path: options.onnxModel, trained: false };
  }
  const dir = join(dataDir, 'models', 'forecast');
  const hash = versionHash(frequency, series);
  const base = join(dir, `${frequency}-${hash}`);
  if (!options.retrain && existsSync(`${base}.onnx`) && existsSync(`${base}.json`)) {
    const sidecar = SidecarSchema.safeParse(JSON.parse(readFileSync(`${base}.json`, 'utf8')));
    if (sidecar.success && sidecar.data.version === MODEL_VERSION) {
      const model = await loadOnnxModel(readFileSync(`${base}.onnx`), `${base}.onnx`);
      return { model, ensemble: sidecar.data.ensemble, path: `${base}.onnx`, trained: false };
    }
  }
  if (options.cachedOnly)
    throw new ModelNotTrainedError(`no trained ${frequency} model yet; run \`ibrain models train\``);
  const trained = await trainForecaster(series, frequency);
  mkdirSync(dir, { recursive: true });
  writeFileSync(`${base}.onnx`, trained.onnx);
  writeFileSync(
    `${base}.json`,
    JSON.stringify(
      {
        version: MODEL_VERSION,
        hash,
        ensemble: trained.ensemble,
        validation: trained.validation,
        training: trained.training,
        trainedAt: new Date().toISOString(),
      },
      null,
      2,
    ),
  );
  options.onTrained?.(trained);
  const model = await loadOnnxModel(trained.onnx, `${base}.onnx`);
  return { model, ensemble: trained.ensemble, path: `${base}.onnx`, trained: true };
}
