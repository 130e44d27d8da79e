import {
  type EdgeProps,
  type EdgeType,
  edgeId,
  type NodeType,
  SYMMETRIC_EDGE_TYPES,
} from '../../knowledge-graph/schema/index.js';
import type { Topology } from '../../knowledge-graph/store/port.js';

/** The edge types whole-chain analytics read. */
export const ANALYTIC_EDGE_TYPES = [
  'PRODUCES',
  'MADE_FROM',
  'LOCATED_IN',
  'IN_INDUSTRY',
  'INDUSTRY_PARENT',
  'SUPPLIES',
  'COMPETES_WITH',
  'CONTROLS',
  'COOPERATES_WITH',
  'TARGETS',
  'MENTIONS',
] as const satisfies readonly EdgeType[];
export type AnalyticEdgeType = (typeof ANALYTIC_EDGE_TYPES)[number];

export const ANALYTIC_NODE_TYPES: readonly NodeType[] = [
  'Product',
  'Enterprise',
  'Region',
  'Industry',
  'Policy',
];

/** One end of an edge as seen from the other end. */
export interface Link {
  node: number;
  props: EdgeProps;
  inferred: boolean;
  /** The edge's id (`TYPE|from|to`), for evidence. */
  edge: string;
}

const EMPTY: readonly Link[] = Object.freeze([]);

/**
 * The visible graph in memory as index-based adjacency lists, built once from one topology export,
 * so analytics over ~100k products never call the store per node. Symmetric relations are listed
 * both ways.
 */
export class ChainGraph {
  readonly ids: string[];
  readonly types: NodeType[];
  readonly names: string[];
  private readonly index = new Map<string, number>();
  private readonly out = new Map<AnalyticEdgeType, Link[][]>();
  private readonly in = new Map<AnalyticEdgeType, Link[][]>();
  private readonly edgeCounts = new Map<EdgeType, number>();
  private readonly provinceCache = new Map<number, number>();

  /**
   * `regionLevels` maps region ids to their `props.level` (country, province, city, district), so
   * provinces are found whether or not the data keeps a country above them.
   */
  constructor(
    topology: Topology,
    private readonly regionLevels: ReadonlyMap<string, string> = new Map(),
  ) {
    this.ids = topology.nodes.map((n) => n.id);
    this.types = topology.nodes.map((n) => n.type);
    this.names = topology.nodes.map((n) => n.name);
    for (const [i, id] of this.ids.entries()) this.index.set(id, i);
    for (const e of topology.edges) {
      const type = e.type as AnalyticEdgeType;
      this.edgeCounts.set(type, (this.edgeCounts.get(type) ?? 0) + 1);
      const id = edgeId(type, this.ids[e.from]!, this.ids[e.to]!);
      this.add(this.out, type, e.from, { node: e.to, props: e.props, inferred: e.inferred, edge: id });
      this.add(this.in, type, e.to, { node: e.from, props: e.props, inferred: e.inferred, edge: id });
      if (SYMMETRIC_EDGE_TYPES.has(type)) {
        this.add(this.out, type, e.to, { node: e.from, props: e.props, inferred: e.inferred, edge: id });
        this.add(this.in, type, e.from, { node: e.to, props: e.props, inferred: e.inferred, edge: id });
      }
    }
  }

  get size(): number {
    return this.ids.length;
  }

  find(id: string): number | undefined {
    return this.index.get(id);
  }

  /** How many visible edges of a type the graph holds: zero means that data was never imported. */
  count(type: EdgeType): number {
    return this.edgeCounts.get(type) ?? 0;
  }

  outLinks(type: AnalyticEdgeType, node: number): readonly Link[] {
    return this.out.get(type)?.[node] ?? EMPTY;
  }

  inLinks(type: AnalyticEdgeType, node: number): readonly Link[] {
    return this.in.get(type)?.[node] ?? EMPTY;
  }

  /** Inputs of a product (MADE_FROM out). */
  inputs(product: number): readonly Link[] {
    return this.outLinks('MADE_FROM', product);
  }

  /** Products made from this one (MADE_FROM in). */
  users(product: number): readonly Link[] {
    return this.inLinks('MADE_FROM', product);
  }

  /** Enterprises producing a product (PRODUCES in), with their revenue-share weights. */
  producers(product: number): readonly Link[] {
    return this.inLinks('PRODUCES', product);
  }

  /** Products of an enterprise (PRODUCES out). */
  productsOf(enterprise: number): readonly Link[] {
    return this.outLinks('PRODUCES', enterprise);
  }

  /** Every node of a type, in index order. */
  nodesOfType(type: NodeType): number[] {
    const found: number[] = [];
    for (let i = 0; i < this.types.length; i++) if (this.types[i] === type) found.push(i);
    return found;
  }

  /**
   * The province-level region of an enterprise or region: the ancestor whose level is `province`,
   * else the top of its LOCATED_IN chain below any country. -1 when no location is recorded.
   */
  province(node: number): number {
    const cached = this.provinceCache.get(node);
    if (cached !== undefined) return cached;
    const chain: number[] = [];
    let current = this.types[node] === 'Region' ? node : (this.outLinks('LOCATED_IN', node)[0]?.node ?? -1);
    while (current >= 0 && !chain.includes(current)) {
      chain.push(current);
      current = this.outLinks('LOCATED_IN', current).find((l) => this.types[l.node] === 'Region')?.node ?? -1;
    }
    const level = (n: number) => this.regionLevels.get(this.ids[n]!);
    const found =
      chain.find((n) => level(n) === 'province') ??
      chain.filter((n) => level(n) !== 'country').pop() ??
      chain[chain.length - 1] ??
      -1;
    this.provinceCache.set(node, found);
    return found;
  }

  /** Whether an enterprise (or region) lies in `region`, directly or through its parents. */
  within(node: number, region: number): boolean {
    const seen = new Set<number>();
    const stack = [node];
    while (stack.length > 0) {
      const current = stack.pop()!;
      if (current === region) return true;
      if (seen.has(current)) continue;
      seen.add(current);
      for (const l of this.outLinks('LOCATED_IN', current)) stack.push(l.node);
    }
    return false;
  }

  /** Whether the enterprise has any recorded location. */
  located(enterprise: number): boolean {
    return this.outLinks('LOCATED_IN', enterprise).length > 0;
  }

  private add(map: Map<AnalyticEdgeType, Link[][]>, type: AnalyticEdgeType, at: number, link: Link): void {
    let lists = map.get(type);
    if (!lists) {
      lists = new Array<Link[]>(this.ids.length);
      map.set(type, lists);
    }
    let list = lists[at];
    if (!list) {
      list = [];
      lists[at] = list;
    }
    list.push(link);
  }
}
