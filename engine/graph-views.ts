import type { EdgeType, GraphEdge, GraphNode, Principal } from '../knowledge-graph/schema/index.js';
import {
  DOWNSTREAM_STEPS,
  type Direction,
  type GraphStore,
  type Neighbour,
  UPSTREAM_STEPS,
} from '../knowledge-graph/store/port.js';
import { UserError } from './errors.js';
import type { Engine } from './container.js';
import { resolveEntity } from './entities.js';
import { priceSeriesOf } from './prices.js';

/** Compact, JSON-friendly views of graph answers for the CLI and the API. */
export interface NodeView {
  id: string;
  type: GraphNode['type'];
  name: string;
  aliases: string[];
  props: Record<string, unknown>;
  sources: string[];
}

export interface EdgeView {
  id: string;
  type: EdgeType;
  from: string;
  to: string;
  props: Record<string, unknown>;
  sources: Array<{ source: string; record: string }>;
}

export function nodeView(node: GraphNode): NodeView {
  return {
    id: node.id,
    type: node.type,
    name: node.name,
    aliases: node.aliases,
    props: node.props,
    sources: [...new Set(node.provenance.map((p) => p.source))],
  };
}

export function edgeView(edge: GraphEdge): EdgeView {
  return {
    id: edge.id,
    type: edge.type,
    from: edge.from,
    to: edge.to,
    props: edge.props,
    sources: edge.provenance.map((p) => ({ source: p.source, record: p.record })),
  };
}

/** Which (edge type, direction) steps lead up or down a chain from a node. */
const CHAIN_STEPS: Record<'up' | 'down', ReadonlyArray<{ type: EdgeType; direction: Direction }>> = {
  up: [...UPSTREAM_STEPS, { type: 'SUPPLIES', direction: 'in' }, { type: 'PRODUCES', direction: 'in' }],
  down: [...DOWNSTREAM_STEPS, { type: 'SUPPLIES', direction: 'out' }, { type: 'PRODUCES', direction: 'out' }],
};

export async function entityView(graph: GraphStore, name: string, principal: Principal) {
  const node = await resolveEntity(graph, name, principal);
  const neighbours = await graph.neighbours(node.id, { limit: 100_000 }, principal);
  const edgeCounts: Record<string, number> = {};
  for (const n of neighbours) {
    const key = `${n.edge.type}:${n.direction}`;
    edgeCounts[key] = (edgeCounts[key] ?? 0) + 1;
  }
  return { ...nodeView(node), provenance: node.provenance, edgeCounts };
}

/**
 * `entityView` plus, for a product, its linked price series (`priceSeriesOf`), strongest first:
 * what `ibrain graph entity` and `GET /v1/graph/entities/{ref}` show. A name shared by exactly
 * one product and other entities (铜 is a product and a Shenwan industry) shows the product and
 * lists the others under `sameName`, so the price of 铜 is one command away.
 */
export async function entityWithPrices(engine: Engine, name: string, principal: Principal) {
  const exact = /^[a-z]+:/.test(name.trim())
    ? []
    : await engine.graph.findNodes({ text: name.trim(), mode: 'exact', limit: 8 }, principal);
  const products = exact.filter((n) => n.type === 'Product');
  const pick = exact.length > 1 && products.length === 1 ? products[0]! : undefined;
  const view = await entityView(engine.graph, pick?.id ?? name, principal);
  const sameName = pick
    ? exact.filter((n) => n.id !== pick.id).map((n) => ({ id: n.id, type: n.type, name: n.name }))
    : [];
  if (view.type !== 'Product') return view;
  const links = await priceSeriesOf(engine, view.id, principal);
  return {
    ...view,
    ...(sameName.length > 0 ? { sameName } : {}),
    priceSeries: links.map((l) => ({
      id: l.series.id,
      name: l.series.name,
      ...(l.series.nameZh ? { nameZh: l.series.nameZh } : {}),
      ...(l.series.code ? { code: l.series.code } : {}),
      ...(l.series.unit ? { unit: l.series.unit } : {}),
      frequency: l.series.frequency,
      method: l.method,
      confidence: l.confidence,
      reason: l.reason,
    })),
  };
}

export async function neighboursView(
  graph: GraphStore,
  name: string,
  options: { rel?: string; dir?: string; limit?: number },
  principal: Principal,
) {
  const node = await resolveEntity(graph, name, principal);
  const rels = options.rel ? options.rel.split(',').map((r) => r.trim().toUpperCase()) : undefined;
  const dir = options.dir ?? 'both';
  if (!['up', 'down', 'in', 'out', 'both'].includes(dir))
    throw new UserError(`--dir must be up, down, in, out or both, got ${dir}`);
  let found: Neighbour[];
  if (dir === 'up' || dir === 'down') {
    found = [];
    for (const step of CHAIN_STEPS[dir]) {
      if (rels && !rels.includes(step.type)) continue;
      found.push(
        ...(await graph.neighbours(
          node.id,
          { edgeTypes: [step.type], direction: step.direction },
          principal,
        )),
      );
    }
  } else {
    found = await graph.neighbours(
      node.id,
      { edgeTypes: rels as EdgeType[] | undefined, direction: dir as Direction },
      principal,
    );
  }
  return {
    entity: nodeView(node),
    neighbours: found.slice(0, options.limit ?? 200).map((n) => ({
      relation: n.edge.type,
      direction: n.direction,
      node: { id: n.node.id, type: n.node.type, name: n.node.name },
      edge: edgeView(n.edge),
    })),
    total: found.length,
  };
}

export async function chainView(
  graph: GraphStore,
  name: string,
  direction: 'upstream' | 'downstream',
  depth: number,
  principal: Principal,
) {
  if (!Number.isInteger(depth) || depth < 1 || depth > 10)
    throw new UserError(`--depth must be a whole number from 1 to 10, got ${depth}`);
  const node = await resolveEntity(graph, name, principal, ['Product', 'Industry']);
  const reached = await graph.traverse(
    node.id,
    { steps: direction === 'upstream' ? UPSTREAM_STEPS : DOWNSTREAM_STEPS, depth, limit: 5_000 },
    principal,
  );
  return {
    entity: nodeView(node),
    direction,
    depth,
    nodes: reached.map((r) => ({
      id: r.node.id,
      type: r.node.type,
      name: r.node.name,
      depth: r.depth,
      via: {
        type: r.via.type,
        from: r.via.from,
        to: r.via.to,
        share: r.via.props.share,
        relation: r.via.props.relation,
      },
    })),
  };
}

export async function pathView(
  graph: GraphStore,
  a: string,
  b: string,
  maxDepth: number,
  principal: Principal,
) {
  const [from, to] = await Promise.all([
    resolveEntity(graph, a, principal),
    resolveEntity(graph, b, principal),
  ]);
  const paths = await graph.paths(from.id, to.id, { maxDepth, limit: 5 }, principal);
  return {
    from: nodeView(from),
    to: nodeView(to),
    paths: paths.map((p) => ({
      nodes: p.nodes.map((n) => ({ id: n.id, type: n.type, name: n.name })),
      edges: p.edges.map(edgeView),
    })),
  };
}
