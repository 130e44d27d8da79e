import { asSet } from './sets.js';
import type { Operator } from './types.js';

/** The k members with the largest (or smallest) number: revenue share, input share, stake or count. */
export const topOperator: Operator<'top'> = {
  op: 'top',
  description:
    'The k members with the highest (desc) or lowest (asc) value: revenue share, input share, stake, or a count from degree.',
  async run(step, input) {
    const from = asSet(input(step.from), 'top');
    const sign = step.order === 'asc' ? -1 : 1;
    const ranked = [...from.rows]
      .filter((r) => r.value !== undefined)
      .sort((a, b) => sign * (b.value! - a.value!) || a.node.name.localeCompare(b.node.name, 'zh'));
    // Members tied with the k-th are kept: cutting a tie would pick one arbitrarily.
    const edge = ranked[step.k - 1]?.value;
    const rows = ranked.filter((r, i) => i < step.k || r.value === edge);
    return { ...from, rows, before: from.rows.length };
  },
};
