import type { NodeOf, Principal } from '../schema/index.js';

export type SeriesNode = NodeOf<'Series'>;

/** One observation; `value` null marks a missing value kept on the calendar. */
export interface SeriesPoint {
  date: string;
  value: number | null;
}

export interface StoredSeries {
  node: SeriesNode;
  points: SeriesPoint[];
}

export interface SeriesQuery {
  frequency?: SeriesNode['props']['frequency'];
  subjectId?: string;
}

/**
 * Storage for time series: metadata is a `Series` graph node (kind, frequency, unit, subjectId
 * linking it to a product, enterprise or region); values live in their own table. Reads return
 * only what the principal may see. `put` replaces a series' values in one transaction.
 */
export interface SeriesStore {
  put(
    batch: ReadonlyArray<{ node: SeriesNode; points: readonly SeriesPoint[] }>,
  ): Promise<{ series: number; points: number }>;
  /** By id (`series:<name>`) or by exact name. */
  get(idOrName: string, principal: Principal): Promise<StoredSeries | null>;
  list(query: SeriesQuery, principal: Principal): Promise<SeriesNode[]>;
  remove(ids: readonly string[]): Promise<number>;
}
