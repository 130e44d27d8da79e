import { DOWNSTREAM_STEPS, UPSTREAM_STEPS } from '../../../knowledge-graph/store/port.js';
import { rowOf } from './relation.js';
import { asSet } from './sets.js';
import type { Operator, Row } from './types.js';

/** Widest tier walked; beyond it the walk stops and says so. */
const TIER_LIMIT = 3_000;

/**
 * Upstream inputs (MADE_FROM out, UPSTREAM_OF in) or downstream uses of products and industries,
 * tier by tier. A tier holds only what no nearer tier holds, and every row names the member of the
 * tier before it that it was reached from, so tier 2 reads "聚合MDI ← 氯气、甲醛、苯胺".
 */
export const chainOperator: Operator<'chain'> = {
  op: 'chain',
  description:
    'Upstream inputs (up) or downstream products (down) of products or industries, to N tiers; rows carry their tier and parent.',
  async run(step, input, ctx) {
    const from = asSet(input(step.from), 'chain');
    const steps = step.direction === 'up' ? UPSTREAM_STEPS : DOWNSTREAM_STEPS;
    const seen = new Set(from.rows.map((r) => r.node.id));
    const rows: Row[] = [];
    let frontier = from.rows.map((r) => r.node);
    const notes: string[] = [];
    for (let tier = 1; tier <= step.tiers && frontier.length; tier++) {
      const next: Row[] = [];
      for (const parent of frontier) {
        for (const s of steps) {
          const found = await ctx.ports.graph.neighbours(
            parent.id,
            { edgeTypes: [s.type], direction: s.direction, limit: TIER_LIMIT },
            ctx.principal,
          );
          for (const n of found) {
            if (seen.has(n.node.id)) continue;
            seen.add(n.node.id);
            next.push({ ...rowOf(n.edge, n.node, n.direction, parent, ctx), tier });
          }
        }
        if (next.length >= TIER_LIMIT) {
          notes.push(`tier ${tier} cut at ${TIER_LIMIT}`);
          break;
        }
      }
      rows.push(...next);
      frontier = next.map((r) => r.node);
    }
    return {
      kind: 'set',
      rows,
      of: from.rows.map((r) => r.node),
      via: { edge: 'chain', direction: step.direction, tiers: step.tiers },
      notes,
    };
  },
};
