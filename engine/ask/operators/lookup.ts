import type { GraphNode } from '../../../knowledge-graph/schema/index.js';
import { edgeEvidence, edgeMeasure, identityText, nodeEvidence, nodeOf, ref } from './evidence.js';
import { asSet, byValue } from './sets.js';
import type { Card, Operator, OperatorContext, Row } from './types.js';

/** Products listed on a card, largest revenue share first. */
const PRODUCTS_SHOWN = 8;
/** Cards made for one lookup (a set of many members is described by its first ones). */
const CARDS = 10;

/**
 * What the data holds about each entity of a set: identity (name, registered name, code,
 * exchange, listing date), its industry up through its parent levels, its region, its main
 * products with their revenue shares, and how many relations of each kind it has.
 */
export const lookupOperator: Operator<'lookup'> = {
  op: 'lookup',
  description:
    'Facts about entities: registered name, code, exchange, listing date, industry with its parent levels, region, main products with revenue shares.',
  async run(step, input, ctx) {
    const set = asSet(input(step.from), 'lookup');
    const named = set.of.length ? set.rows.filter((r) => set.of.some((o) => o.id === r.node.id)) : set.rows;
    const cards: Card[] = [];
    for (const row of named.slice(0, CARDS)) {
      const node = await nodeOf(row.node.id, ctx);
      if (node) cards.push(await cardOf(node, ctx));
    }
    return { kind: 'facts', cards, attributes: step.attributes };
  },
};

async function cardOf(node: GraphNode, ctx: OperatorContext): Promise<Card> {
  const g = ctx.ports.graph;
  const industries: Card['industries'] = [];
  let at = (
    await g.neighbours(node.id, { edgeTypes: ['IN_INDUSTRY'], direction: 'out', limit: 10 }, ctx.principal)
  )[0];
  let from = node;
  const seen = new Set<string>();
  for (let i = 0; at && i < 4 && !seen.has(at.node.id); i++) {
    seen.add(at.node.id);
    const level = (at.node.props as { level?: number }).level;
    industries.push({
      node: ref(at.node),
      ...(level !== undefined ? { level } : {}),
      evidence: ctx.evidence.add(edgeEvidence(at.edge, from.name, at.node.name, ctx.language)),
    });
    from = at.node;
    at = (
      await g.neighbours(
        at.node.id,
        { edgeTypes: ['INDUSTRY_PARENT'], direction: 'out', limit: 1 },
        ctx.principal,
      )
    )[0];
  }
  const regions = (
    await g.neighbours(node.id, { edgeTypes: ['LOCATED_IN'], direction: 'out', limit: 3 }, ctx.principal)
  ).map((n) => ({
    node: ref(n.node),
    evidence: ctx.evidence.add(edgeEvidence(n.edge, node.name, n.node.name, ctx.language)),
  }));
  const products: Row[] = (
    await g.neighbours(node.id, { edgeTypes: ['PRODUCES'], direction: 'out', limit: 500 }, ctx.principal)
  )
    .map((n) => {
      const m = edgeMeasure(n.edge);
      return {
        node: ref(n.node),
        ...(m ? { value: m.value, measure: m.measure } : {}),
        evidence: [ctx.evidence.add(edgeEvidence(n.edge, node.name, n.node.name, ctx.language))],
      };
    })
    .sort(byValue)
    .slice(0, PRODUCTS_SHOWN);
  const relations: Record<string, number> = {};
  for (const n of await g.neighbours(node.id, { limit: 20_000 }, ctx.principal)) {
    const key = `${n.edge.type}:${n.direction}`;
    relations[key] = (relations[key] ?? 0) + 1;
  }
  return {
    node: ref(node),
    props: node.props as Record<string, unknown>,
    aliases: node.aliases,
    industries,
    regions,
    products,
    relations,
    evidence: ctx.evidence.add(nodeEvidence(node, identityText(node, ctx.language))),
  };
}
