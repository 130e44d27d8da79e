import type { Principal } from '../../knowledge-graph/schema/index.js';
import type { Engine } from '../container.js';
import { perEngine } from '../per-engine.js';
import { ANALYTIC_EDGE_TYPES, ANALYTIC_NODE_TYPES, ChainGraph } from './graph.js';

interface Cached {
  signature: string;
  graph: Promise<ChainGraph>;
}

const graphCache = perEngine(() => new Map<string, Cached>());

/**
 * The analytic graph a principal may see, exported once and kept per engine. It is rebuilt when
 * the graph's version moves (any write, by this process or another: an import, a removal, a
 * visibility or props change that leaves the counts as they were), so a long-running server
 * never analyses a stale chain.
 */
export async function chainGraph(engine: Engine, principal: Principal): Promise<ChainGraph> {
  const cache = graphCache(engine);
  const key = [...principal.grants].sort().join(',');
  const signature = String(await engine.graph.version());
  const hit = cache.get(key);
  if (hit && hit.signature === signature) return hit.graph;
  const graph = build(engine, principal);
  cache.set(key, { signature, graph });
  graph.catch(() => cache.delete(key));
  return graph;
}

async function build(engine: Engine, principal: Principal): Promise<ChainGraph> {
  const topology = await engine.graph.exportTopology(
    { nodeTypes: ANALYTIC_NODE_TYPES, edgeTypes: ANALYTIC_EDGE_TYPES },
    principal,
  );
  // Region levels tell provinces from countries and cities; regions are few, so read their bodies.
  const regionIds = topology.nodes.filter((n) => n.type === 'Region').map((n) => n.id);
  const levels = new Map<string, string>();
  for (const region of await engine.graph.getNodes(regionIds, principal))
    if (region.type === 'Region' && region.props.level) levels.set(region.id, region.props.level);
  return new ChainGraph(topology, levels);
}
