import type { Operator, Side, Value } from './types.js';

/**
 * Puts two or more branches side by side on one measure (how many members, the value of the
 * top member, a date, an industry) and names the winner, or all of them when they tie. Both sides
 * are always stated, so a comparison never answers about the first part only.
 */
export const compareOperator: Operator<'compare'> = {
  op: 'compare',
  description:
    'Compare branches on count, value (of their top member or edge), date (listing) or industry; names the winner or a tie.',
  async run(step, input) {
    const sides = step.sides.map((i) => sideOf(input(i), step.measure));
    const known = sides
      .map((s, i) => ({ s, i }))
      .filter(({ s }) => s.value !== undefined || s.date || s.text);
    let winners: number[] = [];
    if (step.measure === 'industry') {
      const names = new Set(known.map(({ s }) => s.text));
      winners = names.size === 1 && known.length === sides.length ? known.map(({ i }) => i) : [];
    } else if (known.length) {
      const key = (s: Side) => (step.measure === 'date' ? Date.parse(s.date ?? '') : (s.value ?? Number.NaN));
      const sign = step.order === 'asc' ? -1 : 1;
      const best = Math.max(...known.map(({ s }) => sign * key(s)));
      winners = known.filter(({ s }) => sign * key(s) === best).map(({ i }) => i);
    }
    return { kind: 'comparison', measure: step.measure, sides, winners, order: step.order };
  },
};

function sideOf(v: Value, measure: string): Side {
  switch (v.kind) {
    case 'count':
      return { label: v.set.of, value: v.n, evidence: v.evidence.slice(0, 3) };
    case 'set': {
      if (measure === 'count')
        return {
          label: v.of,
          value: new Set(v.rows.map((r) => r.node.id)).size,
          rows: v.rows,
          evidence: v.rows.flatMap((r) => r.evidence).slice(0, 3),
        };
      const top = [...v.rows].sort((a, b) => (b.value ?? -Infinity) - (a.value ?? -Infinity))[0];
      return {
        label: v.of,
        ...(top?.value !== undefined ? { value: top.value } : {}),
        rows: top ? [top] : [],
        evidence: top?.evidence ?? [],
      };
    }
    case 'facts': {
      const card = v.cards[0];
      if (!card) return { label: [], evidence: [] };
      const industry = card.industries.find((i) => i.level === 3) ?? card.industries[0];
      return {
        label: [card.node],
        ...(typeof card.props.listedAt === 'string' ? { date: card.props.listedAt } : {}),
        ...(measure === 'industry' && industry ? { text: industry.node.name } : {}),
        evidence: [card.evidence, ...(measure === 'industry' && industry ? [industry.evidence] : [])],
      };
    }
    case 'edges': {
      const row = v.rows[0];
      return {
        label: row ? [row.from] : v.missing[0] ? [v.missing[0].from] : [],
        ...(row?.value !== undefined ? { value: row.value } : {}),
        evidence: row?.evidence ?? [],
      };
    }
    default:
      return { label: [], evidence: [] };
  }
}
