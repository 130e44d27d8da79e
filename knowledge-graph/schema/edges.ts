import { z } from 'zod';
import { ProvenanceSchema } from './provenance.js';
import { VisibilitySchema } from './visibility.js';

/**
 * Edge types and their direction:
 * - PRODUCES enterprise → product (`weight` = revenue share as reported)
 * - MADE_FROM product → input product (`share` = input share when known)
 * - UPSTREAM_OF upstream → downstream (industries, ICKG 上游于)
 * - SUBTYPE_OF subtype → parent; IN_INDUSTRY enterprise|product → industry
 * - INDUSTRY_PARENT industry → parent industry; LOCATED_IN enterprise|region → region
 * - SUPPLIES supplier → customer; COMPETES_WITH, COOPERATES_WITH (stored once, read both ways)
 * - CONTROLS parent → controlled; INVESTS_IN investor → investee
 * - TARGETS policy → industry|product|region; MENTIONS document → entity
 * - ACQUIRES acquirer → target, JOINT_VENTURE (both ways): ICKG relations kept as stated
 */
export const EDGE_TYPES = [
  'PRODUCES',
  'MADE_FROM',
  'UPSTREAM_OF',
  'SUBTYPE_OF',
  'IN_INDUSTRY',
  'INDUSTRY_PARENT',
  'LOCATED_IN',
  'SUPPLIES',
  'COMPETES_WITH',
  'CONTROLS',
  'INVESTS_IN',
  'COOPERATES_WITH',
  'TARGETS',
  'MENTIONS',
  'ACQUIRES',
  'JOINT_VENTURE',
] as const;
export const EdgeTypeSchema = z.enum(EDGE_TYPES);
export type EdgeType = z.infer<typeof EdgeTypeSchema>;

/** Relations with no direction of their own: traversals read them both ways. */
export const SYMMETRIC_EDGE_TYPES: ReadonlySet<EdgeType> = new Set([
  'COMPETES_WITH',
  'COOPERATES_WITH',
  'JOINT_VENTURE',
]);

export const EdgePropsSchema = z.looseObject({
  /** Revenue share of a product in an enterprise (PRODUCES), kept exactly as the source gives it. */
  weight: z.number().optional(),
  /** Set when `weight` is outside [0, 1] (segment eliminations, restatements). */
  weightFlag: z.enum(['above_one', 'negative']).optional(),
  /** Input share of a MADE_FROM edge, when known. */
  share: z.number().min(0).max(1).optional(),
  /** Number of dated observations merged into this edge (ICKG quadruples). */
  observations: z.number().int().positive().optional(),
  firstSeen: z.iso.date().optional(),
  lastSeen: z.iso.date().optional(),
  /** Every day the relation was reported on (ICKG quadruples), for questions about a month or year. */
  dates: z.array(z.iso.date()).optional(),
  /** Original relation label in the source (e.g. 上游材料, 供给). */
  relation: z.string().optional(),
});
export type EdgeProps = z.infer<typeof EdgePropsSchema>;

export const EdgeSchema = z.object({
  id: z.string().min(1).max(1100),
  type: EdgeTypeSchema,
  from: z.string().min(1),
  to: z.string().min(1),
  props: EdgePropsSchema.default({}),
  provenance: z.array(ProvenanceSchema).min(1),
  visibility: VisibilitySchema.default('public'),
});
export type GraphEdge = z.infer<typeof EdgeSchema>;
export type GraphEdgeInput = z.input<typeof EdgeSchema>;

/** One edge per (type, from, to): re-imports and repeated observations merge into it. */
export function edgeId(type: EdgeType, from: string, to: string): string {
  return `${type}|${from}|${to}`;
}

export function flagWeight(weight: number): EdgeProps['weightFlag'] {
  if (weight > 1) return 'above_one';
  if (weight < 0) return 'negative';
  return undefined;
}
