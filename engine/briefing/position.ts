import type { ChainGraph } from '../chain/graph.js';

export interface Ref {
  id: string;
  name: string;
}

/** Where a product sits relative to the briefing's subject in the MADE_FROM chain. */
export interface Position {
  /** Tiers above the subject (1 = a direct input); 0 for the subject itself. */
  tier: number;
  /** From the product down to the subject, both included. */
  path: Ref[];
  /** The product's share in the subject along that path, when every step's input share is recorded. */
  share?: number;
}

/**
 * The shortest route from `node` down to `subject` through its users, within `maxTiers`; of
 * equally short routes the one carrying the largest recorded share. Undefined when the product
 * does not feed the subject within that many tiers.
 */
export function positionOf(g: ChainGraph, node: number, subject: number, maxTiers = 3): Position | undefined {
  const ref = (n: number): Ref => ({ id: g.ids[n]!, name: g.names[n]! });
  if (node === subject) return { tier: 0, path: [ref(node)], share: 1 };
  type Step = { node: number; prev?: Step; share: number | undefined };
  let frontier: Step[] = [{ node, share: 1 }];
  const seen = new Set([node]);
  for (let tier = 1; tier <= maxTiers && frontier.length > 0; tier++) {
    const next: Step[] = [];
    for (const step of frontier)
      for (const l of g.users(step.node)) {
        const share =
          step.share !== undefined && l.props.share !== undefined ? step.share * l.props.share : undefined;
        if (l.node === subject) next.push({ node: l.node, prev: step, share });
        else if (!seen.has(l.node)) {
          seen.add(l.node);
          next.push({ node: l.node, prev: step, share });
        }
      }
    const arrivals = next.filter((s) => s.node === subject);
    if (arrivals.length > 0) {
      const best = arrivals.reduce((a, b) => ((b.share ?? -1) > (a.share ?? -1) ? b : a));
      const path: Ref[] = [];
      for (let s: Step | undefined = best; s; s = s.prev) path.unshift(ref(s.node));
      return { tier, path, ...(best.share !== undefined ? { share: best.share } : {}) };
    }
    frontier = next;
  }
  return undefined;
}
