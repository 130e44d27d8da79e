import type { EdgeType, GraphNode, NodeType, Principal } from '../../../knowledge-graph/schema/index.js';
import type { Direction, GraphStore, Neighbour } from '../../../knowledge-graph/store/port.js';
import type { Lang } from '../i18n.js';
import { citationHref, nodeHref } from '../../../engine/links.js';
import type { Locality } from './locality.js';
import { edgeShare, factSentence } from './words.js';

export type ExploreDir = 'up' | 'down';

type Step = { type: EdgeType; direction: Exclude<Direction, 'both'> };

/**
 * What "upstream" and "downstream" mean from each kind of node: a product's inputs and uses, an
 * industry's neighbours in the chain, an enterprise's suppliers and its products and customers, a
 * region's parent and what lies in it.
 */
const STEPS: Partial<Record<NodeType, Record<ExploreDir, readonly Step[]>>> = {
  Product: {
    up: [
      { type: 'MADE_FROM', direction: 'out' },
      { type: 'UPSTREAM_OF', direction: 'in' },
    ],
    down: [
      { type: 'MADE_FROM', direction: 'in' },
      { type: 'UPSTREAM_OF', direction: 'out' },
    ],
  },
  Industry: {
    up: [{ type: 'UPSTREAM_OF', direction: 'in' }],
    down: [{ type: 'UPSTREAM_OF', direction: 'out' }],
  },
  Enterprise: {
    up: [{ type: 'SUPPLIES', direction: 'in' }],
    down: [
      { type: 'PRODUCES', direction: 'out' },
      { type: 'SUPPLIES', direction: 'out' },
    ],
  },
  Region: {
    up: [{ type: 'LOCATED_IN', direction: 'out' }],
    down: [{ type: 'LOCATED_IN', direction: 'in' }],
  },
};

/** How producers of a node split between the chosen region and elsewhere. */
export interface ProducerSplit {
  total: number;
  local: number;
}

export interface ExploreItem {
  id: string;
  name: string;
  type: NodeType;
  href?: string;
  /** The link's share (input share, revenue share) when the data states one. */
  share?: number;
  /** The link as a sentence, e.g. "动力电池 的投入品包括 电芯（投入占比 77%）". */
  fact: string;
  /** Where the link can be checked. */
  sourceHref?: string;
  /** For products: producers in the region and in all; for enterprises: whether it is local. */
  producers?: ProducerSplit;
  local?: boolean;
}

export interface Expansion {
  id: string;
  dir: ExploreDir;
  total: number;
  offset: number;
  items: ExploreItem[];
  /** The offset of the next page, when there is more to show. */
  next: number | null;
}

/** Producer lists are counted whole; beyond this a count stops (a commodity with thousands of makers). */
const MAX_PRODUCERS_COUNTED = 2_000;

export async function producerSplit(
  graph: GraphStore,
  productId: string,
  principal: Principal,
  locality: Locality,
): Promise<ProducerSplit & { producers: Neighbour[] }> {
  const producers = await graph.neighbours(
    productId,
    { edgeTypes: ['PRODUCES'], direction: 'in', limit: MAX_PRODUCERS_COUNTED },
    principal,
  );
  const flags = await Promise.all(producers.map((p) => locality.isLocal(p.node.id)));
  return { total: producers.length, local: flags.filter(Boolean).length, producers };
}

function byShareThenName(a: Neighbour, b: Neighbour): number {
  const sa = edgeShare(a.edge) ?? -1;
  const sb = edgeShare(b.edge) ?? -1;
  return sb - sa || a.node.name.localeCompare(b.node.name, 'zh');
}

/**
 * One page of a node's neighbours in one direction, largest share first, each with what the
 * explorer draws: its producers split local/elsewhere, the link's share and the fact in words.
 * Only the page's nodes are looked into further, so a node with thousands of neighbours costs
 * one adjacency read and one page of lookups.
 */
export async function expand(
  graph: GraphStore,
  node: GraphNode,
  dir: ExploreDir,
  page: { offset: number; limit: number },
  principal: Principal,
  locality: Locality,
  lang: Lang,
): Promise<Expansion> {
  const steps = STEPS[node.type]?.[dir] ?? [];
  const found: Neighbour[] = [];
  const seen = new Set<string>();
  for (const step of steps) {
    for (const n of await graph.neighbours(
      node.id,
      { edgeTypes: [step.type], direction: step.direction, limit: 100_000 },
      principal,
    )) {
      if (n.node.id === node.id || seen.has(n.node.id)) continue;
      seen.add(n.node.id);
      found.push(n);
    }
  }
  found.sort(byShareThenName);
  const slice = found.slice(page.offset, page.offset + page.limit);
  const items = await Promise.all(
    slice.map(async (n): Promise<ExploreItem> => {
      const from = n.direction === 'out' ? node.name : n.node.name;
      const to = n.direction === 'out' ? n.node.name : node.name;
      const share = edgeShare(n.edge);
      const item: ExploreItem = {
        id: n.node.id,
        name: n.node.name,
        type: n.node.type,
        fact: factSentence(n.edge.type, from, to, n.edge.props, lang),
        ...(share !== undefined ? { share } : {}),
      };
      const href = nodeHref(n.node);
      if (href) item.href = href;
      const sourceHref = citationHref({ edgeId: n.edge.id });
      if (sourceHref) item.sourceHref = sourceHref;
      if (n.node.type === 'Product') {
        const { total, local } = await producerSplit(graph, n.node.id, principal, locality);
        item.producers = { total, local };
      } else if (n.node.type === 'Enterprise') {
        item.local = await locality.isLocal(n.node.id);
      }
      return item;
    }),
  );
  const end = page.offset + slice.length;
  return {
    id: node.id,
    dir,
    total: found.length,
    offset: page.offset,
    items,
    next: end < found.length ? end : null,
  };
}
