import type { Principal } from '../../../knowledge-graph/schema/index.js';
import type { GraphStore } from '../../../knowledge-graph/store/port.js';

/** Regions nest a few levels at most (district → city → province → country). */
const MAX_NESTING = 6;

/**
 * Whether enterprises sit in one chosen region, read from LOCATED_IN edges (an enterprise's own,
 * then its region's parents), as the principal may see them. One instance serves one request:
 * the regions an answer depends on are looked up once.
 */
export class Locality {
  private readonly within = new Map<string, Promise<boolean>>();

  constructor(
    private readonly graph: GraphStore,
    private readonly principal: Principal,
    readonly regionId: string | undefined,
  ) {}

  /** True when the node is the region or lies inside it; false when no region was chosen. */
  isLocal(nodeId: string): Promise<boolean> {
    return this.regionId ? this.isLocalAt(nodeId, 0) : Promise.resolve(false);
  }

  private async walk(nodeId: string, depth: number): Promise<boolean> {
    if (nodeId === this.regionId) return true;
    if (depth >= MAX_NESTING) return false;
    const parents = await this.graph.neighbours(
      nodeId,
      { edgeTypes: ['LOCATED_IN'], direction: 'out' },
      this.principal,
    );
    for (const p of parents) if (await this.isLocalAt(p.node.id, depth + 1)) return true;
    return false;
  }

  private isLocalAt(nodeId: string, depth: number): Promise<boolean> {
    let known = this.within.get(nodeId);
    if (!known) {
      known = this.walk(nodeId, depth);
      this.within.set(nodeId, known);
    }
    return known;
  }
}
