import { LogAutoregression } from './autoregression.js';
import { type Baseline, FittedBaselines } from './baselines/index.js';
import { combine, type EnsembleWeights, isBaseline, type Member } from './ensemble.js';
import { SEASON } from './frequency.js';
import { predictGlobal } from './global/batch.js';
import type { GlobalPredictor } from './global/predictor.js';
import { POOLED_DEFAULTS, PooledReversion, type PooledSettings } from './pooled.js';
import type { CleanSeries } from './types.js';

/**
 * How each series chooses and weights its methods on its own past (`perSeriesWeights`). Chosen on
 * the IMF prices before 2019-01 (`npm run bench -- forecast` prints the validation grid); never on
 * the backtest's 2019–2023 outcomes.
 */
export interface PerSeriesSettings {
  /** Past origins per series, newest first, `stride` periods apart; each needs a full horizon of outcomes. */
  origins: number;
  stride: number;
  /** Pseudo-origins of prior evidence that a method is `penalty` (in log MAE ratio) worse than the last value. */
  shrink: number;
  penalty: number;
  /** Pseudo-origins given to the batch's pooled evidence per method (when ≥ 5 series have origins). */
  pool: number;
  /** Softmax temperature on the shrunk mean log MAE ratio; methods not better than naive get no weight. */
  temperature: number;
  /** Whether a global model, when the caller has one, joins the candidates. */
  global: boolean;
  /** Whether the pooled mean-reversion model (`pooled.ts`) joins the candidates. */
  pooled: boolean;
  /** Whether each series' own AR(1) on log changes (`autoregression.ts`) joins the candidates. */
  ar: boolean;
}

/**
 * The validation grid (fixed up front): fewer or more past origins, no pooling or pooling across
 * the batch, a sharper or softer softmax, with or without the global model, the pooled
 * mean-reversion model and each series' own AR(1) on log changes. Stride, prior strength and penalty are fixed a priori (a quarter
 * apart; 5 pseudo-origins 2% worse than naive).
 */
export const PER_SERIES_GRID: readonly PerSeriesSettings[] = [6, 12].flatMap((origins) =>
  [0, 20].flatMap((pool) =>
    [0.02, 0.05].flatMap((temperature) =>
      [false, true].flatMap((global) =>
        [false, true].flatMap((pooled) =>
          [false, true].map((ar) => ({
            origins,
            stride: 3,
            shrink: 5,
            penalty: 0.02,
            pool,
            temperature,
            global,
            pooled,
            ar,
          })),
        ),
      ),
    ),
  ),
);

/**
 * The validation winner (MAE/naive geometric mean 0.9793 on 5,527 forecasts from origins
 * 2013-01…2018-01; 0.9801 without the AR member, 0.9795 without the global model, 0.9836 without
 * the pooled member).
 */
export const PER_SERIES_DEFAULTS: PerSeriesSettings = {
  origins: 12,
  stride: 3,
  shrink: 5,
  penalty: 0.02,
  pool: 20,
  temperature: 0.05,
  global: true,
  pooled: true,
  ar: true,
};

/** The candidates when the caller names none: the baselines that can win on price and demand data. */
export const PER_SERIES_CANDIDATES: readonly Member[] = [
  'naive',
  'rwavg',
  'ses',
  'damped',
  'theta',
  'snaive',
  'naive2',
  'pooled',
  'ar',
];

/** Evidence on one series' past: how each method and the chosen combination did against naive. */
export interface PastOrigins {
  /** Origins scored (each with a full horizon of known outcomes). */
  origins: number;
  /** Geometric mean over the origins of MAE(method) / MAE(naive), per candidate. */
  members: Partial<Record<Member, number>>;
  /** The same for the chosen combination; undefined without origins. */
  combined?: number;
  /** |actual − combination| per horizon step at each origin, for interval calibration. */
  errors: Array<{ step: number; error: number; end: number }>;
}

export interface PerSeriesChoice {
  weights: EnsembleWeights;
  mean: Float64Array;
  past: PastOrigins;
}

const MIN_POOLED = 5;
const MIN_WEIGHT = 0.02;

/**
 * Per-series method choice on rolling origins, shrunk toward the random walk. Every candidate is
 * fitted once on the whole series (`FittedBaselines`) and scored at up to `origins` past origins
 * with those parameters; the score of a method is its mean log MAE ratio to naive there. That
 * score is shrunk toward a prior that the method is slightly worse than naive and toward the
 * batch's pooled score, and only methods still better than naive after shrinking join naive in a
 * softmax. So a series without evidence (short, or a random walk) is forecast by its last value,
 * and a seasonal series whose seasonal methods clearly won gets them.
 */
export async function perSeriesWeights(
  series: readonly CleanSeries[],
  h: number,
  candidates: readonly Member[],
  settings: PerSeriesSettings = PER_SERIES_DEFAULTS,
  model?: GlobalPredictor,
  pooledOptions: { settings?: PooledSettings; context?: readonly CleanSeries[] } = {},
): Promise<PerSeriesChoice[]> {
  const useGlobal = model !== undefined && settings.global && candidates.includes('global');
  const usePooled = settings.pooled && candidates.includes('pooled');
  const useAr = settings.ar && candidates.includes('ar');
  const members = [...new Set<Member>(['naive', ...candidates])].filter(
    (m) => (m !== 'global' || useGlobal) && (m !== 'pooled' || usePooled) && (m !== 'ar' || useAr),
  );
  const baselines = members.filter(isBaseline) as Baseline[];
  // Other series (the caller's context) only add windows to the pooled fit; they are not forecast.
  const reversion = usePooled
    ? new PooledReversion(
        [...series, ...(pooledOptions.context ?? [])].map((s) => s.values),
        h,
        pooledOptions.settings ?? POOLED_DEFAULTS,
      )
    : undefined;
  const fitted = series.map((s) => new FittedBaselines(s.values, SEASON[s.frequency]));
  const autoregressions = series.map((s) => (useAr ? LogAutoregression.fit(s.values) : undefined));
  const ends = series.map((s) => {
    const out: number[] = [];
    for (let j = 0; j < settings.origins; j++) {
      const end = s.values.length - h - j * settings.stride;
      if (end < Math.max(4, h)) break;
      out.push(end);
    }
    return out;
  });
  const atOrigin = async (j: number | 'last') => {
    const picked = series
      .map((s, i) => ({ i, end: j === 'last' ? s.values.length : ends[i]![j] }))
      .filter((p): p is { i: number; end: number } => p.end !== undefined);
    const globals =
      useGlobal && picked.length > 0
        ? await predictGlobal(
            picked.map((p) => series[p.i]!),
            picked.map((p) => p.end),
            h,
            model,
          )
        : [];
    return new Map(
      picked.map((p, k) => {
        const f = fitted[p.i]!.at(p.end, h, baselines) as Partial<Record<Member, Float64Array>>;
        if (globals[k]) f.global = globals[k];
        const reverting = reversion?.forecast(p.i, p.end);
        if (reverting) f.pooled = reverting;
        const persisting = autoregressions[p.i]?.at(series[p.i]!.values, p.end, h);
        if (persisting) f.ar = persisting;
        return [p.i, f];
      }),
    );
  };
  const past: Array<Array<Partial<Record<Member, Float64Array>>>> = series.map(() => []);
  const longest = Math.max(0, ...ends.map((e) => e.length));
  for (let j = 0; j < longest; j++) for (const [i, f] of await atOrigin(j)) past[i]!.push(f);

  const scores = series.map((s, i) => logRatios(s.values, ends[i]!, past[i]!, members, h));
  const pooled = new Map<Member, number>();
  const withEvidence = scores.filter((r) => r.n > 0);
  if (withEvidence.length >= MIN_POOLED)
    for (const m of members)
      pooled.set(m, withEvidence.reduce((a, r) => a + (r.mean.get(m) ?? 0), 0) / withEvidence.length);

  const last = await atOrigin('last');
  return series.map((s, i) => {
    const { n, mean } = scores[i]!;
    const weights = chooseWeights(members, n, mean, pooled, settings);
    const errors: PastOrigins['errors'] = [];
    let combinedLog = 0;
    ends[i]!.forEach((end, j) => {
      const combined = combine(past[i]![j]!, weights, h);
      const naive = past[i]![j]!.naive!;
      let mae = 0;
      let maeNaive = 0;
      for (let step = 0; step < h; step++) {
        const actual = s.values[end + step]!;
        const error = Math.abs(actual - (Number.isFinite(combined[step]) ? combined[step]! : naive[step]!));
        errors.push({ step, error, end });
        mae += error;
        maeNaive += Math.abs(actual - naive[step]!);
      }
      combinedLog += logRatio(mae / h, maeNaive / h, s.values, end);
    });
    const perMember: PastOrigins['members'] = {};
    if (n > 0) for (const m of members) perMember[m] = round(Math.exp(mean.get(m) ?? 0));
    const finalMembers = last.get(i)!;
    const combined = combine(finalMembers, weights, h);
    return {
      weights,
      mean: combined.every(Number.isFinite) ? combined : finalMembers.naive!,
      past: {
        origins: n,
        members: perMember,
        ...(n > 0 ? { combined: round(Math.exp(combinedLog / n)) } : {}),
        errors,
      },
    };
  });
}

/** Mean log MAE ratio to naive per member over a series' past origins. */
function logRatios(
  y: Float64Array,
  ends: readonly number[],
  forecasts: ReadonlyArray<Partial<Record<Member, Float64Array>>>,
  members: readonly Member[],
  h: number,
): { n: number; mean: Map<Member, number> } {
  const sums = new Map<Member, number>();
  ends.forEach((end, j) => {
    const f = forecasts[j]!;
    const maeNaive = mae(y, end, f.naive!, h);
    for (const m of members) {
      const fm = f[m];
      // A member without a forecast here (the global model past its horizon) scores as naive.
      const r = fm && fm.length === h ? logRatio(mae(y, end, fm, h), maeNaive, y, end) : 0;
      sums.set(m, (sums.get(m) ?? 0) + r);
    }
  });
  const n = ends.length;
  return { n, mean: new Map([...sums].map(([m, s]) => [m, n > 0 ? s / n : 0])) };
}

function mae(y: Float64Array, end: number, f: ArrayLike<number>, h: number): number {
  let s = 0;
  for (let k = 0; k < h; k++) s += Math.abs(y[end + k]! - f[k]!);
  return s / h;
}

/** log(a / b), with both nudged by a tiny fraction of the level so exact forecasts stay finite. */
function logRatio(a: number, b: number, y: Float64Array, end: number): number {
  const eps = 1e-9 * Math.abs(y[end - 1]!) + 1e-300;
  const r = Math.log((a + eps) / (b + eps));
  return Number.isFinite(r) ? r : 0;
}

/**
 * Shrunk scores S_m = (n·R_m + pool·P_m + shrink·penalty) / (n + pool + shrink), naive fixed at 0;
 * weights ∝ exp(−S_m / temperature) over naive and the methods with S_m < 0 (computed relative to
 * the best score, so strong evidence is not flattened), tiny weights dropped.
 */
export function chooseWeights(
  members: readonly Member[],
  n: number,
  mean: ReadonlyMap<Member, number>,
  pooled: ReadonlyMap<Member, number>,
  settings: PerSeriesSettings,
): EnsembleWeights {
  const pool = pooled.size > 0 ? settings.pool : 0;
  const scores = new Map<Member, number>([['naive', 0]]);
  for (const m of members) {
    if (m === 'naive') continue;
    const score =
      (n * (mean.get(m) ?? 0) + pool * (pooled.get(m) ?? 0) + settings.shrink * settings.penalty) /
      Math.max(1e-12, n + pool + settings.shrink);
    if (score < 0) scores.set(m, score);
  }
  const best = Math.min(...scores.values());
  const raw = [...scores].map(([m, score]) => [m, Math.exp(-(score - best) / settings.temperature)] as const);
  const total = raw.reduce((a, [, w]) => a + w, 0);
  const kept = raw.filter(([, w]) => w / total >= MIN_WEIGHT);
  const keptTotal = kept.reduce((a, [, w]) => a + w, 0);
  return Object.fromEntries(kept.map(([m, w]) => [m, round(w / keptTotal)])) as EnsembleWeights;
}

function round(x: number, digits = 4): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
