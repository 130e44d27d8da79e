import { z } from 'zod';
import { type NodeOf, type Principal, ProvenanceSchema } from '../schema/index.js';

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
 * How a series was tied to a product, strongest first: `subject` (the series was imported with the
 * product as its subject), `exact-name` (its Chinese name is the product's name), `alias` (a
 * product alias), `curated` (the documented commodity table, `commodity-products.ts`),
 * `qualified-name` (its Chinese name without a parenthesised grade or market, e.g. 动力煤（澳大利亚）
 * → 动力煤), `english-name` (its English name is the product's name or alias).
 */
export const LINK_METHODS = [
  'subject',
  'exact-name',
  'alias',
  'curated',
  'qualified-name',
  'english-name',
] as const;
export type LinkMethod = (typeof LINK_METHODS)[number];

/** A price series standing for a product, with how sure that is and where it came from. */
export const SeriesLinkSchema = z.object({
  seriesId: z.string().min(1),
  productId: z.string().min(1),
  method: z.enum(LINK_METHODS),
  /** The name that matched (the product name as found). */
  matched: z.string().min(1),
  /** 0–1: 1 for the same commodity by name, lower for a proxy (another grade, market or form). */
  confidence: z.number().min(0).max(1),
  /** Why, in one line (the rule or the curated note). */
  reason: z.string().min(1),
  provenance: ProvenanceSchema,
});
export type SeriesLink = z.infer<typeof SeriesLinkSchema>;

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
  /** Replaces every stored link of the given series with `links` (all of which must be theirs). */
  putLinks(seriesIds: readonly string[], links: readonly SeriesLink[]): Promise<number>;
  /** Stored links by product or series, only those whose series the principal may see. */
  links(query: { productId?: string; seriesId?: string }, principal: Principal): Promise<SeriesLink[]>;
  /**
   * Moves whenever a series or link is written or removed, by any process on the same store, so
   * what is built from the series (the ask layer's names) knows to rebuild.
   */
  version(): Promise<number>;
}
