import type { Frequency } from './types.js';

/**
 * Seasonal period used by the M4 definitions (Naive2, MASE scaling): weekly and yearly are
 * treated as non-seasonal there, so the benchmarks stay comparable with the official figures.
 */
export const SEASON: Record<Frequency, number> = {
  hourly: 24,
  daily: 1,
  weekly: 1,
  monthly: 12,
  quarterly: 4,
  yearly: 1,
};

/** The longest cycle a global model should see in its lag window (hourly: a week). */
export const LONG_CYCLE: Record<Frequency, number> = {
  hourly: 168,
  daily: 7,
  weekly: 52,
  monthly: 12,
  quarterly: 4,
  yearly: 1,
};

/** M4 horizons, also the default horizon of each frequency's global model. */
export const DEFAULT_HORIZON: Record<Frequency, number> = {
  hourly: 48,
  daily: 14,
  weekly: 13,
  monthly: 18,
  quarterly: 8,
  yearly: 6,
};

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Dates keep the shape they came in: `YYYY-MM-DD` for daily and slower, ISO datetime for hourly. */
export function addPeriods(date: string, frequency: Frequency, n: number): string {
  const t = parseDate(date);
  const d = new Date(t);
  switch (frequency) {
    case 'hourly':
      return new Date(t + n * HOUR).toISOString().replace('.000Z', 'Z');
    case 'daily':
      return isoDay(t + n * DAY);
    case 'weekly':
      return isoDay(t + 7 * n * DAY);
    case 'monthly':
    case 'quarterly':
    case 'yearly': {
      const months = frequency === 'monthly' ? n : frequency === 'quarterly' ? 3 * n : 12 * n;
      const day = d.getUTCDate();
      const target = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1));
      const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
      target.setUTCDate(Math.min(day, last));
      return isoDay(target.getTime());
    }
  }
}

/** Milliseconds since epoch, or NaN for a string that is not an ISO date or datetime. */
export function parseDate(date: string): number {
  if (!/^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(date)) return Number.NaN;
  const withZone =
    date.length === 10 ? `${date}T00:00:00Z` : /Z|[+-]\d{2}:?\d{2}$/.test(date) ? date : `${date}Z`;
  return Date.parse(withZone.replace(' ', 'T'));
}

function isoDay(t: number): string {
  return new Date(t).toISOString().slice(0, 10);
}

/**
 * Calendar features of the first forecast step: sin/cos of its place in the frequency's two
 * natural cycles (hour of day and day of week; day of week and day of year; month of year...).
 * Zeros when the date is unknown, which a model trained on undated data (M4) also saw.
 */
export const CALENDAR_FEATURES = 4;

export function calendarFeatures(date: string | undefined, frequency: Frequency): number[] {
  const t = date === undefined ? Number.NaN : parseDate(date);
  if (!Number.isFinite(t)) return [0, 0, 0, 0];
  const d = new Date(t);
  const dayOfYear = (t - Date.UTC(d.getUTCFullYear(), 0, 1)) / DAY;
  const cycles: [number, number] = (() => {
    switch (frequency) {
      case 'hourly':
        return [d.getUTCHours() / 24, d.getUTCDay() / 7];
      case 'daily':
        return [d.getUTCDay() / 7, dayOfYear / 365.25];
      case 'weekly':
      case 'yearly':
        return [dayOfYear / 365.25, 0];
      case 'monthly':
        return [d.getUTCMonth() / 12, 0];
      case 'quarterly':
        return [Math.floor(d.getUTCMonth() / 3) / 4, 0];
    }
  })();
  const tau = 2 * Math.PI;
  return [
    Math.sin(tau * cycles[0]),
    Math.cos(tau * cycles[0]),
    Math.sin(tau * cycles[1]),
    Math.cos(tau * cycles[1]),
  ];
}
