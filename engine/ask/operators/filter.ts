import type { GraphNode } from '../../../knowledge-graph/schema/index.js';
import { resolveNames } from './evidence.js';
import { asSet } from './sets.js';
import type { Operator, OperatorContext, Row } from './types.js';

/**
 * Keeps the members of a set that meet every condition: listed (a stock code), located in a
 * region or belonging to an industry (their parts included), on an exchange, listed in a year,
 * related within a period (by the days the relation was reported), not in another step's set,
 * or named with a word.
 */
export const filterOperator: Operator<'filter'> = {
  op: 'filter',
  description:
    'Keep members that are listed, in a region or industry, on an exchange, listed in a year, reported in a period, not in another set, or whose name contains a word.',
  async run(step, input, ctx) {
    const from = asSet(input(step.from), 'filter');
    let rows = from.rows;
    const notes = [...from.notes];
    const needsProps = step.listed !== undefined || step.exchange || step.listedIn;
    if (needsProps) {
      const nodes = new Map(
        (
          await ctx.ports.graph.getNodes(
            rows.map((r) => r.node.id),
            ctx.principal,
          )
        ).map((n) => [n.id, n]),
      );
      rows = rows.filter((r) => {
        const node = nodes.get(r.node.id);
        if (node?.type !== 'Enterprise') return step.listed === undefined && !step.exchange && !step.listedIn;
        const p = node.props as { code?: string; exchange?: string; listedAt?: string };
        if (step.listed !== undefined && !!p.code !== step.listed) return false;
        if (step.exchange && p.exchange !== step.exchange) return false;
        if (step.listedIn && !p.listedAt?.startsWith(String(step.listedIn))) return false;
        return true;
      });
    }
    for (const [kind, name] of [
      ['region', step.region],
      ['industry', step.industry],
    ] as const) {
      if (!name) continue;
      const members = await membersOf(kind, name, ctx);
      rows = rows.filter((r) => members.has(r.node.id));
    }
    if (step.period) {
      const { from: lo, to: hi } = step.period;
      const dated = rows.filter((r) => r.dates?.length);
      if (dated.length === 0 && rows.length) notes.push('no report dates on these relations');
      rows = rows
        .filter((r) => r.dates?.some((d) => d >= lo && d <= hi))
        .map((r) => ({ ...r, dates: r.dates!.filter((d) => d >= lo && d <= hi) }));
    }
    if (step.exclude !== undefined) {
      const drop = new Set(asSet(input(step.exclude), 'filter').rows.map((r) => r.node.id));
      rows = rows.filter((r) => !drop.has(r.node.id));
    }
    if (step.nameContains) rows = rows.filter((r) => r.node.name.includes(step.nameContains!));
    if (step.product) rows = rows.filter((r) => r.products?.includes(step.product!));
    return { ...from, rows, before: from.before ?? from.rows.length, notes };
  },
};

async function membersOf(
  kind: 'region' | 'industry',
  name: string,
  ctx: OperatorContext,
): Promise<Set<string>> {
  const [node] = await resolveNames(name, ctx);
  if (!node) return new Set();
  const inner = kind === 'region' ? 'LOCATED_IN' : 'INDUSTRY_PARENT';
  const member = kind === 'region' ? 'LOCATED_IN' : 'IN_INDUSTRY';
  const reached = await ctx.ports.graph.traverse(
    node.id,
    {
      steps: [
        { type: inner, direction: 'in' },
        { type: member, direction: 'in' },
      ],
      depth: 5,
      limit: 200_000,
    },
    ctx.principal,
  );
  return new Set(reached.map((r) => r.node.id).filter((id) => id !== (node as GraphNode).id));
}

export type { Row };
