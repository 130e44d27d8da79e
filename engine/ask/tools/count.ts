import { z } from 'zod';
import type { GraphEdge, GraphNode } from '../../../knowledge-graph/schema/index.js';
import { edgeEvidence, ref, resolveRef } from './evidence.js';
import { empty } from './relations.js';
import {
  defineTool,
  EntityRefSchema,
  type Evidence,
  type Item,
  type ToolContext,
  type ToolOutput,
} from './types.js';

interface Member {
  node: GraphNode;
  /** The edge that put the enterprise in the set: what it produces, its industry or its location. */
  edge: GraphEdge;
}

/**
 * Enterprises matching a product (its producers, subtypes included), an industry (sub-industries
 * included) and a region (sub-regions included), counted, optionally grouped by region or industry
 * and ranked.
 */
export const countTool = defineTool({
  name: 'graph_count',
  description:
    'Counts enterprises that produce a product, belong to an industry and/or are located in a region (any combination); groupBy region or industry ranks the groups; otherwise lists the enterprises, largest revenue share first.',
  input: z.object({
    product: EntityRefSchema.optional(),
    industry: EntityRefSchema.optional(),
    region: EntityRefSchema.optional(),
    groupBy: z.enum(['none', 'region', 'industry']).default('none'),
    top: z.number().int().min(1).max(50).default(10),
  }),
  async run(input, ctx): Promise<ToolOutput> {
    const filters: Array<{ kind: 'product' | 'industry' | 'region'; node: GraphNode }> = [];
    for (const kind of ['product', 'industry', 'region'] as const) {
      const text = input[kind];
      if (!text) continue;
      const node = await resolveRef(text, ctx);
      if (!node) return empty(`no ${kind} named ${text}`);
      filters.push({ kind, node });
    }
    if (filters.length === 0) return empty('a count needs a product, an industry or a region');
    let members: Map<string, Member> | undefined;
    for (const f of filters) {
      const set = await membersOf(f.kind, f.node, ctx);
      if (!members) members = set;
      else for (const id of [...members.keys()]) if (!set.has(id)) members.delete(id);
    }
    const list = [...members!.values()].sort(
      (a, b) => weightOf(b.edge) - weightOf(a.edge) || a.node.name.localeCompare(b.node.name, 'zh'),
    );
    const evidence: Evidence[] = [];
    const items: Item[] = [];
    if (input.groupBy === 'none') {
      for (const m of list.slice(0, input.top)) {
        const ev = await memberEvidence(m, ctx);
        evidence.push(ev);
        items.push({
          node: ref(m.node),
          relation: m.edge.type,
          evidence: ev.key,
          ...(weightOf(m.edge) ? { value: weightOf(m.edge) } : {}),
        });
      }
    } else {
      const groups = new Map<string, { node: GraphNode; members: GraphNode[]; edges: GraphEdge[] }>();
      for (const m of list) {
        const edgeType = input.groupBy === 'region' ? 'LOCATED_IN' : 'IN_INDUSTRY';
        const out = await ctx.graph.neighbours(
          m.node.id,
          { edgeTypes: [edgeType], direction: 'out', limit: 5 },
          ctx.principal,
        );
        // Grouping inside a region means its parts: the region itself is not one of its own groups.
        for (const n of out.filter((x) => !filters.some((f) => f.node.id === x.node.id)).slice(0, 1)) {
          const g = groups.get(n.node.id) ?? { node: n.node, members: [], edges: [] };
          g.members.push(m.node);
          g.edges.push(n.edge);
          groups.set(n.node.id, g);
        }
      }
      const ranked = [...groups.values()].sort(
        (a, b) => b.members.length - a.members.length || a.node.name.localeCompare(b.node.name, 'zh'),
      );
      for (const g of ranked.slice(0, input.top)) {
        const ev = edgeEvidence(g.edges[0]!, g.members[0]!.name, g.node.name, ctx.language);
        evidence.push(ev);
        items.push({
          node: ref(g.node),
          value: g.members.length,
          evidence: ev.key,
          members: g.members.slice(0, 10).map(ref),
        });
      }
    }
    return {
      tool: 'graph_count',
      items,
      total: list.length,
      evidence,
      paths: [],
      data: {
        count: list.length,
        filters: filters.map((f) => ({ kind: f.kind, ...ref(f.node) })),
        groupBy: input.groupBy,
        groups: input.groupBy === 'none' ? 0 : items.length,
      },
    };
  },
});

function weightOf(edge: GraphEdge): number {
  const w = (edge.props as { weight?: number }).weight;
  return typeof w === 'number' ? w : 0;
}

async function membersOf(
  kind: 'product' | 'industry' | 'region',
  node: GraphNode,
  ctx: ToolContext,
): Promise<Map<string, Member>> {
  const out = new Map<string, Member>();
  if (kind === 'product') {
    const products = [
      node,
      ...(
        await ctx.graph.traverse(
          node.id,
          { steps: [{ type: 'SUBTYPE_OF', direction: 'in' }], depth: 2, limit: 100 },
          ctx.principal,
        )
      ).map((r) => r.node),
    ];
    for (const p of products) {
      for (const n of await ctx.graph.neighbours(
        p.id,
        { edgeTypes: ['PRODUCES'], direction: 'in', limit: 20_000 },
        ctx.principal,
      )) {
        if (n.node.type === 'Enterprise' && !out.has(n.node.id))
          out.set(n.node.id, { node: n.node, edge: n.edge });
      }
    }
    return out;
  }
  const steps =
    kind === 'industry'
      ? ([
          { type: 'INDUSTRY_PARENT', direction: 'in' },
          { type: 'IN_INDUSTRY', direction: 'in' },
        ] as const)
      : ([{ type: 'LOCATED_IN', direction: 'in' }] as const);
  const reached = await ctx.graph.traverse(node.id, { steps, depth: 4, limit: 200_000 }, ctx.principal);
  for (const r of reached)
    if (r.node.type === 'Enterprise') out.set(r.node.id, { node: r.node, edge: r.via });
  return out;
}

async function memberEvidence(m: Member, ctx: ToolContext): Promise<Evidence> {
  const other = m.edge.from === m.node.id ? m.edge.to : m.edge.from;
  const names = await ctx.graph.getNodes([other], ctx.principal);
  const otherName = names[0]?.name ?? other;
  return m.edge.from === m.node.id
    ? edgeEvidence(m.edge, m.node.name, otherName, ctx.language)
    : edgeEvidence(m.edge, otherName, m.node.name, ctx.language);
}
