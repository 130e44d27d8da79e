import { asSet, dedupe } from './sets.js';
import type { Operator } from './types.js';

/** What two sets share (intersect), hold together (union) or what the first has alone (difference). */
export const combineOperator: Operator<'combine'> = {
  op: 'combine',
  description:
    'Intersect, union or difference of two sets (e.g. inputs two products share, companies two investors both funded).',
  async run(step, input) {
    const a = asSet(input(step.a), 'combine');
    const b = asSet(input(step.b), 'combine');
    const inB = new Map(b.rows.map((r) => [r.node.id, r]));
    const rows =
      step.mode === 'union'
        ? dedupe([...a.rows, ...b.rows])
        : step.mode === 'intersect'
          ? a.rows
              .filter((r) => inB.has(r.node.id))
              .map((r) => ({ ...r, evidence: [...r.evidence, ...inB.get(r.node.id)!.evidence] }))
          : a.rows.filter((r) => !inB.has(r.node.id));
    return {
      kind: 'set',
      rows: dedupe(rows),
      of: [...a.of, ...b.of],
      ...(a.via ? { via: a.via } : {}),
      notes: [],
      parts: [a, b],
    };
  },
};
