import type { ChainGraph } from './graph.js';

const DAMPING = 0.85;

/**
 * PageRank on the product graph with links from each product to its inputs, so an input many
 * (important) products are made from ranks high. Dangling products spread their rank evenly.
 * Returns one value per graph node (0 for non-products); ranks of products sum to 1.
 */
export function productPageRank(g: ChainGraph, iterations = 60, tolerance = 1e-10): Float64Array {
  const products = g.nodesOfType('Product');
  const n = products.length;
  const rank = new Float64Array(g.size);
  if (n === 0) return rank;
  for (const p of products) rank[p] = 1 / n;
  const next = new Float64Array(g.size);
  for (let it = 0; it < iterations; it++) {
    let dangling = 0;
    next.fill(0);
    for (const p of products) {
      const inputs = g.inputs(p);
      if (inputs.length === 0) {
        dangling += rank[p]!;
        continue;
      }
      const share = rank[p]! / inputs.length;
      for (const l of inputs) next[l.node]! += share;
    }
    const base = (1 - DAMPING) / n + (DAMPING * dangling) / n;
    let delta = 0;
    for (const p of products) {
      const value = base + DAMPING * next[p]!;
      delta += Math.abs(value - rank[p]!);
      rank[p] = value;
    }
    if (delta < tolerance) break;
  }
  return rank;
}

/** Each product's percentile (0–1) among products by a per-node value; ties share the lower rank. */
export function percentiles(g: ChainGraph, values: Float64Array): Float64Array {
  const products = g.nodesOfType('Product');
  const sorted = [...products].sort((a, b) => values[a]! - values[b]!);
  const out = new Float64Array(g.size);
  const denominator = Math.max(1, sorted.length - 1);
  let rankOfValue = 0;
  for (let i = 0; i < sorted.length; i++) {
    if (i > 0 && values[sorted[i]!]! > values[sorted[i - 1]!]!) rankOfValue = i;
    out[sorted[i]!] = rankOfValue / denominator;
  }
  return out;
}

const cache = new WeakMap<ChainGraph, { rank: Float64Array; percentile: Float64Array }>();

/** PageRank and its percentile per product, computed once per analytic graph. */
export function centralityOf(g: ChainGraph): { rank: Float64Array; percentile: Float64Array } {
  let found = cache.get(g);
  if (!found) {
    const rank = productPageRank(g);
    found = { rank, percentile: percentiles(g, rank) };
    cache.set(g, found);
  }
  return found;
}
