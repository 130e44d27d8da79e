import { slope } from '../stats.js';
import { fitEts, forecastEts } from './exponential-smoothing.js';

/**
 * The Theta method as the M4 benchmark runs it (`forecast::thetaf`): SES on the data plus half
 * the least-squares slope as drift, adjusted for how SES lags a linear trend.
 */
export function theta(y: ArrayLike<number>, h: number): Float64Array {
  const fit = fitEts(y, 'none');
  const drift = slope(y) / 2;
  const n = y.length;
  const out = forecastEts(fit, h);
  const lag = (1 - (1 - fit.alpha) ** n) / fit.alpha;
  for (let i = 0; i < h; i++) out[i] = out[i]! + drift * (i + lag);
  return out;
}
