import type { ChainGraph } from '../chain/graph.js';
import { inputShares } from '../chain/shares.js';

/** A shock on the product graph: a relative price change, or a fraction of supply lost. */
export interface DirectShock {
  product: number;
  price?: number;
  supplyLoss?: number;
}

export interface Propagation {
  /** Relative price change per reached product (cost pass-through of input shares). */
  price: Float64Array;
  /** Fraction of supply lost per reached product. */
  supply: Float64Array;
  /** Products reached downstream of the shocks, in topological order (inputs first). */
  order: number[];
  /** The input through which the largest share of each product's impact came; -1 at a source. */
  via: Int32Array;
  /** MADE_FROM edges not followed because they close a cycle back towards a shock. */
  cycleEdges: number;
  /** Reached products whose input shares were (partly) assumed equal. */
  assumedShares: number;
}

/**
 * Propagates shocks downstream through the input graph. A product's price moves by the
 * share-weighted price changes of its inputs (full cost pass-through), and it loses supply in
 * proportion to the share-weighted supply lost by its inputs; its own direct shock combines with
 * both. Shares are the recorded input shares, equal where unknown.
 *
 * Cycles: a depth-first search from the shocked products (in index order) orders the reached
 * products; an edge leading back to a product still on the search stack would feed a shock back
 * into where it came from, so it is not followed and is counted instead. The result depends only
 * on the graph and the shocks, never on timing.
 */
export function propagate(g: ChainGraph, shocks: readonly DirectShock[]): Propagation {
  const n = g.size;
  const directPrice = new Float64Array(n);
  const directLoss = new Float64Array(n);
  const sources = new Set<number>();
  for (const s of shocks) {
    sources.add(s.product);
    if (s.price) directPrice[s.product] = (1 + directPrice[s.product]!) * (1 + s.price) - 1;
    if (s.supplyLoss) directLoss[s.product] = 1 - (1 - directLoss[s.product]!) * (1 - s.supplyLoss);
  }
  const { order, back } = downstreamOrder(
    g,
    [...sources].sort((a, b) => a - b),
  );
  const reached = new Uint8Array(n);
  for (const p of order) reached[p] = 1;

  const price = new Float64Array(n);
  const supply = new Float64Array(n);
  const via = new Int32Array(n).fill(-1);
  let assumedShares = 0;
  for (const q of order) {
    const inputs = g.inputs(q);
    let fromInputsPrice = 0;
    let fromInputsLoss = 0;
    let best = 0;
    let counted = false;
    if (inputs.length > 0 && inputs.some((l) => reached[l.node] === 1)) {
      const { shares, method } = inputShares(inputs);
      if (method !== 'known') assumedShares++;
      inputs.forEach((l, k) => {
        const i = l.node;
        if (reached[i] !== 1 || back.has(edgeKey(i, q))) return;
        const dp = shares[k]! * price[i]!;
        const dl = shares[k]! * supply[i]!;
        fromInputsPrice += dp;
        fromInputsLoss += dl;
        counted = true;
        const size = Math.max(Math.abs(dp), dl);
        if (size > best) {
          best = size;
          via[q] = i;
        }
      });
    }
    price[q] = counted ? (1 + directPrice[q]!) * (1 + fromInputsPrice) - 1 : directPrice[q]!;
    supply[q] = 1 - (1 - directLoss[q]!) * (1 - Math.min(1, fromInputsLoss));
    if (sources.has(q) && Math.max(Math.abs(directPrice[q]!), directLoss[q]!) >= best) via[q] = -1;
  }
  return { price, supply, order, via, cycleEdges: back.size, assumedShares };
}

function edgeKey(input: number, user: number): string {
  return `${input}>${user}`;
}

/**
 * Reverse postorder of an iterative depth-first search down MADE_FROM (input → user) from the
 * sources, and the back edges it met.
 */
function downstreamOrder(g: ChainGraph, sources: readonly number[]): { order: number[]; back: Set<string> } {
  const state = new Uint8Array(g.size); // 0 new, 1 on the stack, 2 finished
  const post: number[] = [];
  const back = new Set<string>();
  for (const source of sources) {
    if (state[source] !== 0) continue;
    const stack: Array<[node: number, next: number]> = [[source, 0]];
    state[source] = 1;
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      const users = g.users(top[0]);
      if (top[1] < users.length) {
        const user = users[top[1]++]!.node;
        if (state[user] === 0) {
          state[user] = 1;
          stack.push([user, 0]);
        } else if (state[user] === 1) {
          back.add(edgeKey(top[0], user));
        }
      } else {
        state[top[0]] = 2;
        post.push(top[0]);
        stack.pop();
      }
    }
  }
  return { order: post.reverse(), back };
}
