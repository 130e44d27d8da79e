import {
  EDGE_TYPES,
  type EdgeType,
  NODE_TYPES,
  type NodeType,
  type Principal,
  SYMMETRIC_EDGE_TYPES,
  canSee,
} from '../schema/index.js';
import type { Direction } from './port.js';

const EDGE_CODE = new Map<EdgeType, number>(EDGE_TYPES.map((t, i) => [t, i]));
const NODE_CODE = new Map<NodeType, number>(NODE_TYPES.map((t, i) => [t, i]));
const SYMMETRIC = EDGE_TYPES.map((t) => SYMMETRIC_EDGE_TYPES.has(t));

/** Which visibility codes a principal may read; computed once per call. */
export type VisibilityMask = readonly boolean[];

export interface Step {
  edge: number;
  node: number;
  direction: 'out' | 'in';
}

export interface IndexPath {
  nodes: number[];
  edges: number[];
}

/**
 * The graph's topology in memory, keyed by SQLite row ids: typed adjacency lists and visibility
 * codes, so traversals and analytics never touch the disk. Bodies stay in SQLite.
 */
export class Adjacency {
  private readonly ridById = new Map<string, number>();
  private readonly nodeType: number[] = [];
  private readonly nodeVis: number[] = [];
  private readonly outEdges: number[][] = [];
  private readonly inEdges: number[][] = [];
  private readonly edgeType: number[] = [];
  private readonly edgeSrc: number[] = [];
  private readonly edgeDst: number[] = [];
  private readonly edgeVis: number[] = [];
  private readonly edgeAlive: boolean[] = [];
  private readonly visCode = new Map<string, number>();
  private readonly visName: string[] = [];
  private liveNodes = 0;
  private liveEdges = 0;

  rid(id: string): number | undefined {
    return this.ridById.get(id);
  }

  hasNode(rid: number): boolean {
    return this.nodeType[rid] !== undefined && this.nodeType[rid] !== -1;
  }

  get nodeCount(): number {
    return this.liveNodes;
  }

  get edgeCount(): number {
    return this.liveEdges;
  }

  setNode(rid: number, id: string, type: NodeType, visibility: string): void {
    if (!this.hasNode(rid)) {
      this.liveNodes++;
      this.outEdges[rid] ??= [];
      this.inEdges[rid] ??= [];
    }
    this.ridById.set(id, rid);
    this.nodeType[rid] = NODE_CODE.get(type)!;
    this.nodeVis[rid] = this.code(visibility);
  }

  removeNode(rid: number, id: string): number[] {
    if (!this.hasNode(rid)) return [];
    const edges = [...(this.outEdges[rid] ?? []), ...(this.inEdges[rid] ?? [])];
    for (const edge of edges) this.removeEdge(edge);
    if (this.ridById.get(id) === rid) this.ridById.delete(id);
    this.nodeType[rid] = -1;
    this.outEdges[rid] = [];
    this.inEdges[rid] = [];
    this.liveNodes--;
    return edges;
  }

  setEdge(edge: number, type: EdgeType, src: number, dst: number, visibility: string): void {
    if (!this.edgeAlive[edge]) {
      this.liveEdges++;
      this.edgeAlive[edge] = true;
      this.outEdges[src]!.push(edge);
      this.inEdges[dst]!.push(edge);
    }
    this.edgeType[edge] = EDGE_CODE.get(type)!;
    this.edgeSrc[edge] = src;
    this.edgeDst[edge] = dst;
    this.edgeVis[edge] = this.code(visibility);
  }

  removeEdge(edge: number): void {
    if (!this.edgeAlive[edge]) return;
    this.edgeAlive[edge] = false;
    this.liveEdges--;
    const drop = (list: number[] | undefined) => {
      if (!list) return;
      const at = list.indexOf(edge);
      if (at >= 0) list.splice(at, 1);
    };
    drop(this.outEdges[this.edgeSrc[edge]!]);
    drop(this.inEdges[this.edgeDst[edge]!]);
  }

  mask(principal: Principal): VisibilityMask {
    return this.visName.map((name) => canSee(principal, name));
  }

  nodeVisible(rid: number, mask: VisibilityMask): boolean {
    return this.hasNode(rid) && mask[this.nodeVis[rid]!] === true;
  }

  /** An edge is visible when it and both its ends are. */
  edgeVisible(edge: number, mask: VisibilityMask): boolean {
    return (
      this.edgeAlive[edge] === true &&
      mask[this.edgeVis[edge]!] === true &&
      this.nodeVisible(this.edgeSrc[edge]!, mask) &&
      this.nodeVisible(this.edgeDst[edge]!, mask)
    );
  }

  nodeTypeOf(rid: number): NodeType | undefined {
    return this.hasNode(rid) ? NODE_TYPES[this.nodeType[rid]!] : undefined;
  }

  edgeTypeOf(edge: number): EdgeType {
    return EDGE_TYPES[this.edgeType[edge]!]!;
  }

  edgeEnds(edge: number): [number, number] {
    return [this.edgeSrc[edge]!, this.edgeDst[edge]!];
  }

  /** Visible steps from `rid` along edges of the given types (all types when null). */
  steps(
    rid: number,
    types: ReadonlySet<EdgeType> | null,
    direction: Direction,
    mask: VisibilityMask,
  ): Step[] {
    const result: Step[] = [];
    const typeOk = (edge: number) => types === null || types.has(EDGE_TYPES[this.edgeType[edge]!]!);
    const wantOut = direction !== 'in';
    const wantIn = direction !== 'out';
    for (const edge of this.outEdges[rid] ?? []) {
      if ((wantOut || SYMMETRIC[this.edgeType[edge]!]) && typeOk(edge) && this.edgeVisible(edge, mask)) {
        result.push({ edge, node: this.edgeDst[edge]!, direction: 'out' });
      }
    }
    for (const edge of this.inEdges[rid] ?? []) {
      if ((wantIn || SYMMETRIC[this.edgeType[edge]!]) && typeOk(edge) && this.edgeVisible(edge, mask)) {
        result.push({ edge, node: this.edgeSrc[edge]!, direction: 'in' });
      }
    }
    return result;
  }

  /** Breadth-first reach along typed, directed steps; each node once, at its least depth. */
  reach(
    start: number,
    stepTypes: ReadonlyArray<{ type: EdgeType; direction: Direction }>,
    depth: number,
    mask: VisibilityMask,
    limit: number,
  ): Array<{ node: number; depth: number; edge: number }> {
    const byDirection = new Map<Direction, Set<EdgeType>>();
    for (const step of stepTypes) {
      const set = byDirection.get(step.direction) ?? new Set<EdgeType>();
      set.add(step.type);
      byDirection.set(step.direction, set);
    }
    const seen = new Set<number>([start]);
    const result: Array<{ node: number; depth: number; edge: number }> = [];
    let frontier = [start];
    for (let level = 1; level <= depth && frontier.length > 0; level++) {
      const next: number[] = [];
      for (const rid of frontier) {
        for (const [direction, types] of byDirection) {
          for (const step of this.steps(rid, types, direction, mask)) {
            if (seen.has(step.node)) continue;
            seen.add(step.node);
            result.push({ node: step.node, depth: level, edge: step.edge });
            if (result.length >= limit) return result;
            next.push(step.node);
          }
        }
      }
      frontier = next;
    }
    return result;
  }

  /** Shortest paths between two nodes, ignoring direction, up to `limit` of them. */
  shortestPaths(
    from: number,
    to: number,
    types: ReadonlySet<EdgeType> | null,
    maxDepth: number,
    mask: VisibilityMask,
    limit: number,
  ): IndexPath[] {
    if (from === to) return [{ nodes: [from], edges: [] }];
    const parents = new Map<number, Array<{ node: number; edge: number }>>([[from, []]]);
    let frontier = [from];
    let found = false;
    for (let level = 1; level <= maxDepth && frontier.length > 0 && !found; level++) {
      const levelParents = new Map<number, Array<{ node: number; edge: number }>>();
      for (const rid of frontier) {
        for (const step of this.steps(rid, types, 'both', mask)) {
          if (parents.has(step.node)) continue;
          const list = levelParents.get(step.node) ?? [];
          list.push({ node: rid, edge: step.edge });
          levelParents.set(step.node, list);
        }
      }
      for (const [node, list] of levelParents) parents.set(node, list);
      found = levelParents.has(to);
      frontier = [...levelParents.keys()];
    }
    if (!found) return [];
    const paths: IndexPath[] = [];
    const walk = (node: number, nodes: number[], edges: number[]) => {
      if (paths.length >= limit) return;
      if (node === from) {
        paths.push({ nodes: [from, ...nodes], edges: [...edges] });
        return;
      }
      for (const parent of parents.get(node) ?? []) {
        walk(parent.node, [node, ...nodes], [parent.edge, ...edges]);
      }
    };
    walk(to, [], []);
    return paths;
  }

  /** Nodes within `depth` undirected hops of the centres (at most `cap`), and the visible edges among them. */
  neighbourhood(centres: readonly number[], depth: number, mask: VisibilityMask, cap: number) {
    const seen = new Set<number>(centres.filter((c) => this.nodeVisible(c, mask)));
    let frontier = [...seen];
    for (let level = 1; level <= depth && frontier.length > 0 && seen.size < cap; level++) {
      const next: number[] = [];
      for (const rid of frontier) {
        for (const step of this.steps(rid, null, 'both', mask)) {
          if (seen.has(step.node) || seen.size >= cap) continue;
          seen.add(step.node);
          next.push(step.node);
        }
      }
      frontier = next;
    }
    const edges: number[] = [];
    for (const rid of seen) {
      for (const edge of this.outEdges[rid] ?? []) {
        if (seen.has(this.edgeDst[edge]!) && this.edgeVisible(edge, mask)) edges.push(edge);
      }
    }
    return { nodes: [...seen], edges };
  }

  counts(mask: VisibilityMask) {
    const nodesByType: Partial<Record<NodeType, number>> = {};
    const edgesByType: Partial<Record<EdgeType, number>> = {};
    let nodes = 0;
    let edges = 0;
    for (let rid = 0; rid < this.nodeType.length; rid++) {
      if (!this.nodeVisible(rid, mask)) continue;
      const type = NODE_TYPES[this.nodeType[rid]!]!;
      nodesByType[type] = (nodesByType[type] ?? 0) + 1;
      nodes++;
    }
    for (let edge = 0; edge < this.edgeType.length; edge++) {
      if (!this.edgeVisible(edge, mask)) continue;
      const type = EDGE_TYPES[this.edgeType[edge]!]!;
      edgesByType[type] = (edgesByType[type] ?? 0) + 1;
      edges++;
    }
    return { nodes, edges, nodesByType, edgesByType };
  }

  private code(visibility: string): number {
    let code = this.visCode.get(visibility);
    if (code === undefined) {
      code = this.visName.length;
      this.visName.push(visibility);
      this.visCode.set(visibility, code);
    }
    return code;
  }
}
