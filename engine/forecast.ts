import { PUBLIC_PRINCIPAL, type Principal } from '../knowledge-graph/schema/index.js';
import { DEFAULT_WEIGHTS, type EnsembleWeights } from '../models/forecast/ensemble.js';
import { forecastSeries as runForecaster } from '../models/forecast/forecaster.js';
import { addPeriods } from '../models/forecast/frequency.js';
import type { ReadyModel } from '../models/forecast/model-cache.js';
import {
  type CleanSeries,
  FREQUENCIES,
  type ForecastPoint,
  type Frequency,
} from '../models/forecast/types.js';
import { prepareSeries } from '../models/forecast/prepare.js';
import { type TrendInsight, trendInsight } from '../models/forecast/trend.js';
import { UserError } from './cli/errors.js';
import type { Engine } from './container.js';
import { seriesStoreOf } from './series.js';

export interface ForecastOptions {
  horizon: number;
  /** Interval levels in percent; default 80 and 95. */
  levels?: readonly number[];
  /**
   * How the ONNX global model joins the ensemble: `train` trains it when no cached model matches
   * the stored public series (the CLI); `cached` uses one only if already trained, so a request
   * never waits minutes on a training run (the API).
   */
  globalModel?: 'train' | 'cached';
  /** Retrain the global model first (with `train`). */
  retrain?: boolean;
}

export interface ForecastOutput {
  series: string;
  frequency: Frequency;
  ensemble: EnsembleWeights;
  points: ForecastPoint[];
  trend: TrendInsight;
  notes: string[];
}

/** A series handed over by value: dates, or a start date from which the frequency's calendar runs. */
export interface ValuesInput {
  name?: string;
  values: ReadonlyArray<number | null>;
  frequency: Frequency;
  dates?: readonly string[];
  start?: string;
}

const DEFAULT_LEVELS = [80, 95] as const;

/**
 * Forecasts a stored series (id `series:<name>` or exact name) as `principal` may see it: a series
 * the principal has no grant for is reported as missing, exactly like one that does not exist.
 */
export async function forecastSeries(
  engine: Engine,
  ref: string,
  options: ForecastOptions,
  principal: Principal,
): Promise<ForecastOutput> {
  const stored = await seriesStoreOf(engine).get(ref, principal);
  if (!stored)
    // Status 404 for the API: a series hidden from the principal must look exactly like a missing one.
    throw Object.assign(
      new UserError(`forecast: no series "${ref}"; import one with \`ibrain import prices <csv>\``),
      { status: 404 },
    );
  const frequency = stored.node.props.frequency;
  const clean = prepareSeries({
    name: stored.node.name,
    frequency,
    values: stored.points.map((p) => p.value),
    dates: stored.points.map((p) => p.date),
  });
  const notes: string[] = [];
  let ready: ReadyModel | undefined;
  try {
    ready = await readyGlobalModel(engine, frequency, options);
  } catch (error) {
    if (!(error instanceof Error && (error as { userFacing?: unknown }).userFacing === true)) throw error;
    notes.push(`global model unavailable (${error.message}); baselines only`);
  }
  try {
    return await forecastClean(clean, options, ready, notes);
  } finally {
    await ready?.model.close();
  }
}

/** Forecasts values the caller sends; baselines only, since no stored model is tied to them. */
export async function forecastValues(input: ValuesInput, options: ForecastOptions): Promise<ForecastOutput> {
  const dates =
    input.dates ??
    (input.start !== undefined
      ? input.values.map((_v, i) => addPeriods(input.start!, input.frequency, i))
      : undefined);
  const clean = prepareSeries({
    name: input.name ?? 'values',
    frequency: input.frequency,
    values: input.values,
    ...(dates ? { dates } : {}),
  });
  return forecastClean(clean, options, undefined, []);
}

async function forecastClean(
  clean: CleanSeries,
  options: ForecastOptions,
  ready: ReadyModel | undefined,
  notes: string[],
): Promise<ForecastOutput> {
  const asked = options.levels ?? DEFAULT_LEVELS;
  // The trend reading needs the 80% bounds whatever levels were asked for; the extra ones are dropped after.
  const levels = [...new Set([...asked, 80])];
  const ensemble = ready?.ensemble ?? DEFAULT_WEIGHTS;
  const [result] = await runForecaster([clean], {
    horizon: options.horizon,
    weights: ensemble,
    levels,
    ...(ready ? { model: ready.model } : {}),
  });
  const trend = trendInsight(clean.name, clean.values, result!.points, clean.frequency);
  const points = asked.includes(80)
    ? result!.points
    : result!.points.map(({ lo80: _lo, hi80: _hi, ...rest }) => rest as ForecastPoint);
  return {
    series: clean.name,
    frequency: clean.frequency,
    ensemble,
    points,
    trend,
    notes: [...notes, ...result!.notes],
  };
}

async function readyGlobalModel(
  engine: Engine,
  frequency: Frequency,
  options: ForecastOptions,
): Promise<ReadyModel> {
  const { readyModel } = await import('../models/forecast/model-cache.js');
  return readyModel(engine.dataDir, frequency, await trainingSet(engine, frequency), {
    retrain: options.retrain,
    cachedOnly: options.globalModel === 'cached',
    onnxModel: engine.config.forecast.onnxModel,
  });
}

/** Public series of one frequency, cleaned: what the shared global model may learn from. */
async function trainingSet(engine: Engine, frequency: Frequency): Promise<CleanSeries[]> {
  const store = seriesStoreOf(engine);
  const nodes = await store.list({ frequency }, PUBLIC_PRINCIPAL);
  const out: CleanSeries[] = [];
  for (const node of nodes) {
    const stored = await store.get(node.id, PUBLIC_PRINCIPAL);
    if (!stored?.points.some((p) => p.value !== null)) continue;
    out.push(
      prepareSeries({
        name: node.name,
        frequency,
        values: stored.points.map((p) => p.value),
        dates: stored.points.map((p) => p.date),
      }),
    );
  }
  return out;
}

/** Retrains the global model of every frequency that has stored public series (`ibrain models train`). */
export async function trainGlobalModels(
  engine: Engine,
): Promise<{ models: Array<{ frequency: string; series: number; path: string }> }> {
  const { readyModel } = await import('../models/forecast/model-cache.js');
  const models: Array<{ frequency: string; series: number; path: string }> = [];
  for (const frequency of FREQUENCIES) {
    const series = await trainingSet(engine, frequency);
    if (series.length === 0) continue;
    const ready = await readyModel(engine.dataDir, frequency, series, { retrain: true });
    await ready.model.close();
    models.push({ frequency, series: series.length, path: ready.path });
  }
  return { models };
}
