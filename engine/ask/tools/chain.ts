import { z } from 'zod';
import { DOWNSTREAM_STEPS, UPSTREAM_STEPS } from '../../../knowledge-graph/store/port.js';
import { edgeEvidence, ref, resolveRef } from './evidence.js';
import { empty } from './relations.js';
import { defineTool, EntityRefSchema, type Evidence, type Item, type ToolOutput } from './types.js';

/** Upstream inputs or downstream uses of a product or industry, tier by tier (breadth-first). */
export const chainTool = defineTool({
  name: 'graph_chain',
  description:
    'Upstream inputs (direction up) or downstream products (direction down) of a product or industry, to N tiers.',
  input: z.object({
    entity: EntityRefSchema,
    direction: z.enum(['up', 'down']),
    depth: z.number().int().min(1).max(5).default(1),
    limit: z.number().int().min(1).max(500).default(60),
  }),
  async run(input, ctx): Promise<ToolOutput> {
    const node = await resolveRef(input.entity, ctx);
    if (!node) return empty(`no entity named ${input.entity}`);
    const steps = input.direction === 'up' ? UPSTREAM_STEPS : DOWNSTREAM_STEPS;
    const reached = await ctx.graph.traverse(
      node.id,
      { steps, depth: input.depth, limit: 5_000 },
      ctx.principal,
    );
    const names = new Map([
      [node.id, node.name],
      ...reached.map((r) => [r.node.id, r.node.name] as [string, string]),
    ]);
    const evidence: Evidence[] = [];
    const items: Item[] = [];
    // Largest input share first within a tier, so the cut keeps what matters.
    const ordered = [...reached].sort(
      (a, b) =>
        a.depth - b.depth ||
        shareOf(b.via.props) - shareOf(a.via.props) ||
        a.node.name.localeCompare(b.node.name, 'zh'),
    );
    for (const r of ordered.slice(0, input.limit)) {
      const ev = edgeEvidence(
        r.via,
        names.get(r.via.from) ?? r.via.from,
        names.get(r.via.to) ?? r.via.to,
        ctx.language,
      );
      evidence.push(ev);
      const parent = r.via.from === r.node.id ? r.via.to : r.via.from;
      const share = (r.via.props as { share?: number }).share;
      items.push({
        node: ref(r.node),
        relation: r.via.type,
        depth: r.depth,
        evidence: ev.key,
        ...(share !== undefined ? { value: share } : {}),
        ...(r.depth > 1 ? { via: names.get(parent) ?? parent } : {}),
      });
    }
    const perTier: Record<string, number> = {};
    for (const r of reached) perTier[r.depth] = (perTier[r.depth] ?? 0) + 1;
    return {
      tool: 'graph_chain',
      subject: ref(node),
      items,
      total: reached.length,
      evidence,
      paths: [],
      data: { direction: input.direction, depth: input.depth, perTier },
    };
  },
});

function shareOf(props: { share?: number }): number {
  return typeof props.share === 'number' ? props.share : 0;
}
