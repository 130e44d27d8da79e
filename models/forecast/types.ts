export const FREQUENCIES = ['hourly', 'daily', 'weekly', 'monthly', 'quarterly', 'yearly'] as const;
export type Frequency = (typeof FREQUENCIES)[number];

/** A series as callers hand it over: values may be missing (`null`); dates are ISO strings when known. */
export interface SeriesInput {
  name: string;
  frequency: Frequency;
  values: ReadonlyArray<number | null>;
  /** One per value, ascending, on the frequency's calendar. Omitted for undated data (M4). */
  dates?: readonly string[];
}

/** A series after validation: no gaps, finite values, dates (when known) sorted and unique. */
export interface CleanSeries {
  name: string;
  frequency: Frequency;
  values: Float64Array;
  dates?: readonly string[];
  /** What `prepareSeries` changed, in words a user can read (filled gaps, fallbacks taken). */
  notes: string[];
}

/** One forecast step: the mean and, per requested level L, bounds `loL` and `hiL` (e.g. lo80, hi95). */
export type ForecastPoint = { date?: string; mean: number } & { [bound: `${'lo' | 'hi'}${number}`]: number };
