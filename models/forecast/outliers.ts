/** A value that looks like a data error, and what the forecast used instead. */
export interface OutlierFlag {
  /** Position in the cleaned series (0 = first observation kept). */
  index: number;
  date?: string;
  value: number;
  /** The median of its neighbours, used in its place for fitting and scaling. */
  replacement: number;
  /** Distance from that median in typical one-step changes of the neighbourhood. */
  score: number;
  position: 'inner' | 'last';
}

export interface OutlierOptions {
  /** Flag an inner value this many typical changes away from its neighbours' median. */
  threshold: number;
  /** The last value has no right neighbour to confirm a spike, so it needs a larger distance. */
  lastThreshold: number;
  /** Neighbours on each side for the median. */
  window: number;
}

/**
 * Thresholds checked on real data: no value of the 94 IMF price series nor of the demo series is
 * flagged (nor any last value of any of their prefixes from two years on), while a single value
 * 10× the level or a 1e9 spike in a series near 100 is.
 */
export const OUTLIER_DEFAULTS: OutlierOptions = { threshold: 12, lastThreshold: 25, window: 3 };

const SCALE_WINDOW = 12;
/** A spike must also move the value by this fraction of its neighbours' typical magnitude. */
const RELATIVE_SIZE = 0.25;
/**
 * A last value cannot be told from a genuine jump by what follows, so it is flagged only when it
 * is far beyond any monthly move in the real price data (4× or below −3× its recent median).
 */
const LAST_RELATIVE_SIZE = 3;

function median(values: number[]): number {
  if (values.length === 0) return 0;
  values.sort((a, b) => a - b);
  const mid = values.length >> 1;
  return values.length % 2 ? values[mid]! : (values[mid - 1]! + values[mid]!) / 2;
}

/**
 * Isolated spikes: a value far from the median of its neighbours, in units of the neighbourhood's
 * mean absolute one-step change (not counting the value's own two changes) and by at least a
 * quarter of the neighbours' magnitude, while its neighbours stay close to that median. A level
 * shift moves the next values too, so it is not flagged; nor is anything in a series shorter than 8.
 */
export function findOutliers(
  y: ArrayLike<number>,
  dates?: readonly string[],
  options: OutlierOptions = OUTLIER_DEFAULTS,
): OutlierFlag[] {
  const n = y.length;
  if (n < 8) return [];
  const changes = new Float64Array(n);
  for (let i = 1; i < n; i++) changes[i] = Math.abs(y[i]! - y[i - 1]!);
  const nonzero = Array.from(changes.subarray(1)).filter((c) => c > 0 && Number.isFinite(c));
  const globalChange = nonzero.length > 0 ? median(nonzero) : 0;
  const flags: OutlierFlag[] = [];
  for (let t = 0; t < n; t++) {
    const last = t === n - 1;
    const from = Math.max(0, t - (last ? 2 * options.window : options.window));
    const to = Math.min(n - 1, t + options.window);
    const around: number[] = [];
    for (let i = from; i <= to; i++) if (i !== t) around.push(y[i]!);
    if (around.length < 3) continue;
    const reference = median(around);
    let sum = 0;
    let count = 0;
    for (let i = Math.max(1, t - SCALE_WINDOW); i <= Math.min(n - 1, t + SCALE_WINDOW); i++) {
      if (i === t || i === t + 1) continue;
      sum += changes[i]!;
      count++;
    }
    let typical = count > 0 ? sum / count : 0;
    if (!(typical > 0)) typical = globalChange;
    if (!(typical > 0)) typical = Math.max(Math.abs(reference), 1) * 1e-9;
    const distance = Math.abs(y[t]! - reference);
    const score = distance / typical;
    if (!Number.isFinite(score) || score <= (last ? options.lastThreshold : options.threshold)) continue;
    // A small move in a series that is usually still is not an error; a spike must be large.
    if (distance <= (last ? LAST_RELATIVE_SIZE : RELATIVE_SIZE) * median(around.map(Math.abs))) continue;
    const neighbours = [y[t - 1], y[t + 1]].filter((v): v is number => v !== undefined);
    if (neighbours.some((v) => Math.abs(v - reference) >= 0.5 * distance)) continue;
    flags.push({
      index: t,
      ...(dates?.[t] ? { date: dates[t] } : {}),
      value: y[t]!,
      replacement: reference,
      score: Number(score.toPrecision(3)),
      position: last ? 'last' : 'inner',
    });
  }
  return flags;
}

/** A copy of the series with each flagged value replaced by its neighbours' median. */
export function withoutOutliers(y: Float64Array, flags: readonly OutlierFlag[]): Float64Array {
  if (flags.length === 0) return y;
  const out = Float64Array.from(y);
  for (const f of flags) out[f.index] = f.replacement;
  return out;
}

/** One line per flag for a forecast's notes. */
export function describeOutlier(f: OutlierFlag, name: string): string {
  const at = f.date ?? `position ${f.index + 1}`;
  return f.position === 'last'
    ? `series "${name}": the last value ${f.value.toPrecision(6)} (${at}) is ${f.score} typical changes from the recent median ${f.replacement.toPrecision(6)}; it looks like a data error, so the forecast starts from ${f.replacement.toPrecision(6)} — check the data`
    : `series "${name}": ${f.value.toPrecision(6)} at ${at} is ${f.score} typical changes from its neighbours' median ${f.replacement.toPrecision(6)}; treated as a suspected outlier and replaced by that median for fitting`;
}
