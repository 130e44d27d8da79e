import { asSet } from './sets.js';
import type { Operator } from './types.js';

/** How many distinct members a set has; the answer cites the rows it counted. */
export const countOperator: Operator<'count'> = {
  op: 'count',
  description: 'The number of distinct members of a set.',
  async run(step, input) {
    const set = asSet(input(step.from), 'count');
    const ids = new Set(set.rows.map((r) => r.node.id));
    return { kind: 'count', n: ids.size, set, evidence: set.rows.flatMap((r) => r.evidence) };
  },
};
