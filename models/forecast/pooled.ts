/**
 * Pooled mean reversion: one linear model shared by every series of a batch, of the h-step log
 * return on (a) the log price's deviation from its own mean over the last `window` points and
 * (b) the last one-step log change (momentum of period averages), fitted by ridge regression
 * without intercept, one coefficient pair per horizon step. The forecast is the last value times
 * exp(b_k · x): with no evidence (coefficients 0) it is the last value.
 *
 * Only windows whose outcome is known before the forecast origin are used: series are aligned at
 * their ends (time −1 = a series' last point), and a forecast from the first `end` points of
 * series i uses only windows whose target lies before that point's time. Sufficient statistics
 * are accumulated by target time, so a fit at any cutoff is a prefix sum (one pass over the data
 * for all the past origins the per-series choice scores).
 *
 * Series with a non-positive value in a window (log undefined) simply contribute no window there
 * and get the last value as forecast.
 */
export interface PooledSettings {
  /** Points in the mean the deviation is measured from. */
  window: number;
  /** Ridge strength relative to each feature's own sum of squares (1 halves a lone coefficient). */
  ridge: number;
}

/** Chosen on the IMF validation origins 2013-01…2018-01 (`npm run bench -- forecast`). */
export const POOLED_DEFAULTS: PooledSettings = { window: 120, ridge: 0 };

/** The pooled model's settings grid, fixed up front. */
export const POOLED_GRID: readonly PooledSettings[] = [60, 120].flatMap((window) =>
  [0, 1].map((ridge) => ({ window, ridge })),
);

/** Log returns beyond ±1 (a factor e) are clipped so one jump cannot steer every series. */
const CLIP = 1;
/** Fewer windows than this for a step: no fit (the last value). */
const MIN_WINDOWS = 30;

/** Features at an origin (history `y[0..end)`): [log deviation from the window mean, last log change]. */
export function pooledFeatures(
  y: ArrayLike<number>,
  end: number,
  window: number,
): [number, number] | undefined {
  if (end < window || end < 2) return undefined;
  let sum = 0;
  for (let t = end - window; t < end; t++) {
    const v = y[t]!;
    if (!(v > 0) || !Number.isFinite(v)) return undefined;
    sum += Math.log(v);
  }
  const last = Math.log(y[end - 1]!);
  const previous = y[end - 2]!;
  if (!(previous > 0)) return undefined;
  return [last - sum / window, last - Math.log(previous)];
}

const clip = (r: number) => Math.max(-CLIP, Math.min(CLIP, r));

export class PooledReversion {
  /** Per step: cumulative [n, xx11, xx12, xx22, xy1, xy2] by target time index (offset by `span`). */
  private readonly cumulative: Float64Array[];
  private readonly span: number;
  private readonly cache = new Map<number, Float64Array[]>();

  constructor(
    private readonly series: readonly ArrayLike<number>[],
    private readonly h: number,
    private readonly settings: PooledSettings = POOLED_DEFAULTS,
  ) {
    this.span = Math.max(0, ...series.map((y) => y.length));
    const span = this.span;
    this.cumulative = Array.from({ length: h }, () => new Float64Array((span + 1) * 6));
    for (const y of series) {
      const n = y.length;
      for (let origin = settings.window; origin < n; origin++) {
        const x = pooledFeatures(y, origin, settings.window);
        if (!x) continue;
        const base = Math.log(y[origin - 1]!);
        for (let k = 0; k < h && origin + k < n; k++) {
          const v = y[origin + k]!;
          if (!(v > 0) || !Number.isFinite(v)) break;
          const r = clip(Math.log(v) - base);
          // Target time origin + k − n ∈ [−span, −1], stored at index +1 so index 0 is "nothing yet".
          const at = (origin + k - n + span + 1) * 6;
          const c = this.cumulative[k]!;
          c[at] = c[at]! + 1;
          c[at + 1] = c[at + 1]! + x[0] * x[0];
          c[at + 2] = c[at + 2]! + x[0] * x[1];
          c[at + 3] = c[at + 3]! + x[1] * x[1];
          c[at + 4] = c[at + 4]! + x[0] * r;
          c[at + 5] = c[at + 5]! + x[1] * r;
        }
      }
    }
    for (const c of this.cumulative)
      for (let i = 1; i <= span; i++)
        for (let j = 0; j < 6; j++) c[i * 6 + j] = c[i * 6 + j]! + c[(i - 1) * 6 + j]!;
  }

  /**
   * Coefficients per step fitted on windows whose target time is before `cutoff` (time −1 is the
   * last point of every series; 0 means everything).
   */
  coefficients(cutoff: number): Float64Array[] {
    const key = Math.min(0, Math.max(-this.span, cutoff));
    const hit = this.cache.get(key);
    if (hit) return hit;
    const at = (key + this.span) * 6;
    const { ridge } = this.settings;
    const out = this.cumulative.map((c) => {
      const b = new Float64Array(2);
      if (c[at]! < MIN_WINDOWS) return b;
      const a11 = c[at + 1]! * (1 + ridge);
      const a12 = c[at + 2]!;
      const a22 = c[at + 3]! * (1 + ridge);
      const det = a11 * a22 - a12 * a12;
      if (!(det > 0) || !Number.isFinite(det)) return b;
      b[0] = (a22 * c[at + 4]! - a12 * c[at + 5]!) / det;
      b[1] = (a11 * c[at + 5]! - a12 * c[at + 4]!) / det;
      return b;
    });
    this.cache.set(key, out);
    return out;
  }

  /**
   * Forecast of series `i` (as given to the constructor) from its first `end` points, with
   * coefficients fitted only on outcomes before that origin; undefined where the features are not
   * defined (short or non-positive history).
   */
  forecast(i: number, end: number, h = this.h): Float64Array | undefined {
    const y = this.series[i]!;
    const x = pooledFeatures(y, end, this.settings.window);
    if (!x) return undefined;
    const b = this.coefficients(end - y.length);
    const last = y[end - 1]!;
    const out = new Float64Array(h);
    for (let k = 0; k < h; k++) {
      const c = b[Math.min(k, b.length - 1)]!;
      out[k] = last * Math.exp(clip(c[0]! * x[0] + c[1]! * x[1]));
    }
    return out.every(Number.isFinite) ? out : undefined;
  }
}
