import type { ChainGraph } from '../chain/graph.js';
import { ReachCounter } from '../chain/reach.js';
import { aggregate } from './aggregate.js';
import { compose, riskLevel } from './composite.js';
import { concentration } from './factors/concentration.js';
import { criticality } from './factors/criticality.js';
import { geography } from './factors/geography.js';
import { policy } from './factors/policy.js';
import { price } from './factors/price.js';
import { relations } from './factors/relations.js';
import { sourcing } from './factors/sourcing.js';
import type { Outlook } from './prices.js';
import type { Scope } from './scope.js';
import type { FactorName, Measurement, RiskReport, Text } from './types.js';
import { text } from './types.js';

/** What risk assessment needs besides the graph; one context serves many assessments. */
export interface RiskContext {
  g: ChainGraph;
  reach: ReachCounter;
  /** Tiers downstream counted for criticality. */
  tiers: number;
  /**
   * Price outlooks by product id (include each product's direct inputs: a product without its own
   * series is measured on theirs); products with neither get the price factor omitted.
   */
  prices: ReadonlyMap<string, Outlook>;
}

export function riskContext(
  g: ChainGraph,
  prices: ReadonlyMap<string, Outlook> = new Map(),
  tiers = 3,
): RiskContext {
  return { g, reach: new ReachCounter(g), tiers, prices };
}

type ProductFactor = Exclude<FactorName, 'relations' | 'policy'>;

function productFactors(ctx: RiskContext, p: number, region?: number): Map<ProductFactor, Measurement> {
  const { g } = ctx;
  return new Map<ProductFactor, Measurement>([
    ['concentration', concentration(g, p)],
    ['sourcing', sourcing(g, p)],
    ['geography', geography(g, p, region)],
    ['criticality', criticality(g, p, ctx.reach, ctx.tiers)],
    ['price', price(g, p, ctx.prices)],
  ]);
}

/** The composite score of one product alone, e.g. for ranking every product of a chain. */
export function productScore(ctx: RiskContext, p: number): number {
  const all = new Map<FactorName, Measurement>(productFactors(ctx, p));
  const producers = ctx.g.producers(p).map((l) => l.node);
  all.set('relations', relations(ctx.g, producers, ctx.g.names[p]!));
  all.set('policy', policy(ctx.g, [p], ctx.g.names[p]!));
  return compose(all).score;
}

/** The risk report of a product, enterprise, industry or region. */
export function assess(ctx: RiskContext, scope: Scope): RiskReport {
  const { g } = ctx;
  const notes: Text[] = [];
  const perProduct = scope.products.map((p) => ({
    ...p,
    factors: productFactors(ctx, p.node, scope.region),
  }));
  const all = new Map<FactorName, Measurement>();
  const single = scope.kind === 'product';
  for (const name of ['concentration', 'sourcing', 'geography', 'criticality', 'price'] as const) {
    all.set(
      name,
      single
        ? perProduct[0]!.factors.get(name)!
        : aggregate(
            g,
            perProduct.map((p) => ({ node: p.node, weight: p.weight, m: p.factors.get(name)! })),
          ),
    );
  }
  all.set('relations', relations(g, scope.enterprises, scope.name));
  all.set('policy', policy(g, [scope.node, ...scope.products.map((p) => p.node)], scope.name));
  const { score, factors, omitted } = compose(all);
  if (omitted.length > 0)
    notes.push(
      text(
        `${omitted.length} factor(s) not measured for lack of data; the others' weights were scaled up to sum to 1.`,
        `${omitted.length} 项因子因缺少数据未计入；其余因子权重按比例放大至合计为 1。`,
      ),
    );
  if (!single && scope.products.length === 0)
    notes.push(text(`${scope.name} covers no products in the graph.`, `${scope.name}在图谱中没有关联产品。`));
  const products = single
    ? []
    : perProduct
        .map((p) => ({ id: g.ids[p.node]!, name: g.names[p.node]!, score: productScore(ctx, p.node) }))
        .sort((a, b) => b.score - a.score || a.name.localeCompare(b.name))
        .slice(0, 10);
  return {
    scope: { kind: scope.kind, id: scope.id, name: scope.name },
    score,
    level: riskLevel(score),
    factors,
    omitted,
    products,
    notes,
  };
}
