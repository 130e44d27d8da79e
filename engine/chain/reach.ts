import type { ChainGraph } from './graph.js';

export interface DownstreamReach {
  /** Products made from the start within the tiers (the start excluded). */
  products: number;
  /** Enterprises producing any of those products. */
  enterprises: number;
  /** Products first reached at tier 1, 2, … */
  byTier: number[];
}

/**
 * Breadth-first reach down the product graph (MADE_FROM in). Visit marks are generation stamps in
 * typed arrays, so thousands of calls over one graph allocate nothing per node.
 */
export class ReachCounter {
  private readonly seen: Int32Array;
  private readonly seenEnterprise: Int32Array;
  private generation = 0;

  constructor(private readonly g: ChainGraph) {
    this.seen = new Int32Array(g.size);
    this.seenEnterprise = new Int32Array(g.size);
  }

  downstream(start: number, tiers: number): DownstreamReach {
    const stamp = ++this.generation;
    this.seen[start] = stamp;
    let frontier = [start];
    let products = 0;
    let enterprises = 0;
    const byTier: number[] = [];
    for (let tier = 1; tier <= tiers && frontier.length > 0; tier++) {
      const next: number[] = [];
      for (const node of frontier) {
        for (const user of this.g.users(node)) {
          if (this.seen[user.node] === stamp) continue;
          this.seen[user.node] = stamp;
          next.push(user.node);
          for (const producer of this.g.producers(user.node)) {
            if (this.seenEnterprise[producer.node] === stamp) continue;
            this.seenEnterprise[producer.node] = stamp;
            enterprises++;
          }
        }
      }
      products += next.length;
      if (next.length > 0) byTier.push(next.length);
      frontier = next;
    }
    return { products, enterprises, byTier };
  }
}
