import { logit, nelderMead, sigmoid } from '../optimise.js';

/**
 * Non-seasonal additive-error exponential smoothing (ETS ANN, AAN, AAdN), fitted by least squares
 * over the smoothing parameters and the initial states, as `forecast::ets` does for the M4
 * benchmarks SES, Holt and Damped. Seasonality is removed beforehand by the caller.
 */
export type TrendKind = 'none' | 'additive' | 'damped';

export interface EtsFit {
  trend: TrendKind;
  alpha: number;
  beta: number;
  phi: number;
  /** States after the last observation. */
  level: number;
  slope: number;
  /** Fitted initial states, so the same parameters can be run over a prefix of the data. */
  l0: number;
  b0: number;
  sse: number;
  n: number;
  /** Smoothing parameters plus initial states (for information criteria). */
  parameters: number;
}

/** Damping bounds of `forecast::ets`. */
const PHI_MIN = 0.8;
const PHI_MAX = 0.98;

interface Params {
  alpha: number;
  beta: number;
  phi: number;
  l0: number;
  b0: number;
}

function run(
  y: ArrayLike<number>,
  trend: TrendKind,
  p: Params,
  end = y.length,
): { sse: number; level: number; slope: number } {
  let l = p.l0;
  let b = trend === 'none' ? 0 : p.b0;
  const phi = trend === 'damped' ? p.phi : 1;
  let sse = 0;
  for (let t = 0; t < end; t++) {
    const yhat = l + phi * b;
    const e = y[t]! - yhat;
    sse += e * e;
    l = yhat + p.alpha * e;
    if (trend !== 'none') b = phi * b + p.beta * e;
  }
  return { sse, level: l, slope: b };
}

export function fitEts(y: ArrayLike<number>, trend: TrendKind): EtsFit {
  const n = y.length;
  // Values are scaled to O(1) while fitting so one simplex step size suits every series.
  let scale = 0;
  for (let i = 0; i < n; i++) scale += Math.abs(y[i]!);
  scale = scale / n || 1;
  const ys = new Float64Array(n);
  for (let i = 0; i < n; i++) ys[i] = y[i]! / scale;
  const b0 = n > 1 ? (ys[Math.min(n - 1, 3)]! - ys[0]!) / Math.min(n - 1, 3) : 0;
  const decode = (x: Float64Array): Params => {
    const alpha = 1e-4 + (1 - 2e-4) * sigmoid(x[0]!);
    return {
      alpha,
      // β ≤ α keeps the model in the usual (forecastable) region, as ets does.
      beta: trend === 'none' ? 0 : alpha * (1e-4 + (1 - 2e-4) * sigmoid(x[1]!)),
      phi: trend === 'damped' ? PHI_MIN + (PHI_MAX - PHI_MIN) * sigmoid(x[2]!) : 1,
      l0: x[trend === 'none' ? 1 : trend === 'additive' ? 2 : 3]!,
      b0: trend === 'none' ? 0 : x[trend === 'additive' ? 3 : 4]!,
    };
  };
  const start =
    trend === 'none'
      ? [logit(0.3), ys[0]!]
      : trend === 'additive'
        ? [logit(0.3), logit(0.3), ys[0]!, b0]
        : [logit(0.3), logit(0.3), 0, ys[0]!, b0];
  const best =
    n < 2
      ? Float64Array.from(start)
      : nelderMead((x) => run(ys, trend, decode(x)).sse, start, 120 * start.length, 0.5);
  const p = decode(best);
  const final = run(ys, trend, p);
  return {
    trend,
    alpha: p.alpha,
    beta: p.beta,
    phi: p.phi,
    level: final.level * scale,
    slope: final.slope * scale,
    l0: p.l0 * scale,
    b0: p.b0 * scale,
    sse: final.sse * scale * scale,
    n,
    parameters: trend === 'none' ? 2 : trend === 'additive' ? 4 : 5,
  };
}

/**
 * The fit's parameters run over the first `end` points only: the forecast a model with these
 * parameters would have made at that origin. Rolling-origin evaluation uses it to score a method
 * at many past origins for the price of one fit.
 */
export function forecastEtsAt(y: ArrayLike<number>, fit: EtsFit, end: number, h: number): Float64Array {
  const params = { alpha: fit.alpha, beta: fit.beta, phi: fit.phi, l0: fit.l0, b0: fit.b0 };
  const state = run(y, fit.trend, params, end);
  return forecastEts({ ...fit, level: state.level, slope: state.slope }, h);
}

export function forecastEts(fit: EtsFit, h: number): Float64Array {
  const out = new Float64Array(h);
  let damp = 0;
  let phiPow = 1;
  for (let i = 0; i < h; i++) {
    phiPow *= fit.trend === 'damped' ? fit.phi : 1;
    damp += fit.trend === 'none' ? 0 : phiPow;
    out[i] = fit.level + damp * fit.slope;
  }
  return out;
}

/** AICc from the least-squares fit (Gaussian likelihood), for choosing among trend forms. */
export function aicc(fit: EtsFit): number {
  const { n, sse } = fit;
  const k = fit.parameters + 1;
  const loglik = n * Math.log(Math.max(sse, 1e-300) / n);
  const correction = n - k - 1 > 0 ? (2 * k * (k + 1)) / (n - k - 1) : Number.POSITIVE_INFINITY;
  return loglik + 2 * k + correction;
}
