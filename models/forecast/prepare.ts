import { ForecastInputError } from './errors.js';
import { parseDate } from './frequency.js';
import type { CleanSeries, SeriesInput } from './types.js';

/**
 * Validates a series and fills what can be filled honestly:
 * - dates must be valid, ascending and unique (an error names the first bad one);
 * - missing values (`null`, NaN, ±Infinity) at either end are dropped, inside are linearly
 *   interpolated, each recorded in `notes`;
 * - a series with no observation at all is an error; a short one is kept, and methods that
 *   need more history fall back to naive (see `baselines/index.ts`).
 */
export function prepareSeries(input: SeriesInput): CleanSeries {
  const { name, values, dates } = input;
  if (dates !== undefined) checkDates(name, dates, values.length);
  const observed = (v: number | null | undefined): v is number => typeof v === 'number' && Number.isFinite(v);
  let first = 0;
  while (first < values.length && !observed(values[first])) first++;
  if (first === values.length) {
    throw new ForecastInputError(`series "${name}": no observed values (all ${values.length} missing)`);
  }
  let last = values.length - 1;
  while (!observed(values[last])) last--;
  const notes: string[] = [];
  if (first > 0) notes.push(`dropped ${first} leading missing value(s)`);
  if (last < values.length - 1) notes.push(`dropped ${values.length - 1 - last} trailing missing value(s)`);
  const out = new Float64Array(last - first + 1);
  let filled = 0;
  let prev = first;
  for (let i = first; i <= last; i++) {
    const v = values[i];
    if (!observed(v)) continue;
    const gap = i - prev;
    if (gap > 1) {
      const start = values[prev] as number;
      for (let k = 1; k < gap; k++) out[prev + k - first] = start + ((v - start) * k) / gap;
      filled += gap - 1;
    }
    out[i - first] = v;
    prev = i;
  }
  if (filled > 0) notes.push(`interpolated ${filled} missing value(s)`);
  return {
    name,
    frequency: input.frequency,
    values: out,
    ...(dates ? { dates: dates.slice(first, last + 1) } : {}),
    notes,
  };
}

function checkDates(name: string, dates: readonly string[], n: number): void {
  if (dates.length !== n) {
    throw new ForecastInputError(`series "${name}": ${dates.length} dates for ${n} values`);
  }
  let prev = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < dates.length; i++) {
    const t = parseDate(dates[i]!);
    if (!Number.isFinite(t))
      throw new ForecastInputError(`series "${name}": date ${i + 1} "${dates[i]}" is not an ISO date`);
    if (t === prev)
      throw new ForecastInputError(`series "${name}": duplicate date ${dates[i]} (position ${i + 1})`);
    if (t < prev) {
      throw new ForecastInputError(
        `series "${name}": dates not ascending at position ${i + 1} (${dates[i]} after ${dates[i - 1]})`,
      );
    }
    prev = t;
  }
}
