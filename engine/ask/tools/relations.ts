import { z } from 'zod';
import { EdgeTypeSchema } from '../../../knowledge-graph/schema/index.js';
import { edgeEvidence, ref, resolveRef } from './evidence.js';
import { defineTool, EntityRefSchema, type Evidence, type Item, type ToolOutput } from './types.js';

/**
 * Entities linked to one entity by the given relations: producers (PRODUCES in), products
 * (PRODUCES out), suppliers (SUPPLIES in), customers (SUPPLIES out), competitors, partners,
 * controllers, investments, industry membership. Ranked by revenue share or stake when known.
 */
export const relationsTool = defineTool({
  name: 'graph_relations',
  description:
    'Entities linked to one entity. relations: PRODUCES (direction out = its products, in = producers of a product), SUPPLIES (in = suppliers, out = customers), COMPETES_WITH, COOPERATES_WITH, JOINT_VENTURE, CONTROLS (in = controllers, out = subsidiaries), INVESTS_IN, ACQUIRES, IN_INDUSTRY, LOCATED_IN, SUBTYPE_OF.',
  input: z.object({
    entity: EntityRefSchema,
    relations: z.array(EdgeTypeSchema).min(1).max(6),
    direction: z.enum(['in', 'out', 'both']).default('both'),
    /** Include the producers of a product's subtypes (电池级碳酸锂 for 碳酸锂). */
    includeSubtypes: z.boolean().default(false),
    limit: z.number().int().min(1).max(200).default(30),
  }),
  async run(input, ctx): Promise<ToolOutput> {
    const node = await resolveRef(input.entity, ctx);
    if (!node) return empty(`no entity named ${input.entity}`);
    const subjects = [node];
    if (input.includeSubtypes && node.type === 'Product') {
      const subs = await ctx.graph.traverse(
        node.id,
        { steps: [{ type: 'SUBTYPE_OF', direction: 'in' }], depth: 2, limit: 50 },
        ctx.principal,
      );
      subjects.push(...subs.map((s) => s.node));
    }
    const rows: Array<Item & { rank: number }> = [];
    const evidence: Evidence[] = [];
    const seen = new Set<string>();
    for (const subject of subjects) {
      const found = await ctx.graph.neighbours(
        subject.id,
        { edgeTypes: input.relations, direction: input.direction, limit: 20_000 },
        ctx.principal,
      );
      for (const n of found) {
        if (seen.has(n.node.id) || n.node.id === node.id) continue;
        seen.add(n.node.id);
        const [from, to] = n.direction === 'out' ? [subject.name, n.node.name] : [n.node.name, subject.name];
        const ev = edgeEvidence(n.edge, from, to, ctx.language);
        evidence.push(ev);
        const props = n.edge.props as { weight?: number; stake?: number; observations?: number };
        const value = props.weight ?? props.stake;
        rows.push({
          node: ref(n.node),
          relation: n.edge.type,
          evidence: ev.key,
          ...(value !== undefined ? { value } : {}),
          ...(subject.id !== node.id ? { via: subject.name } : {}),
          // Curated, stated and frequently observed links first; then by share or stake.
          rank:
            (value ?? 0) +
            (n.edge.provenance.some((p) => (p.confidence ?? 1) >= 1) ? 10 : 0) +
            Math.min(props.observations ?? 0, 999) / 1000,
        });
      }
    }
    rows.sort((a, b) => b.rank - a.rank || a.node.name.localeCompare(b.node.name, 'zh'));
    const items = rows.slice(0, input.limit).map(({ rank: _rank, ...item }) => item);
    const used = new Set(items.map((i) => i.evidence));
    return {
      tool: 'graph_relations',
      subject: ref(node),
      items,
      total: rows.length,
      evidence: evidence.filter((e) => used.has(e.key)),
      paths: [],
      data: { relations: input.relations, direction: input.direction },
    };
  },
});

export function empty(note: string): ToolOutput {
  return { tool: 'none', items: [], total: 0, evidence: [], paths: [], data: {}, note };
}
