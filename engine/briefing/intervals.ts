import type { ForecastPoint } from '../../models/forecast/types.js';
import type { Outlook } from '../risk/prices.js';

/**
 * Prices, demand and output cannot go below zero, but a symmetric interval around a small or
 * falling forecast can: clip the forecast and its bounds at zero, so no text or chart shows a
 * band down to a negative price.
 */
export function clipOutlook(o: Outlook): Outlook {
  return {
    ...o,
    points: o.points.map(
      (p) =>
        Object.fromEntries(
          Object.entries(p).map(([key, v]) => [key, typeof v === 'number' ? Math.max(0, v) : v]),
        ) as ForecastPoint,
    ),
  };
}

export function nonNegative(outlooks: ReadonlyMap<string, Outlook>): Map<string, Outlook> {
  return new Map([...outlooks].map(([id, o]) => [id, clipOutlook(o)]));
}
