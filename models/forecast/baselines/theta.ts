import { type EtsFit, forecastEtsAt } from './exponential-smoothing.js';

/**
 * The Theta method as the M4 benchmark runs it (`forecast::thetaf`): SES on the data plus half
 * the least-squares slope as drift, adjusted for how SES lags a linear trend. Forecasts from the
 * first `end` points with the given SES fit and the slope of those points.
 */
export function thetaAt(
  y: ArrayLike<number>,
  ses: EtsFit,
  end: number,
  h: number,
  trendSlope: number,
): Float64Array {
  const drift = trendSlope / 2;
  const out = forecastEtsAt(y, ses, end, h);
  const lag = (1 - (1 - ses.alpha) ** end) / ses.alpha;
  for (let i = 0; i < h; i++) out[i] = out[i]! + drift * (i + lag);
  return out;
}
