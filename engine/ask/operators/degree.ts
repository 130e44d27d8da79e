import { asSet } from './sets.js';
import type { Operator } from './types.js';

/** Each member's number of relations of one kind (an industry's upstream industries), as its value for ranking. */
export const degreeOperator: Operator<'degree'> = {
  op: 'degree',
  description: 'Counts each member’s relations of an edge type and direction, as the value to rank by.',
  async run(step, input, ctx) {
    const from = asSet(input(step.from), 'degree');
    const rows = [];
    for (const r of from.rows) {
      const n = await ctx.ports.graph.neighbours(
        r.node.id,
        { edgeTypes: [step.edge], direction: step.direction, limit: 20_000 },
        ctx.principal,
      );
      if (n.length) rows.push({ ...r, value: n.length, measure: 'count' as const });
    }
    return { ...from, rows, via: { edge: step.edge, direction: step.direction } };
  },
};
