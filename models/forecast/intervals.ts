import { quantile } from './stats.js';

/**
 * Split-conformal intervals from rolling-origin residuals. Each residual is an absolute error
 * divided by its series' scale (in-sample MAE of the seasonal naive), so residuals from many
 * series pool into one distribution per horizon step. With too few residuals per step, steps
 * are pooled after dividing by √step and the quantile grows back with √step.
 */
export class ConformalCalibration {
  private readonly byStep: number[][];

  constructor(horizon: number) {
    this.byStep = Array.from({ length: horizon }, () => []);
  }

  add(step: number, scaledAbsError: number): void {
    if (Number.isFinite(scaledAbsError)) this.byStep[step]?.push(scaledAbsError);
  }

  get count(): number {
    return this.byStep.reduce((n, r) => n + r.length, 0);
  }

  /** Half-widths per step (in scale units) at the given coverage level, e.g. 0.8. */
  halfWidths(level: number, minPerStep = 20): Float64Array {
    const h = this.byStep.length;
    const out = new Float64Array(h);
    const perStepOk = this.byStep.every((r) => r.length >= minPerStep);
    if (perStepOk) {
      for (let i = 0; i < h; i++) out[i] = conformalQuantile(this.byStep[i]!, level);
    } else {
      const pooled: number[] = [];
      this.byStep.forEach((r, i) => {
        for (const e of r) pooled.push(e / Math.sqrt(i + 1));
      });
      const q = pooled.length > 0 ? conformalQuantile(pooled, level) : 0;
      for (let i = 0; i < h; i++) out[i] = q * Math.sqrt(i + 1);
    }
    // Uncertainty does not shrink with the horizon; enforce it against sampling noise.
    for (let i = 1; i < h; i++) out[i] = Math.max(out[i]!, out[i - 1]!);
    return out;
  }
}

/**
 * Adaptive conformal inference (Gibbs & Candès 2021) for forecasts issued again and again (a
 * rolling backtest, a scheduled job): once a round's outcomes are known, the miscoverage used
 * for the next intervals moves by γ·(target miscoverage − observed miss rate), so a run of misses
 * in a regime change widens later intervals and a calm spell narrows them. Only outcomes already
 * observed may be passed to `update`. One update per round, not per point: the outcomes of one
 * round (many series, one month) are strongly correlated, so they count as one observation.
 */
export class AdaptiveLevel {
  private alpha: number;

  constructor(
    /** Nominal coverage, e.g. 0.8. */
    readonly target: number,
    private readonly gamma = 0.05,
  ) {
    this.alpha = 1 - target;
  }

  /** The calibration quantile to use now; kept in [0.5, 0.999] so widths stay finite and nested. */
  get level(): number {
    return 1 - Math.min(0.5, Math.max(0.001, this.alpha));
  }

  update(missed: number, count: number): void {
    if (count > 0) this.alpha += this.gamma * (1 - this.target - missed / count);
  }
}

/** The ⌈(n+1)·level⌉-th smallest residual: the finite-sample conformal quantile. */
function conformalQuantile(values: readonly number[], level: number): number {
  const sorted = Float64Array.from(values).sort();
  const n = sorted.length;
  const rank = Math.ceil((n + 1) * level);
  if (rank > n) return quantile(sorted, 1) * (1 + 1 / n);
  return sorted[rank - 1]!;
}

/**
 * Scale for turning errors into pooled residuals: the mean absolute one-step change over the
 * last max(12, 2m) points before the origin, a local volatility. Calibrating |error| / local
 * volatility (not / long-run error) keeps the residuals of calm and turbulent spells on one
 * footing, so a series entering a volatile spell widens its intervals at once instead of after
 * the calibration window has filled with its misses. A mean, not a median: one recent jump must
 * widen the next interval (suspected data errors are replaced before this, see `outliers.ts`).
 * Never zero, so a constant series still works.
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
