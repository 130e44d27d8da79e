import { PUBLIC_PRINCIPAL, type Principal } from '../knowledge-graph/schema/index.js';
import type { SeriesNode } from '../knowledge-graph/series/port.js';
import type { EnsembleWeights, Member } from '../models/forecast/ensemble.js';
import {
  type ForecastSkill,
  forecastSeries as runForecaster,
  type SeriesForecast,
} from '../models/forecast/forecaster.js';
import { addPeriods } from '../models/forecast/frequency.js';
import type { ReadyModel } from '../models/forecast/model-cache.js';
import type { OutlierFlag } from '../models/forecast/outliers.js';
import { PER_SERIES_CANDIDATES, PER_SERIES_DEFAULTS } from '../models/forecast/per-series.js';
import { prepareSeries } from '../models/forecast/prepare.js';
import { type TrendInsight, trendInsight } from '../models/forecast/trend.js';
import {
  type CleanSeries,
  FREQUENCIES,
  type ForecastPoint,
  type Frequency,
} from '../models/forecast/types.js';
import { UserError } from './errors.js';
import type { Engine } from './container.js';

export interface ForecastOptions {
  horizon: number;
  /** Interval levels in percent; default 80 and 95. */
  levels?: readonly number[];
  /**
   * Whether the ONNX global model may join the candidates (only when the per-series settings
   * offer it, see `PER_SERIES_DEFAULTS.global`): `train` trains it when no cached model matches
   * the stored public series (the CLI); `cached` uses one only if already trained, so a request
   * never waits minutes on a training run (the API); `none` never (the answer layer, reports).
   */
  globalModel?: 'train' | 'cached' | 'none';
  /** Retrain the global model first (with `train`). */
  retrain?: boolean;
}

/**
 * Everything a reader needs to cite a forecast: the series (names, unit, source), the points with
 * their intervals, the trend with the probability of a rise, the skill against the last value on
 * the series' own past, the method's weights and any suspected outliers.
 */
export interface ForecastOutput {
  /** The series' name (for IMF data the English column name). */
  series: string;
  /** The stored series' id; absent for values sent by the caller. */
  seriesId?: string;
  nameZh?: string;
  code?: string;
  unit?: string;
  kind?: SeriesNode['props']['kind'];
  frequency: Frequency;
  /** The weights of the methods the forecast combines, chosen on this series' past origins. */
  ensemble: EnsembleWeights;
  /** The last observation the forecast starts from. */
  last: { date?: string; value: number };
  points: ForecastPoint[];
  /** Direction, change, probabilities of rise / flat / fall, volatility and sentences (zh, en). */
  trend: TrendInsight;
  skill: ForecastSkill;
  outliers: OutlierFlag[];
  /** Where the data came from, for citations. */
  sources: Array<{ source: string; record: string }>;
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
 * The one entry point for forecasting a stored series (id `series:<name>`, exact name or alias
 * such as its Chinese name or code) as `principal` may see it: a series the principal has no
 * grant for is reported as missing (status 404), exactly like one that does not exist. Methods are
 * chosen and weighted on the series' own past origins and shrunk toward the last value
 * (`per-series.ts`); every number in the output is finite.
 */
export async function forecastSeries(
  engine: Engine,
  ref: string,
  options: ForecastOptions,
  principal: Principal,
): Promise<ForecastOutput> {
  const stored = await findSeries(engine, ref, principal);
  if (!stored)
    // Status 404 for the API: a series hidden from the principal must look exactly like a missing one.
    throw new UserError(
      `forecast: no series "${ref}"; import one with \`ibrain import prices <csv>\``,
      'not-found',
    );
  const { node, points } = stored;
  const frequency = node.props.frequency;
  const clean = prepareSeries({
    name: node.name,
    frequency,
    values: points.map((p) => p.value),
    dates: points.map((p) => p.date),
  });
  const notes: string[] = [];
  let ready: ReadyModel | undefined;
  if (PER_SERIES_DEFAULTS.global && (options.globalModel ?? 'cached') !== 'none') {
    try {
      ready = await readyGlobalModel(engine, frequency, options);
    } catch (error) {
      if (!(error instanceof Error && (error as { userFacing?: unknown }).userFacing === true)) throw error;
      notes.push(`global model unavailable (${error.message}); baselines only`);
    }
  }
  // The pooled mean-reversion member learns from the other public series of this frequency and
  // kind (prices with prices) too.
  const context = PER_SERIES_DEFAULTS.pooled
    ? (await trainingSet(engine, frequency, node.props.kind)).filter((s) => s.name !== clean.name)
    : [];
  try {
    const out = await forecastClean(clean, options, ready, notes, node, context);
    return {
      ...out,
      seriesId: node.id,
      ...(node.props.nameZh ? { nameZh: node.props.nameZh } : {}),
      ...(node.props.code ? { code: node.props.code } : {}),
      ...(node.props.unit ? { unit: node.props.unit } : {}),
      kind: node.props.kind,
      sources: node.provenance.map((p) => ({ source: p.source, record: p.record })),
    };
  } finally {
    await ready?.model.close();
  }
}

/** By id or exact name, else by alias (Chinese name, code, original column), case and width aside. */
async function findSeries(engine: Engine, ref: string, principal: Principal) {
  const store = engine.state.series;
  const direct = await store.get(ref, principal);
  if (direct) return direct;
  const key = ref.normalize('NFKC').trim().toLowerCase();
  const byAlias = (await store.list({}, principal)).find((s) =>
    [s.name, ...s.aliases, s.props.nameZh ?? '', s.props.code ?? ''].some(
      (n) => n.normalize('NFKC').trim().toLowerCase() === key,
    ),
  );
  return byAlias ? store.get(byAlias.id, principal) : null;
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

function candidates(ready: ReadyModel | undefined): EnsembleWeights {
  const members: Member[] = [...PER_SERIES_CANDIDATES, ...(ready ? (['global'] as const) : [])];
  return Object.fromEntries(members.map((m) => [m, 1]));
}

function describeWeights(forecast: SeriesForecast): string {
  const parts = Object.entries(forecast.weights)
    .sort((a, b) => (b[1] ?? 0) - (a[1] ?? 0))
    .map(([m, w]) => `${m} ${(w ?? 0).toFixed(2)}`);
  const { skill } = forecast;
  return `methods chosen on ${skill.origins} past origin(s) of this series, shrunk toward the last value: ${parts.join(', ')}`;
}

async function forecastClean(
  clean: CleanSeries,
  options: ForecastOptions,
  ready: ReadyModel | undefined,
  notes: string[],
  node?: SeriesNode,
  context: readonly CleanSeries[] = [],
): Promise<ForecastOutput> {
  const asked = options.levels ?? DEFAULT_LEVELS;
  // The trend reading needs the 80% bounds whatever levels were asked for; the extra ones are dropped after.
  const levels = [...new Set([...asked, 80])];
  const [result] = await runForecaster([clean], {
    horizon: options.horizon,
    weights: candidates(ready),
    selection: 'per-series',
    levels,
    ...(ready ? { model: ready.model } : {}),
    ...(context.length > 0 ? { pooledContext: context } : {}),
  });
  const r = result!;
  const trend = trendInsight(clean.name, clean.values, r.points, clean.frequency, 2, {
    skill: r.skill,
    ...(node ? { kind: node.props.kind } : {}),
    ...(node?.props.nameZh ? { nameZh: node.props.nameZh } : {}),
  });
  const points = asked.includes(80)
    ? r.points
    : r.points.map(({ lo80: _lo, hi80: _hi, ...rest }) => rest as ForecastPoint);
  const lastDate = clean.dates?.[clean.dates.length - 1];
  return {
    series: clean.name,
    frequency: clean.frequency,
    ensemble: r.weights,
    last: { ...(lastDate ? { date: lastDate } : {}), value: clean.values[clean.values.length - 1]! },
    points,
    trend,
    skill: r.skill,
    outliers: r.outliers,
    sources: [],
    notes: [describeWeights(r), ...notes, ...r.notes],
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
    cachedOnly: options.globalModel !== 'train',
    onnxModel: engine.config.forecast.onnxModel,
  });
}

/** Public series of one frequency, cleaned: what the shared global model may learn from. */
async function trainingSet(
  engine: Engine,
  frequency: Frequency,
  kind?: SeriesNode['props']['kind'],
): Promise<CleanSeries[]> {
  const store = engine.state.series;
  const nodes = (await store.list({ frequency }, PUBLIC_PRINCIPAL)).filter(
    (n) => kind === undefined || n.props.kind === kind,
  );
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
