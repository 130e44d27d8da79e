import type { CleanSeries } from './types.js';

/** A clean monthly series dated from January of `startYear`, for tests of the forecasting layer. */
export function monthlySeries(name: string, values: ArrayLike<number>, startYear = 2000): CleanSeries {
  return {
    name,
    frequency: 'monthly',
    values: Float64Array.from(values),
    dates: Array.from(
      { length: values.length },
      (_, t) => `${startYear + Math.floor(t / 12)}-${String((t % 12) + 1).padStart(2, '0')}-01`,
    ),
    notes: [],
  };
}
