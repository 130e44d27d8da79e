import { type Baseline, baselineForecasts } from './baselines/index.js';
import { combine, type EnsembleWeights, isBaseline, type Member } from './ensemble.js';
import { addPeriods, SEASON } from './frequency.js';
import type { GlobalPredictor } from './global/predictor.js';
import { windowScale, writeInputRow } from './global/windows.js';
import { ConformalCalibration } from './intervals.js';
import type { CleanSeries, ForecastPoint } from './types.js';

export interface SeriesForecast {
  name: string;
  points: ForecastPoint[];
  notes: string[];
}

export interface ForecastOptions {
  horizon: number;
  weights: EnsembleWeights;
  model?: GlobalPredictor;
  /** Coverage levels in percent; default 80 and 95. */
  levels?: readonly number[];
  /**
   * Rolling origins per series whose residuals calibrate the intervals. Default: enough that the
   * batch pools about 60 origins, between 2 and 12 per series.
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
 * that many points). The global model runs once over the whole batch.
 */
export async function memberForecasts(
  series: readonly CleanSeries[],
  ends: readonly number[],
  h: number,
  members: readonly Member[],
  model?: GlobalPredictor,
): Promise<Array<Partial<Record<Member, Float64Array>>>> {
  const baselines = members.filter(isBaseline) as Baseline[];
  const out = series.map((s, i) => {
    const y = s.values.subarray(0, ends[i]);
    return baselineForecasts(y, h, SEASON[s.frequency], baselines) as Partial<Record<Member, Float64Array>>;
  });
  if (!model || !members.includes('global')) return out;
  const { contract } = model;
  const rows = series.map((_s, i) => i).filter((i) => series[i]!.frequency === contract.frequency);
  if (rows.length === 0) return out;
  const width = contract.lags + contract.calendar;
  const x = new Float32Array(rows.length * width);
  const scales = rows.map((i, r) => {
    const s = series[i]!;
    const end = ends[i]!;
    const scale = windowScale(s.values, end, contract.lags);
    const firstDate = s.dates?.[end] ?? (s.dates ? addPeriods(s.dates[end - 1]!, s.frequency, 1) : undefined);
    writeInputRow(x, r * width, s.values, end, contract, firstDate, scale);
    return scale;
  });
  const y = await model.predict(x, rows.length);
  const steps = Math.min(h, contract.horizon);
  rows.forEach((i, r) => {
    const f = new Float64Array(steps);
    for (let k = 0; k < steps; k++) f[k] = (y[r * contract.horizon + k]! + 1) * scales[r]!;
    if (f.every(Number.isFinite)) out[i]!.global = f;
  });
  return out;
}

/** The members an ensemble needs, plus naive as the last-resort fallback. */
function neededMembers(weights: EnsembleWeights): Member[] {
  const members = new Set<Member>(['naive']);
  for (const [m, w] of Object.entries(weights) as Array<[Member, number]>) if (w > 0) members.add(m);
  return [...members];
}

/**
 * Scale for turning errors into pooled residuals: the mean absolute one-step change over the
 * last max(12, 2m) points before the origin, a local volatility. Calibrating |error| / local
 * volatility (not / long-run error) keeps the residuals of calm and turbulent spells on one
 * footing, so a series entering a volatile spell widens its intervals at once instead of after
 * the calibration window has filled with its misses. A mean, not a median: one recent jump must
 * widen the next interval. Never zero, so a constant series still works.
 */
export function errorScale(y: ArrayLike<number>, m: number): number {
  const n = y.length;
  const from = Math.max(1, n - Math.max(12, 2 * m));
  let s = 0;
  for (let i = from; i < n; i++) s += Math.abs(y[i]! - y[i - 1]!);
  if (n - from > 0 && s > 0) return s / (n - from);
  let level = 0;
  for (let i = 0; i < n; i++) level += Math.abs(y[i]!);
  return (level / Math.max(1, n)) * 1e-3 || 1e-3;
}

async function ensembleAt(
  series: readonly CleanSeries[],
  ends: readonly number[],
  h: number,
  options: ForecastOptions,
): Promise<Float64Array[]> {
  const members = neededMembers(options.weights);
  const forecasts = await memberForecasts(series, ends, h, members, options.model);
  return forecasts.map((f) => {
    const c = combine(f, options.weights, h);
    return c.every(Number.isFinite) ? c : f.naive!;
  });
}

/**
 * Point forecasts from the weighted ensemble and conformal intervals from rolling-origin
 * residuals pooled across the batch. Without any usable origin (very short series) the interval
 * falls back to a random walk on the seasonal-naive error scale (z·scale·√step), said in notes.
 */
export async function forecastSeries(
  series: readonly CleanSeries[],
  options: ForecastOptions,
): Promise<SeriesForecast[]> {
  const h = options.horizon;
  const levels = options.levels ?? [80, 95];
  const k =
    options.calibrationOrigins ?? Math.min(12, Math.max(2, Math.ceil(60 / Math.max(1, series.length))));
  const stride = options.calibrationStride ?? Math.max(1, Math.floor(h / 2));
  const calibration = new ConformalCalibration(h);
  for (let origin = 0; origin < k; origin++) {
    const picked = series
      .map((s, i) => ({ i, end: s.values.length - h - origin * stride }))
      .filter(({ end }) => end >= Math.max(3, h));
    if (picked.length === 0) break;
    const subset = picked.map(({ i }) => series[i]!);
    const ends = picked.map(({ end }) => end);
    const fc = await ensembleAt(subset, ends, h, options);
    picked.forEach(({ end }, j) => {
      const s = subset[j]!;
      const scale = errorScale(s.values.subarray(0, end), SEASON[s.frequency]);
      for (let step = 0; step < h; step++)
        calibration.add(step, Math.abs(s.values[end + step]! - fc[j]![step]!) / scale);
    });
  }
  const widths = new Map(
    levels.map((l) => [
      l,
      calibration.count > 0 ? calibration.halfWidths(options.quantileLevels?.[l] ?? l / 100) : undefined,
    ]),
  );
  const means = await ensembleAt(
    series,
    series.map((s) => s.values.length),
    h,
    options,
  );
  return series.map((s, i) => {
    const notes = [...s.notes];
    const scale = errorScale(s.values, SEASON[s.frequency]);
    if (calibration.count === 0)
      notes.push('intervals: too little history for rolling-origin calibration; random-walk widths used');
    const lastDate = s.dates?.[s.dates.length - 1];
    const points = Array.from({ length: h }, (_, step) => {
      const mean = means[i]![step]!;
      const point = {
        mean,
        ...(lastDate ? { date: addPeriods(lastDate, s.frequency, step + 1) } : {}),
      } as ForecastPoint;
      for (const level of levels) {
        const w = widths.get(level)?.[step] ?? normalQuantile(0.5 + level / 200) * Math.sqrt(step + 1);
        point[`lo${level}`] = mean - w * scale;
        point[`hi${level}`] = mean + w * scale;
      }
      return point;
    });
    return { name: s.name, points, notes };
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
