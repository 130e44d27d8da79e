import { type Baseline, baselineForecasts } from './baselines/index.js';
import { LogAutoregression } from './autoregression.js';
import { combine, type EnsembleWeights, isBaseline, type Member } from './ensemble.js';
import { addPeriods, SEASON } from './frequency.js';
import { predictGlobal } from './global/batch.js';
import type { GlobalPredictor } from './global/predictor.js';
import { ConformalCalibration, errorScale } from './intervals.js';
import { describeOutlier, findOutliers, type OutlierFlag, withoutOutliers } from './outliers.js';
import { PER_SERIES_DEFAULTS, type PerSeriesSettings, perSeriesWeights } from './per-series.js';
import { POOLED_DEFAULTS, PooledReversion, type PooledSettings } from './pooled.js';
import type { CleanSeries, ForecastPoint } from './types.js';

/**
 * How the forecast did on the series' own past: the geometric mean over past origins of its MAE
 * divided by the MAE of the last value carried forward (the naive forecast, a random walk).
 */
export interface ForecastSkill {
  /** Below 1 beats the last value; undefined when no past origin could be scored. */
  maeRatio?: number;
  origins: number;
  /** better: ratio < 0.95; worse: > 1.05; similar: in between ("no better than the last value"). */
  verdict: 'better' | 'similar' | 'worse' | 'unknown';
  /** The same ratio per candidate method (per-series selection only). */
  members: Partial<Record<Member, number>>;
}

export interface SeriesForecast {
  name: string;
  points: ForecastPoint[];
  notes: string[];
  /** The weights the point forecast used: the series' own choice, or the fixed weights given. */
  weights: EnsembleWeights;
  skill: ForecastSkill;
  /** Values treated as suspected data errors (replaced by their neighbours' median for fitting). */
  outliers: OutlierFlag[];
}

export interface ForecastOptions {
  horizon: number;
  /**
   * `fixed` selection: the ensemble weights for every series (e.g. chosen on a validation split by
   * `trainForecaster`). `per-series`: the members with positive weight are the candidates.
   */
  weights: EnsembleWeights;
  /**
   * `fixed` (default): `weights` for every series. `per-series`: each series chooses and weights
   * its candidates on its own past origins, shrunk toward the last value (`per-series.ts`).
   */
  selection?: 'fixed' | 'per-series';
  perSeries?: PerSeriesSettings;
  model?: GlobalPredictor;
  /** Settings of the pooled mean-reversion member (`pooled.ts`); default `POOLED_DEFAULTS`. */
  pooled?: PooledSettings;
  /**
   * More series of the same frequency whose history only adds windows to the pooled member's fit
   * (e.g. the other stored prices when one series is forecast); they are not forecast.
   */
  pooledContext?: readonly CleanSeries[];
  /** Coverage levels in percent; default 80 and 95. */
  levels?: readonly number[];
  /**
   * `fixed` selection: rolling origins per series whose residuals calibrate the intervals.
   * Default: enough that the batch pools about 60 origins, between 2 and 12 per series.
   */
  calibrationOrigins?: number;
  /** Periods between calibration origins; default half the horizon. */
  calibrationStride?: number;
  /**
   * Calibration quantile (0–1) per nominal level, e.g. `{ 80: 0.86 }` from an `AdaptiveLevel`
   * that has seen earlier rounds' misses; default level / 100.
   */
  quantileLevels?: Readonly<Record<number, number>>;
}

/**
 * Forecasts of every ensemble member for each series from origin `ends[i]` (the series cut after
 * that many points), each fitted on its own cut. The global model runs once over the whole batch.
 */
export async function memberForecasts(
  series: readonly CleanSeries[],
  ends: readonly number[],
  h: number,
  members: readonly Member[],
  model?: GlobalPredictor,
  pooledSettings: PooledSettings = POOLED_DEFAULTS,
): Promise<Array<Partial<Record<Member, Float64Array>>>> {
  const baselines = members.filter(isBaseline) as Baseline[];
  const out = series.map((s, i) => {
    const y = s.values.subarray(0, ends[i]);
    return baselineForecasts(y, h, SEASON[s.frequency], baselines) as Partial<Record<Member, Float64Array>>;
  });
  if (members.includes('pooled')) {
    // Fitted on the histories up to each origin only: nothing after ends[i] enters.
    const pooled = new PooledReversion(
      series.map((s, i) => s.values.subarray(0, ends[i])),
      h,
      pooledSettings,
    );
    series.forEach((_s, i) => {
      const f = pooled.forecast(i, ends[i]!);
      if (f) out[i]!.pooled = f;
    });
  }
  if (members.includes('ar'))
    series.forEach((s, i) => {
      const y = s.values.subarray(0, ends[i]);
      const f = LogAutoregression.fit(y)?.at(y, y.length, h);
      if (f) out[i]!.ar = f;
    });
  if (!model || !members.includes('global')) return out;
  const globals = await predictGlobal(series, ends, h, model);
  globals.forEach((f, i) => {
    if (f) out[i]!.global = f;
  });
  return out;
}

/** The members an ensemble needs, plus naive as the last-resort fallback and skill yardstick. */
function neededMembers(weights: EnsembleWeights): Member[] {
  const members = new Set<Member>(['naive']);
  for (const [m, w] of Object.entries(weights) as Array<[Member, number]>) if (w > 0) members.add(m);
  return [...members];
}

async function ensembleAt(
  series: readonly CleanSeries[],
  ends: readonly number[],
  h: number,
  options: ForecastOptions,
): Promise<Array<{ mean: Float64Array; naive: Float64Array }>> {
  const members = neededMembers(options.weights);
  const forecasts = await memberForecasts(series, ends, h, members, options.model, options.pooled);
  return forecasts.map((f) => {
    const c = combine(f, options.weights, h);
    return { mean: c.every(Number.isFinite) ? c : f.naive!, naive: f.naive! };
  });
}

/**
 * A series as the forecaster works on it: divided by a power of two so its largest magnitude is
 * near 1 (exact, and no difference or product of values can overflow, however extreme the input),
 * with suspected outliers replaced by their neighbours' median.
 */
interface Working {
  series: CleanSeries;
  scale: number;
  outliers: OutlierFlag[];
}

function working(s: CleanSeries): Working {
  let largest = 0;
  for (const v of s.values) largest = Math.max(largest, Math.abs(v));
  const scale = largest > 0 && Number.isFinite(largest) ? powerOfTwoNear(largest) : 1;
  const scaled = scale === 1 ? s.values : s.values.map((v) => v / scale);
  const flags = findOutliers(scaled, s.dates);
  return {
    series: { ...s, values: withoutOutliers(scaled, flags) },
    scale,
    outliers: flags.map((f) => ({ ...f, value: s.values[f.index]!, replacement: f.replacement * scale })),
  };
}

/** 2^⌊log2 x⌋ within the finite range: dividing by it is exact and leaves magnitudes in [1, 2). */
export function powerOfTwoNear(x: number): number {
  return 2 ** Math.min(1023, Math.max(-1022, Math.floor(Math.log2(x))));
}

/** Past errors of each series' forecast, per origin, plus the skill they show against naive. */
interface Past {
  errors: Array<{ step: number; error: number; end: number }>;
  skill: ForecastSkill;
}

function verdict(ratio: number | undefined, origins: number): ForecastSkill['verdict'] {
  if (ratio === undefined || origins < 3) return 'unknown';
  return ratio < 0.95 ? 'better' : ratio > 1.05 ? 'worse' : 'similar';
}

/** Fixed weights: every series' ensemble at `k` past origins, refitted at each. */
async function fixedPast(
  series: readonly CleanSeries[],
  options: ForecastOptions,
): Promise<{ past: Past[]; means: Float64Array[] }> {
  const h = options.horizon;
  const k =
    options.calibrationOrigins ?? Math.min(12, Math.max(2, Math.ceil(60 / Math.max(1, series.length))));
  const stride = options.calibrationStride ?? Math.max(1, Math.floor(h / 2));
  const errors: Past['errors'][] = series.map(() => []);
  const logs: number[][] = series.map(() => []);
  for (let origin = 0; origin < k; origin++) {
    const picked = series
      .map((s, i) => ({ i, end: s.values.length - h - origin * stride }))
      .filter(({ end }) => end >= Math.max(3, h));
    if (picked.length === 0) break;
    const fc = await ensembleAt(
      picked.map(({ i }) => series[i]!),
      picked.map(({ end }) => end),
      h,
      options,
    );
    picked.forEach(({ i, end }, j) => {
      const y = series[i]!.values;
      let mae = 0;
      let maeNaive = 0;
      for (let step = 0; step < h; step++) {
        const error = Math.abs(y[end + step]! - fc[j]!.mean[step]!);
        errors[i]!.push({ step, error, end });
        mae += error;
        maeNaive += Math.abs(y[end + step]! - fc[j]!.naive[step]!);
      }
      const eps = 1e-9 * Math.abs(y[end - 1]!) + 1e-300;
      const r = Math.log((mae + eps) / (maeNaive + eps));
      logs[i]!.push(Number.isFinite(r) ? r : 0);
    });
  }
  const finals = await ensembleAt(
    series,
    series.map((s) => s.values.length),
    h,
    options,
  );
  const past = series.map((_s, i) => {
    const n = logs[i]!.length;
    const ratio =
      n > 0 ? Math.round(Math.exp(logs[i]!.reduce((a, b) => a + b, 0) / n) * 1e4) / 1e4 : undefined;
    return {
      errors: errors[i]!,
      skill: {
        ...(ratio === undefined ? {} : { maeRatio: ratio }),
        origins: n,
        verdict: verdict(ratio, n),
        members: {},
      },
    };
  });
  return { past, means: finals.map((f) => f.mean) };
}

/** A finite number: NaN becomes `fallback`, ±Infinity the largest finite number of that sign. */
function finite(x: number, fallback: number): number {
  if (Number.isNaN(x)) return fallback;
  return Math.min(Number.MAX_VALUE, Math.max(-Number.MAX_VALUE, x));
}

/**
 * Point forecasts from the weighted ensemble (fixed weights, or chosen per series) and conformal
 * intervals from rolling-origin residuals pooled across the batch. Without any usable origin
 * (very short series) the interval falls back to a random walk on the local volatility
 * (z·scale·√step), said in notes. Every number returned is finite, whatever the input.
 */
export async function forecastSeries(
  series: readonly CleanSeries[],
  options: ForecastOptions,
): Promise<SeriesForecast[]> {
  const h = options.horizon;
  const levels = options.levels ?? [80, 95];
  const work = series.map(working);
  const workSeries = work.map((w) => w.series);
  let past: Past[];
  let means: Float64Array[];
  let weights: EnsembleWeights[];
  if (options.selection === 'per-series') {
    const candidates = (Object.entries(options.weights) as Array<[Member, number]>)
      .filter(([, w]) => w > 0)
      .map(([m]) => m);
    const choices = await perSeriesWeights(
      workSeries,
      h,
      candidates,
      options.perSeries ?? PER_SERIES_DEFAULTS,
      options.model,
      {
        ...(options.pooled ? { settings: options.pooled } : {}),
        ...(options.pooledContext ? { context: options.pooledContext.map((s) => working(s).series) } : {}),
      },
    );
    past = choices.map((c) => ({
      errors: c.past.errors,
      skill: {
        ...(c.past.combined === undefined ? {} : { maeRatio: c.past.combined }),
        origins: c.past.origins,
        verdict: verdict(c.past.combined, c.past.origins),
        members: c.past.members,
      },
    }));
    means = choices.map((c) => c.mean);
    weights = choices.map((c) => c.weights);
  } else {
    ({ past, means } = await fixedPast(workSeries, options));
    weights = workSeries.map(() => options.weights);
  }

  const calibration = new ConformalCalibration(h);
  workSeries.forEach((s, i) => {
    const m = SEASON[s.frequency];
    const scales = new Map<number, number>();
    for (const { step, error, end } of past[i]!.errors) {
      let scale = scales.get(end);
      if (scale === undefined) {
        scale = errorScale(s.values.subarray(0, end), m);
        scales.set(end, scale);
      }
      calibration.add(step, error / scale);
    }
  });
  const widths = new Map(
    levels.map((l) => [
      l,
      calibration.count > 0 ? calibration.halfWidths(options.quantileLevels?.[l] ?? l / 100) : undefined,
    ]),
  );

  return workSeries.map((s, i) => {
    const { scale: unit, outliers } = work[i]!;
    const notes = [...series[i]!.notes, ...outliers.map((f) => describeOutlier(f, s.name))];
    const scale = errorScale(s.values, SEASON[s.frequency]);
    if (calibration.count === 0)
      notes.push('intervals: too little history for rolling-origin calibration; random-walk widths used');
    const lastDate = s.dates?.[s.dates.length - 1];
    const last = s.values[s.values.length - 1]!;
    let clamped = false;
    const points = Array.from({ length: h }, (_, step) => {
      const mean = Number.isFinite(means[i]![step]) ? means[i]![step]! : last;
      const point = {
        mean: finite(mean * unit, last * unit),
        ...(lastDate ? { date: addPeriods(lastDate, s.frequency, step + 1) } : {}),
      } as ForecastPoint;
      for (const level of levels) {
        const w = widths.get(level)?.[step] ?? normalQuantile(0.5 + level / 200) * Math.sqrt(step + 1);
        const lo = (mean - w * scale) * unit;
        const hi = (mean + w * scale) * unit;
        if (!Number.isFinite(lo) || !Number.isFinite(hi)) clamped = true;
        point[`lo${level}`] = finite(lo, point.mean);
        point[`hi${level}`] = finite(hi, point.mean);
      }
      return point;
    });
    if (clamped) notes.push('intervals: bounds beyond the floating-point range were clamped to ±1.8e308');
    return { name: s.name, points, notes, weights: weights[i]!, skill: past[i]!.skill, outliers };
  });
}

/** Inverse standard normal CDF (Acklam's rational approximation; ample for interval fallbacks). */
export function normalQuantile(p: number): number {
  const a = [
    -39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716,
    2.506628277459239,
  ];
  const b = [
    -54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572,
  ];
  const c = [
    -0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968,
    2.938163982698783,
  ];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const q = Math.min(Math.max(p, 1e-12), 1 - 1e-12);
  const tail = (r: number) =>
    (((((c[0]! * r + c[1]!) * r + c[2]!) * r + c[3]!) * r + c[4]!) * r + c[5]!) /
    ((((d[0]! * r + d[1]!) * r + d[2]!) * r + d[3]!) * r + 1);
  if (q < 0.02425) return tail(Math.sqrt(-2 * Math.log(q)));
  if (q > 1 - 0.02425) return -tail(Math.sqrt(-2 * Math.log(1 - q)));
  const r = (q - 0.5) ** 2;
  return (
    ((((((a[0]! * r + a[1]!) * r + a[2]!) * r + a[3]!) * r + a[4]!) * r + a[5]!) * (q - 0.5)) /
    (((((b[0]! * r + b[1]!) * r + b[2]!) * r + b[3]!) * r + b[4]!) * r + 1)
  );
}
