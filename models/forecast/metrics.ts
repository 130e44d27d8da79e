/**
 * M4 accuracy measures. sMAPE in percent (200·|y−ŷ|/(|y|+|ŷ|), a zero denominator counts 0);
 * MASE scaled by the in-sample seasonal-naive MAE at period m; OWA = mean of the two ratios to
 * Naive2, computed on the totals over all series as the competition did.
 */
export function smape(actual: ArrayLike<number>, forecast: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < actual.length; i++) {
    const d = Math.abs(actual[i]!) + Math.abs(forecast[i]!);
    s += d === 0 ? 0 : (200 * Math.abs(actual[i]! - forecast[i]!)) / d;
  }
  return s / actual.length;
}

/** In-sample mean absolute seasonal difference; falls back to lag 1 when shorter than m+1. */
export function maseScale(insample: ArrayLike<number>, m: number): number {
  const lag = insample.length > m ? m : 1;
  let s = 0;
  let count = 0;
  for (let i = lag; i < insample.length; i++) {
    s += Math.abs(insample[i]! - insample[i - lag]!);
    count++;
  }
  return count > 0 ? s / count : 0;
}

/**
 * MASE; a constant history (scale 0) gives 0 when the forecast is exact and is otherwise scaled
 * by the mean absolute actual instead, so the measure is never Infinity or NaN.
 */
export function mase(actual: ArrayLike<number>, forecast: ArrayLike<number>, scale: number): number {
  let s = 0;
  let level = 0;
  for (let i = 0; i < actual.length; i++) {
    s += Math.abs(actual[i]! - forecast[i]!);
    level += Math.abs(actual[i]!);
  }
  const mae = s / actual.length;
  if (scale > 0) return mae / scale;
  return mae === 0 ? 0 : mae / (level / actual.length || 1);
}

export function owa(smapeValue: number, maseValue: number, naive2: { sMAPE: number; MASE: number }): number {
  return 0.5 * (smapeValue / naive2.sMAPE + maseValue / naive2.MASE);
}

/** Share of actuals inside [lo, hi], and the mean width relative to the MASE scale. */
export function intervalScore(
  actual: ArrayLike<number>,
  lo: ArrayLike<number>,
  hi: ArrayLike<number>,
): { covered: number; count: number; width: number } {
  let covered = 0;
  let width = 0;
  for (let i = 0; i < actual.length; i++) {
    if (actual[i]! >= lo[i]! && actual[i]! <= hi[i]!) covered++;
    width += hi[i]! - lo[i]!;
  }
  return { covered, count: actual.length, width: width / actual.length };
}
