import type { EdgeType, GraphEdge, GraphNode } from '../../../knowledge-graph/schema/index.js';
import { edgeEvidence, edgeMeasure, ref } from './evidence.js';
import { asSet, dedupe } from './sets.js';
import type { Operator, OperatorContext, Row } from './types.js';

/** Most rows one hop returns; a product with more producers is cut, and the cut is said. */
const LIMIT = 5_000;

/** Relations whose members include those of sub-entities: an industry's sub-industries, a region's districts. */
const CONTAINMENT: Partial<Record<EdgeType, EdgeType>> = {
  IN_INDUSTRY: 'INDUSTRY_PARENT',
  LOCATED_IN: 'LOCATED_IN',
};

/**
 * One hop along typed edges from every member of a set: producers (PRODUCES in), products
 * (PRODUCES out), suppliers (SUPPLIES in), customers, competitors, controllers, investors,
 * industry, members of an industry or region (transitive). Each row keeps the edge's number
 * (revenue share, input share, stake), its report dates and the member it was reached from.
 */
export const relationOperator: Operator<'relation'> = {
  op: 'relation',
  description:
    'Entities one hop from a set along an edge type: PRODUCES (in: producers of a product, out: products of an enterprise), SUPPLIES (in: suppliers, out: customers), COMPETES_WITH, COOPERATES_WITH, JOINT_VENTURE, CONTROLS (in: controllers, out: subsidiaries), INVESTS_IN (in: investors, out: investees), ACQUIRES, IN_INDUSTRY (out: its industry; in + transitive: members of an industry), INDUSTRY_PARENT (out: parent industry), LOCATED_IN (out: where; in + transitive: what is in a region), SUBTYPE_OF, MADE_FROM.',
  async run(step, input, ctx) {
    const from = asSet(input(step.from), 'relation');
    const sources = new Set(from.rows.map((r) => r.node.id));
    const rows: Row[] = [];
    for (const source of from.rows) {
      const parts = step.transitive ? await withParts(source.node.id, step.edge, ctx) : [source.node.id];
      for (const part of parts) {
        const found = await ctx.ports.graph.neighbours(
          part,
          { edgeTypes: [step.edge], direction: step.direction, limit: LIMIT },
          ctx.principal,
        );
        for (const n of found) {
          // A district inside a region is walked as a part, not listed as a member; members are enterprises.
          if (sources.has(n.node.id) || parts.includes(n.node.id)) continue;
          if (step.transitive && n.node.type !== 'Enterprise') continue;
          rows.push(rowOf(n.edge, n.node, n.direction, source.node, ctx));
        }
      }
    }
    return {
      kind: 'set',
      rows: dedupe(rows),
      of: from.rows.map((r) => r.node),
      via: { edge: step.edge, direction: step.direction },
      notes: [],
    };
  },
};

/** A region with its districts, an industry with its sub-industries (breadth-first, four levels). */
async function withParts(id: string, edge: EdgeType, ctx: OperatorContext): Promise<string[]> {
  const inner = CONTAINMENT[edge];
  if (!inner) return [id];
  const reached = await ctx.ports.graph.traverse(
    id,
    { steps: [{ type: inner, direction: 'in' }], depth: 4, limit: 20_000 },
    ctx.principal,
  );
  const own = (await ctx.ports.graph.getNode(id, ctx.principal))?.type;
  return [id, ...reached.filter((r) => r.node.type === own).map((r) => r.node.id)];
}

export function rowOf(
  edge: GraphEdge,
  node: GraphNode,
  direction: 'out' | 'in',
  parent: { id: string; name: string; type: GraphNode['type'] },
  ctx: OperatorContext,
): Row {
  const [fromName, toName] = direction === 'out' ? [parent.name, node.name] : [node.name, parent.name];
  const m = edgeMeasure(edge);
  const props = edge.props as { dates?: string[]; firstSeen?: string; lastSeen?: string; products?: unknown };
  const dates =
    props.dates ??
    (props.firstSeen ? [...new Set([props.firstSeen, props.lastSeen ?? props.firstSeen])] : undefined);
  return {
    node: ref(node),
    parent: ref(parent),
    ...(m ? { value: m.value, measure: m.measure } : {}),
    ...(dates ? { dates } : {}),
    ...(Array.isArray(props.products)
      ? { products: props.products.filter((x): x is string => typeof x === 'string') }
      : {}),
    evidence: [ctx.evidence.add(edgeEvidence(edge, fromName, toName, ctx.language))],
  };
}
