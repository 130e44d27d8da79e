/** Autocorrelations at lags 1..maxLag (the `acf` of R, biased denominator). */
export function acf(y: ArrayLike<number>, maxLag: number): Float64Array {
  const n = y.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += y[i]!;
  mean /= n;
  let denom = 0;
  for (let i = 0; i < n; i++) denom += (y[i]! - mean) ** 2;
  const out = new Float64Array(maxLag);
  if (denom === 0) return out;
  for (let k = 1; k <= maxLag; k++) {
    let s = 0;
    for (let i = k; i < n; i++) s += (y[i]! - mean) * (y[i - k]! - mean);
    out[k - 1] = s / denom;
  }
  return out;
}

/**
 * The M4 seasonality test: the autocorrelation at lag m exceeds its 90% limit
 * (1.645/√n · √(1 + 2Σ_{k<m} r_k²)); needs at least three full seasons.
 */
export function isSeasonal(y: ArrayLike<number>, m: number): boolean {
  if (m <= 1 || y.length < 3 * m) return false;
  const r = acf(y, m);
  let cum = 1;
  for (let k = 0; k < m - 1; k++) cum += 2 * r[k]! ** 2;
  const limit = (1.645 / Math.sqrt(y.length)) * Math.sqrt(cum);
  return Math.abs(r[m - 1]!) > limit;
}

/**
 * Seasonal indices by classical decomposition (R's `decompose`): centred moving average trend,
 * mean detrended value per season position, normalised. Multiplicative for positive data;
 * additive when any value is zero or negative (ratios would be meaningless there).
 * Returns the index for every in-sample position; the cycle continues past the end.
 */
export interface Seasonality {
  kind: 'multiplicative' | 'additive';
  m: number;
  /** Index per season position, aligned so that position i of the series uses figure[i % m]. */
  figure: Float64Array;
}

export function decompose(y: ArrayLike<number>, m: number): Seasonality {
  const n = y.length;
  const multiplicative = Array.prototype.every.call(y, (v: number) => v > 0);
  const half = Math.floor(m / 2);
  const sums = new Float64Array(m);
  const counts = new Float64Array(m);
  for (let t = half; t < n - half; t++) {
    let trend: number;
    if (m % 2 === 0) {
      let s = 0.5 * (y[t - half]! + y[t + half]!);
      for (let k = t - half + 1; k < t + half; k++) s += y[k]!;
      trend = s / m;
    } else {
      let s = 0;
      for (let k = t - half; k <= t + half; k++) s += y[k]!;
      trend = s / m;
    }
    const detrended = multiplicative ? y[t]! / trend : y[t]! - trend;
    sums[t % m] = sums[t % m]! + detrended;
    counts[t % m] = counts[t % m]! + 1;
  }
  const figure = new Float64Array(m);
  let mean = 0;
  for (let i = 0; i < m; i++) {
    figure[i] = counts[i]! > 0 ? sums[i]! / counts[i]! : multiplicative ? 1 : 0;
    mean += figure[i]!;
  }
  mean /= m;
  for (let i = 0; i < m; i++) figure[i] = multiplicative ? figure[i]! / mean : figure[i]! - mean;
  return { kind: multiplicative ? 'multiplicative' : 'additive', m, figure };
}

export function deseasonalise(y: ArrayLike<number>, s: Seasonality): Float64Array {
  const out = new Float64Array(y.length);
  for (let i = 0; i < y.length; i++) {
    const f = s.figure[i % s.m]!;
    out[i] = s.kind === 'multiplicative' ? y[i]! / f : y[i]! - f;
  }
  return out;
}

/** Puts the season back on a forecast that starts right after `n` in-sample points. */
export function reseasonalise(forecast: Float64Array, n: number, s: Seasonality): Float64Array {
  const out = new Float64Array(forecast.length);
  for (let h = 0; h < forecast.length; h++) {
    const f = s.figure[(n + h) % s.m]!;
    out[h] = s.kind === 'multiplicative' ? forecast[h]! * f : forecast[h]! + f;
  }
  return out;
}

/** Least-squares slope of y against 0..n-1. */
export function slope(y: ArrayLike<number>): number {
  const n = y.length;
  if (n < 2) return 0;
  const tMean = (n - 1) / 2;
  let yMean = 0;
  for (let i = 0; i < n; i++) yMean += y[i]!;
  yMean /= n;
  let num = 0;
  let den = 0;
  for (let i = 0; i < n; i++) {
    num += (i - tMean) * (y[i]! - yMean);
    den += (i - tMean) ** 2;
  }
  return num / den;
}

/** Quantile by linear interpolation between order statistics (R type 7); `sorted` ascending. */
export function quantile(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const pos = (n - 1) * p;
  const lo = Math.floor(pos);
  const hi = Math.min(n - 1, lo + 1);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}
