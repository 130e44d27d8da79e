import type { EdgeProps, EdgeType, GraphEdge, GraphNode, NodeType, Principal } from '../schema/index.js';

export type Direction = 'out' | 'in' | 'both';

export interface WriteBatch {
  nodes?: readonly GraphNode[];
  edges?: readonly GraphEdge[];
}

export interface VisibilityChange {
  kind: 'node' | 'edge';
  id: string;
  from: string;
  to: string;
}

export interface WriteResult {
  nodesCreated: number;
  nodesUpdated: number;
  edgesCreated: number;
  edgesUpdated: number;
  /** Stored records whose visibility this write changed (each replaced whole; see merge.ts). */
  visibilityChanges: VisibilityChange[];
}

export function emptyWriteResult(): WriteResult {
  return { nodesCreated: 0, nodesUpdated: 0, edgesCreated: 0, edgesUpdated: 0, visibilityChanges: [] };
}

export type FindMode = 'exact' | 'normalised' | 'prefix';

export interface FindQuery {
  /** A name, an alias or a stock code. */
  text: string;
  /** exact: the stored name or alias as typed; normalised: after `normaliseName`; prefix: normalised prefix. */
  mode?: FindMode;
  types?: readonly NodeType[];
  limit?: number;
}

export interface NeighbourQuery {
  edgeTypes?: readonly EdgeType[];
  direction?: Direction;
  limit?: number;
}

export interface Neighbour {
  edge: GraphEdge;
  node: GraphNode;
  /** `out` when the edge leaves the asked-for node. */
  direction: 'out' | 'in';
}

export interface TraverseQuery {
  /** Which (edge type, direction) steps lead further; e.g. upstream = MADE_FROM out, UPSTREAM_OF in. */
  steps: ReadonlyArray<{ type: EdgeType; direction: Direction }>;
  depth: number;
  limit?: number;
}

export interface Reached {
  node: GraphNode;
  depth: number;
  /** The edge by which the node was first reached (breadth-first, so on a shortest path). */
  via: GraphEdge;
}

export interface PathQuery {
  maxDepth?: number;
  edgeTypes?: readonly EdgeType[];
  limit?: number;
}

export interface GraphPath {
  nodes: GraphNode[];
  edges: GraphEdge[];
}

export interface Subgraph {
  nodes: GraphNode[];
  edges: GraphEdge[];
}

export interface TopologyQuery {
  /** Every visible node of these types is exported, linked or not. */
  nodeTypes: readonly NodeType[];
  /** Every visible edge of these types is exported, with both its ends. */
  edgeTypes: readonly EdgeType[];
}

/** A graph's shape for whole-graph analytics: names but no bodies, edges by node index. */
export interface Topology {
  nodes: Array<{ id: string; type: NodeType; name: string }>;
  edges: Array<{
    type: EdgeType;
    /** Indexes into `nodes`. */
    from: number;
    to: number;
    props: EdgeProps;
    /** Every provenance entry of the edge is inferred (e.g. a region read off a registered name). */
    inferred: boolean;
  }>;
}

export interface GraphStats {
  nodes: number;
  edges: number;
  nodesByType: Partial<Record<NodeType, number>>;
  edgesByType: Partial<Record<EdgeType, number>>;
}

/**
 * The knowledge graph's storage port. Writes are transactional per batch: either every node and
 * edge of a batch is stored or none is. Every read takes the principal and returns only what it
 * may see; an edge is visible only when the edge and both its ends are.
 */
export interface GraphStore {
  readonly kind: string;
  upsert(batch: WriteBatch): Promise<WriteResult>;
  /** Removes nodes (with their edges) and edges; returns how many of each were removed. */
  remove(ids: {
    nodes?: readonly string[];
    edges?: readonly string[];
  }): Promise<{ nodes: number; edges: number }>;
  getNode(id: string, principal: Principal): Promise<GraphNode | null>;
  getNodes(ids: readonly string[], principal: Principal): Promise<GraphNode[]>;
  getEdge(id: string, principal: Principal): Promise<GraphEdge | null>;
  findNodes(query: FindQuery, principal: Principal): Promise<GraphNode[]>;
  neighbours(id: string, query: NeighbourQuery, principal: Principal): Promise<Neighbour[]>;
  traverse(start: string, query: TraverseQuery, principal: Principal): Promise<Reached[]>;
  paths(from: string, to: string, query: PathQuery, principal: Principal): Promise<GraphPath[]>;
  /** The nodes within `depth` hops of the centres, and the edges among them. */
  subgraph(centres: readonly string[], depth: number, principal: Principal): Promise<Subgraph>;
  /** Every node of the given types, page by page (for dictionaries, analytics and export). */
  scanNodes(types: readonly NodeType[], principal: Principal): AsyncIterable<GraphNode>;
  stats(principal: Principal): Promise<GraphStats>;
  /** The visible nodes and edges of the given types in one pass, for analytics over the whole graph. */
  exportTopology(query: TopologyQuery, principal: Principal): Promise<Topology>;
  /**
   * A number that changes after every write that changed the graph, made by this process or any
   * other sharing the store; equal numbers mean an unchanged graph. With node types, it changes
   * only when nodes of those types are written or removed (an entity dictionary over Enterprise,
   * Product… need not rebuild when a document's links change). Caches derived from the graph
   * compare it to know when to rebuild.
   */
  version(nodeTypes?: readonly NodeType[]): Promise<number>;
  close(): Promise<void>;
}

/** Upstream of a product or industry: its inputs, and whatever is UPSTREAM_OF it. */
export const UPSTREAM_STEPS: TraverseQuery['steps'] = [
  { type: 'MADE_FROM', direction: 'out' },
  { type: 'UPSTREAM_OF', direction: 'in' },
];

/** Downstream of a product or industry: what is made from it, and whatever it is UPSTREAM_OF. */
export const DOWNSTREAM_STEPS: TraverseQuery['steps'] = [
  { type: 'MADE_FROM', direction: 'in' },
  { type: 'UPSTREAM_OF', direction: 'out' },
];
