import { z } from '@hono/zod-openapi';
import { EDGE_TYPES, NODE_TYPES } from '../../knowledge-graph/schema/index.js';

const Props = z.record(z.string(), z.unknown());

export const NodeRefSchema = z
  .object({ id: z.string(), type: z.enum(NODE_TYPES), name: z.string() })
  .openapi('NodeRef');

export const NodeViewSchema = z
  .object({
    id: z.string(),
    type: z.enum(NODE_TYPES),
    name: z.string(),
    aliases: z.array(z.string()),
    props: Props,
    sources: z.array(z.string()),
  })
  .openapi('Node');

export const EdgeViewSchema = z
  .object({
    id: z.string(),
    type: z.enum(EDGE_TYPES),
    from: z.string(),
    to: z.string(),
    props: Props,
    sources: z.array(z.object({ source: z.string(), record: z.string() })),
  })
  .openapi('Edge');

export const EntitySchema = NodeViewSchema.extend({
  provenance: z.array(
    z.object({
      source: z.string(),
      record: z.string(),
      ingestedAt: z.string(),
      confidence: z.number(),
      validFrom: z.string().optional(),
      validTo: z.string().optional(),
      inferred: z.boolean().optional(),
      note: z.string().optional(),
    }),
  ),
  edgeCounts: z.record(z.string(), z.number()),
  priceSeries: z
    .array(
      z.object({
        id: z.string(),
        name: z.string(),
        nameZh: z.string().optional(),
        code: z.string().optional(),
        unit: z.string().optional(),
        frequency: z.string(),
        method: z.string(),
        confidence: z.number(),
        reason: z.string(),
      }),
    )
    .optional()
    .openapi({ description: 'for products: the linked price series, strongest link first' }),
  sameName: z
    .array(NodeRefSchema)
    .optional()
    .openapi({ description: 'other entities with exactly this name, when a product was picked among them' }),
}).openapi('Entity');

export const NeighboursSchema = z
  .object({
    entity: NodeViewSchema,
    neighbours: z.array(
      z.object({
        relation: z.enum(EDGE_TYPES),
        direction: z.enum(['in', 'out']),
        node: NodeRefSchema,
        edge: EdgeViewSchema,
      }),
    ),
    total: z.number().int(),
  })
  .openapi('Neighbours');

export const ChainSchema = z
  .object({
    entity: NodeViewSchema,
    direction: z.enum(['upstream', 'downstream']),
    depth: z.number().int(),
    nodes: z.array(
      NodeRefSchema.extend({
        depth: z.number().int(),
        via: z.object({
          type: z.enum(EDGE_TYPES),
          from: z.string(),
          to: z.string(),
          share: z.number().optional(),
          relation: z.string().optional(),
        }),
      }),
    ),
  })
  .openapi('Chain');

export const PathsSchema = z
  .object({
    from: NodeViewSchema,
    to: NodeViewSchema,
    paths: z.array(z.object({ nodes: z.array(NodeRefSchema), edges: z.array(EdgeViewSchema) })),
  })
  .openapi('Paths');

/** An entity named by id (`enterprise:601127`), name, alias or stock code; URL-encode it. */
export const EntityRefParam = z.object({
  ref: z
    .string()
    .min(1)
    .max(512)
    .openapi({ param: { name: 'ref', in: 'path' }, example: 'product:碳酸锂' }),
});
