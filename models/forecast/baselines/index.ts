import { decompose, deseasonalise, isSeasonal, reseasonalise, type Seasonality } from '../stats.js';
import { aicc, type EtsFit, fitEts, forecastEts } from './exponential-smoothing.js';
import { theta } from './theta.js';

/**
 * The M4 benchmarks. Naive2, SES, Holt, Damped, Theta, ETS and Com run on seasonally adjusted
 * data (classical decomposition) when the 90% seasonality test passes, and put the season back.
 * `ets` picks ANN, AAN or AAdN by AICc; `com` is the mean of SES, Holt and Damped.
 *
 * Fallbacks for short series, so every method always answers: fewer than 2 points → naive for
 * all; snaive with less than one season → naive; Holt/Damped/ETS with fewer than 4 points → SES.
 */
export const BASELINES = [
  'naive',
  'snaive',
  'naive2',
  'ses',
  'holt',
  'damped',
  'theta',
  'ets',
  'com',
] as const;
export type Baseline = (typeof BASELINES)[number];

export function baselineForecasts<M extends Baseline>(
  y: ArrayLike<number>,
  h: number,
  m: number,
  methods: readonly M[],
): Record<M, Float64Array> {
  const n = y.length;
  const last = y[n - 1]!;
  const naive = new Float64Array(h).fill(last);
  const out = {} as Record<M, Float64Array>;
  if (n < 2) {
    for (const method of methods) out[method] = naive.slice();
    return out;
  }
  const season: Seasonality | undefined = isSeasonal(y, m) ? decompose(y, m) : undefined;
  const adjusted = season ? deseasonalise(y, season) : Float64Array.from(y);
  const restore = (f: Float64Array): Float64Array => (season ? reseasonalise(f, n, season) : f);
  const fits = new Map<string, EtsFit>();
  const fitted = (trend: EtsFit['trend']): EtsFit => {
    const kind = n < 4 ? 'none' : trend;
    let cached = fits.get(kind);
    if (!cached) {
      cached = fitEts(adjusted, kind);
      fits.set(kind, cached);
    }
    return cached;
  };
  const ets = (trend: EtsFit['trend']): Float64Array => restore(forecastEts(fitted(trend), h));
  for (const method of methods) {
    let f: Float64Array;
    switch (method) {
      case 'naive':
        f = naive.slice();
        break;
      case 'snaive':
        f = n < m ? naive.slice() : Float64Array.from({ length: h }, (_, i) => y[n - m + (i % m)]!);
        break;
      case 'naive2':
        f = restore(new Float64Array(h).fill(adjusted[n - 1]!));
        break;
      case 'ses':
        f = ets('none');
        break;
      case 'holt':
        f = ets('additive');
        break;
      case 'damped':
        f = ets('damped');
        break;
      case 'ets': {
        const candidates = (['none', 'additive', 'damped'] as const).map(fitted);
        const best = candidates.reduce((a, b) => (aicc(b) < aicc(a) ? b : a));
        f = restore(forecastEts(best, h));
        break;
      }
      case 'com': {
        const parts = [ets('none'), ets('additive'), ets('damped')];
        f = Float64Array.from({ length: h }, (_, i) => (parts[0]![i]! + parts[1]![i]! + parts[2]![i]!) / 3);
        break;
      }
      case 'theta':
        f = n < 3 ? ets('none') : restore(theta(adjusted, h));
        break;
      default:
        throw new Error(`unknown baseline ${String(method)}`);
    }
    out[method] = f.every(Number.isFinite) ? f : naive.slice();
  }
  return out;
}
