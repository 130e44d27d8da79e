import { centralityOf } from '../../chain/centrality.js';
import type { ChainGraph } from '../../chain/graph.js';
import type { ReachCounter } from '../../chain/reach.js';
import { type Measurement, measured, missing, pct, text } from '../types.js';

/** Downstream products at which reach saturates the score (log scale). */
const REACH_SATURATION = 1_000;

/**
 * How much depends on a product: products and enterprises downstream within N tiers, and its
 * PageRank percentile on the product graph; each is half the score.
 */
export function criticality(g: ChainGraph, product: number, reach: ReachCounter, tiers: number): Measurement {
  if (g.count('MADE_FROM') === 0)
    return missing(
      text(
        'the graph has no product-input (MADE_FROM) edges to measure dependence on',
        '图谱中没有产品—原料（MADE_FROM）关系，无法度量依赖',
      ),
    );
  const r = reach.downstream(product, tiers);
  const { rank, percentile } = centralityOf(g);
  const reachScore = Math.min(1, Math.log10(1 + r.products) / Math.log10(1 + REACH_SATURATION));
  const score = 0.5 * reachScore + 0.5 * percentile[product]!;
  const users = [...g.users(product)].sort((a, b) => g.names[a.node]!.localeCompare(g.names[b.node]!));
  return measured({
    value: r.products,
    unit: 'products',
    score,
    details: {
      tiers,
      downstreamProducts: r.products,
      downstreamEnterprises: r.enterprises,
      directUsers: users.length,
      pageRank: rank[product]!,
      centralityPercentile: percentile[product]!,
    },
    explanation: text(
      `${r.products} product(s) and ${r.enterprises} enterprise(s) depend on it within ${tiers} tier(s) (${users.length} directly); PageRank on the product graph above ${pct(percentile[product]!, 0)} of products.`,
      `${tiers} 级以内有 ${r.products} 种产品、${r.enterprises} 家企业依赖它（直接下游 ${users.length} 种）；在产品图上的 PageRank 高于 ${pct(percentile[product]!, 0)} 的产品。`,
    ),
    evidence: users.slice(0, 5).map((l) => l.edge),
  });
}
