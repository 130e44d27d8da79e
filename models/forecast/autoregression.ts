/**
 * AR(1) on a series' own log changes, without a constant (ARIMA(1,1,0) in logs, no drift): the
 * next change is φ times the last one, so the forecast moves by φ + φ² + … of the last change and
 * levels off. φ is the series' own least-squares coefficient, kept only when AICc prefers it to
 * φ = 0 (the random walk). Period averages, indices and contract prices carry part of each change
 * into the next period, by how much differs per series; `rwavg` fixes it at ¼ for all and the pooled
 * member fits one value for the batch. No drift: a price's past trend is a poor guide to its next
 * year.
 *
 * Fitted once on a whole history and run from any prefix of it (`at`), like `FittedBaselines`, so
 * the per-series choice scores its past origins at the cost of one fit. A series with a
 * non-positive value has no log changes and no fit (its forecast is the last value).
 */
export class LogAutoregression {
  private constructor(readonly phi: number) {}

  /** Undefined when a value is not positive or there are fewer than `MIN_CHANGES` changes. */
  static fit(y: ArrayLike<number>): LogAutoregression | undefined {
    const d = logChanges(y, y.length);
    if (!d || d.length < MIN_CHANGES) return undefined;
    let xx = 0;
    let xy = 0;
    let yy = 0;
    for (let t = 1; t < d.length; t++) {
      xx += d[t - 1]! * d[t - 1]!;
      xy += d[t - 1]! * d[t]!;
      yy += d[t]! * d[t]!;
    }
    const n = d.length - 1;
    const phi = xx > 0 ? xy / xx : 0;
    const sse = Math.max(yy - phi * xy, 1e-300);
    const random = aicc(Math.max(yy, 1e-300), n, 0);
    return new LogAutoregression(Number.isFinite(phi) && aicc(sse, n, 1) < random ? phi : 0);
  }

  /** Forecast of h steps from the first `end` points; undefined where a log is undefined. */
  at(y: ArrayLike<number>, end: number, h: number): Float64Array | undefined {
    if (end < 2 || !(y[end - 1]! > 0) || !(y[end - 2]! > 0)) return undefined;
    const last = y[end - 1]!;
    let change = Math.log(last / y[end - 2]!);
    let cumulative = 0;
    const out = new Float64Array(h);
    for (let k = 0; k < h; k++) {
      change *= this.phi;
      cumulative += change;
      out[k] = last * Math.exp(Math.max(-CLIP, Math.min(CLIP, cumulative)));
    }
    return out.every(Number.isFinite) ? out : undefined;
  }
}

/** Fewer log changes than this: no fit. */
const MIN_CHANGES = 24;
/** A forecast log return beyond ±1 (a factor e) is clipped, as in the pooled member. */
const CLIP = 1;

function logChanges(y: ArrayLike<number>, end: number): Float64Array | undefined {
  const d = new Float64Array(Math.max(0, end - 1));
  for (let t = 1; t < end; t++) {
    const a = y[t - 1]!;
    const b = y[t]!;
    if (!(a > 0) || !(b > 0) || !Number.isFinite(a) || !Number.isFinite(b)) return undefined;
    d[t - 1] = Math.log(b / a);
  }
  return d;
}

/** AICc of a Gaussian AR(p) fit without constant: p coefficients plus the variance. */
function aicc(sse: number, n: number, p: number): number {
  const k = p + 1;
  return n * Math.log(sse / n) + 2 * k + (2 * k * (k + 1)) / Math.max(1, n - k - 1);
}
