import { edgeMeasure, edgeEvidence, ref } from './evidence.js';
import { asSet } from './sets.js';
import type { Operator, Value } from './types.js';

/**
 * The number on the edge between two entities: an enterprise's revenue share in a product, an
 * input's share in a product, a stake. Pairs with no such edge are kept as missing, so the answer
 * can say the data has none rather than fall silent.
 */
export const edgeValueOperator: Operator<'edgeValue'> = {
  op: 'edgeValue',
  description:
    'The value of the edge of a type between members of two sets (revenue share of an enterprise in a product, input share, stake).',
  async run(step, input, ctx) {
    const from = asSet(input(step.from), 'edgeValue');
    const to = asSet(input(step.to), 'edgeValue');
    const targets = new Set(to.rows.map((r) => r.node.id));
    const rows: Extract<Value, { kind: 'edges' }>['rows'] = [];
    const missing: Extract<Value, { kind: 'edges' }>['missing'] = [];
    for (const f of from.of.length
      ? from.rows.filter((r) => from.of.some((o) => o.id === r.node.id))
      : from.rows) {
      const found = (
        await ctx.ports.graph.neighbours(
          f.node.id,
          { edgeTypes: [step.edge], direction: 'both', limit: 20_000 },
          ctx.principal,
        )
      ).filter((n) => targets.has(n.node.id));
      if (!found.length) {
        missing.push({ from: f.node, to: to.of[0] ?? to.rows[0]!.node });
        continue;
      }
      for (const n of found) {
        const m = edgeMeasure(n.edge);
        const [a, b] = n.direction === 'out' ? [f.node.name, n.node.name] : [n.node.name, f.node.name];
        rows.push({
          from: f.node,
          to: ref(n.node),
          ...(m ? { value: m.value, measure: m.measure } : {}),
          evidence: [ctx.evidence.add(edgeEvidence(n.edge, a, b, ctx.language))],
        });
      }
    }
    return { kind: 'edges', rows, missing };
  },
};
