import { z } from 'zod';
import { NodeTypeSchema, type Principal } from '../../../knowledge-graph/schema/index.js';
import type { GraphStore } from '../../../knowledge-graph/store/port.js';
import type { RetrievalIndex } from '../../../retrieval/index.js';
import type { Engine } from '../../container.js';
import type { EntityDictionary } from '../linking.js';
import { type Language, PathSchema } from '../schema.js';

/** One piece of evidence a tool found; the composer numbers the ones an answer uses. */
export const EvidenceSchema = z.object({
  /** Unique within an answer: the node, edge, chunk or series id it stands for. */
  key: z.string(),
  kind: z.enum(['node', 'edge', 'document', 'series', 'risk']),
  /** Dataset and record, or the document's file name. */
  source: z.string(),
  text: z.string(),
  nodeId: z.string().optional(),
  edgeId: z.string().optional(),
  docId: z.string().optional(),
  chunkId: z.string().optional(),
  seriesId: z.string().optional(),
});
export type Evidence = z.infer<typeof EvidenceSchema>;

export const NodeRefSchema = z.object({ id: z.string(), name: z.string(), type: NodeTypeSchema });
export type NodeRef = z.infer<typeof NodeRefSchema>;

/** One row of a tool's answer: a related entity, a reached product, a group count. */
export const ItemSchema = z.object({
  node: NodeRefSchema,
  relation: z.string().optional(),
  /** Tier for chain walks, starting at 1. */
  depth: z.number().int().optional(),
  /** A number that ranks or describes the row (revenue share, count, stake). */
  value: z.number().optional(),
  /** The parent a tier-2+ row was reached from. */
  via: z.string().optional(),
  /** Key of the evidence behind the row. */
  evidence: z.string().optional(),
  /** Rows grouped under this one (e.g. the enterprises of a region in a count). */
  members: z.array(NodeRefSchema).optional(),
});
export type Item = z.infer<typeof ItemSchema>;

/** Every tool answers in this shape, so the composers and the LLM read them alike. */
export const ToolOutputSchema = z.object({
  tool: z.string(),
  subject: NodeRefSchema.optional(),
  items: z.array(ItemSchema),
  /** Rows in total before `items` was cut to its limit. */
  total: z.number().int().nonnegative(),
  evidence: z.array(EvidenceSchema),
  paths: z.array(PathSchema).default([]),
  data: z.record(z.string(), z.unknown()).default({}),
  /** Why the tool found nothing, when it did not. */
  note: z.string().optional(),
});
export type ToolOutput = z.infer<typeof ToolOutputSchema>;

export interface ToolContext {
  engine: Engine;
  graph: GraphStore;
  principal: Principal;
  dictionary: EntityDictionary;
  retrieval: () => Promise<RetrievalIndex>;
  language: Language;
}

/** A tool with zod-typed input; the LLM planner sees the same schema as the rule planner uses. */
export interface AskTool<I extends z.ZodType = z.ZodType> {
  name: string;
  description: string;
  input: I;
  run(input: z.infer<I>, ctx: ToolContext): Promise<ToolOutput>;
}

export function defineTool<I extends z.ZodType>(tool: AskTool<I>): AskTool<I> {
  return tool;
}

/** A reference to an entity as a tool input: an id (`enterprise:601127`) or a name, alias or stock code. */
export const EntityRefSchema = z
  .string()
  .min(1)
  .max(200)
  .describe('entity id (e.g. product:碳酸锂) or name, alias or stock code');
