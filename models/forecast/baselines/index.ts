import { decompose, deseasonalise, isSeasonal, reseasonalise, type Seasonality, slope } from '../stats.js';
import { aicc, type EtsFit, fitEts, forecastEtsAt } from './exponential-smoothing.js';
import { thetaAt } from './theta.js';

/**
 * The M4 benchmarks, plus `rwavg`. Naive2, SES, Holt, Damped, Theta, ETS and Com run on
 * seasonally adjusted data (classical decomposition) when the 90% seasonality test passes, and
 * put the season back. `ets` picks ANN, AAN or AAdN by AICc; `com` is the mean of SES, Holt and
 * Damped. `rwavg` is the random walk seen through period averages (monthly mean prices): the
 * period's average lags the price at its end by about a quarter of the last change (Working 1960),
 * so it forecasts last + ¼·(last − previous) at every step.
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
  'rwavg',
] as const;
export type Baseline = (typeof BASELINES)[number];

/** Working's lag of a period average behind the end-of-period level of a random walk. */
const AVERAGE_LAG = 0.25;

/**
 * Baselines fitted once on a whole series: `at(end, h)` forecasts from the first `end` points with
 * the parameters (smoothing, initial states, seasonal indices) fitted on all of them, which is
 * what rolling-origin scoring of a series' own past needs at the cost of one fit. `at(length, h)`
 * is the ordinary forecast.
 */
export class FittedBaselines {
  private readonly season: Seasonality | undefined;
  private readonly adjusted: Float64Array;
  private readonly fits = new Map<string, EtsFit>();

  constructor(
    private readonly y: ArrayLike<number>,
    private readonly m: number,
  ) {
    this.season = y.length >= 2 && isSeasonal(y, m) ? decompose(y, m) : undefined;
    this.adjusted = this.season ? deseasonalise(y, this.season) : Float64Array.from(y);
  }

  get length(): number {
    return this.y.length;
  }

  at<M extends Baseline>(end: number, h: number, methods: readonly M[]): Record<M, Float64Array> {
    const { y, m } = this;
    const last = y[end - 1]!;
    const naive = new Float64Array(h).fill(last);
    const out = {} as Record<M, Float64Array>;
    if (end < 2 || this.y.length < 2) {
      for (const method of methods) out[method] = naive.slice();
      return out;
    }
    const restore = (f: Float64Array): Float64Array => (this.season ? reseasonalise(f, end, this.season) : f);
    const ets = (trend: EtsFit['trend']): Float64Array =>
      restore(forecastEtsAt(this.adjusted, this.fitted(trend), end, h));
    for (const method of methods) {
      let f: Float64Array;
      switch (method) {
        case 'naive':
          f = naive.slice();
          break;
        case 'snaive':
          f = end < m ? naive.slice() : Float64Array.from({ length: h }, (_, i) => y[end - m + (i % m)]!);
          break;
        case 'naive2':
          f = restore(new Float64Array(h).fill(this.adjusted[end - 1]!));
          break;
        case 'rwavg':
          f = new Float64Array(h).fill(last + AVERAGE_LAG * (last - y[end - 2]!));
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
          const candidates = (['none', 'additive', 'damped'] as const).map((t) => this.fitted(t));
          const best = candidates.reduce((a, b) => (aicc(b) < aicc(a) ? b : a));
          f = restore(forecastEtsAt(this.adjusted, best, end, h));
          break;
        }
        case 'com': {
          const parts = [ets('none'), ets('additive'), ets('damped')];
          f = Float64Array.from({ length: h }, (_, i) => (parts[0]![i]! + parts[1]![i]! + parts[2]![i]!) / 3);
          break;
        }
        case 'theta':
          f =
            end < 3
              ? ets('none')
              : restore(
                  thetaAt(this.adjusted, this.fitted('none'), end, h, slope(this.adjusted.subarray(0, end))),
                );
          break;
        default:
          throw new Error(`unknown baseline ${String(method)}`);
      }
      out[method] = f.every(Number.isFinite) ? f : naive.slice();
    }
    return out;
  }

  private fitted(trend: EtsFit['trend']): EtsFit {
    const kind = this.y.length < 4 ? 'none' : trend;
    let cached = this.fits.get(kind);
    if (!cached) {
      cached = fitEts(this.adjusted, kind);
      this.fits.set(kind, cached);
    }
    return cached;
  }
}

export function baselineForecasts<M extends Baseline>(
  y: ArrayLike<number>,
  h: number,
  m: number,
  methods: readonly M[],
): Record<M, Float64Array> {
  return new FittedBaselines(y, m).at(y.length, h, methods);
}
