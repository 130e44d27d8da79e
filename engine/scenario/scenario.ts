import type { Principal } from '../../knowledge-graph/schema/index.js';
import type { GraphStore } from '../../knowledge-graph/store/port.js';
import type { ChainGraph } from '../chain/graph.js';
import { producerShares } from '../chain/shares.js';
import { UserError } from '../errors.js';
import { resolveEntity } from '../entities.js';
import { type Text, text } from '../risk/types.js';
import { type DirectShock, propagate } from './propagate.js';
import { describeShock, type Shock } from './shock.js';

export interface AffectedProduct {
  id: string;
  name: string;
  priceChangePct: number;
  supplyLossPct: number;
  /** The larger of |price change| and supply loss, in percent: what the ranking uses. */
  impactPct: number;
  /** From a shocked product down to this one, by the largest contribution at each step. */
  path: string[];
  pathIds: string[];
}

export interface AffectedEnterprise {
  id: string;
  name: string;
  /** Revenue-share-weighted price change over the enterprise's affected products. */
  priceExposurePct: number;
  supplyExposurePct: number;
  impactPct: number;
  products: string[];
}

export interface ScenarioResult {
  shocks: Array<{
    spec: Shock;
    description: string;
    direct: Array<{ product: string; price?: number; supplyLoss?: number }>;
  }>;
  products: AffectedProduct[];
  enterprises: AffectedEnterprise[];
  totals: { productsAffected: number; enterprisesAffected: number; cycleEdgesSkipped: number };
  notes: Text[];
}

/** A shock on names, resolved: direct shocks on products, and the enterprises it takes out. */
export interface ResolvedShock {
  spec: Shock;
  direct: DirectShock[];
  removed?: number[];
}

/** Impacts below this (0.01%) are rounding noise and not listed. */
const FLOOR = 1e-4;

/** Turns shocks on names into direct shocks on products of the analytic graph. */
export async function directShocks(
  store: GraphStore,
  g: ChainGraph,
  shocks: readonly Shock[],
  principal: Principal,
): Promise<ResolvedShock[]> {
  const out: ResolvedShock[] = [];
  const locate = async (name: string, type: 'Product' | 'Enterprise' | 'Region') => {
    const node = await resolveEntity(store, name, principal, [type]);
    const at = g.find(node.id);
    if (at === undefined) throw new UserError(`${node.name} (${node.id}) is not part of the analysed chain`);
    return at;
  };
  for (const spec of shocks) {
    if (spec.kind === 'price') {
      out.push({ spec, direct: [{ product: await locate(spec.product, 'Product'), price: spec.change }] });
    } else if (spec.kind === 'capacity' && spec.target === 'product') {
      out.push({ spec, direct: [{ product: await locate(spec.name, 'Product'), supplyLoss: spec.cut }] });
    } else {
      const at = await locate(
        spec.name,
        spec.kind === 'remove' && spec.target === 'region' ? 'Region' : 'Enterprise',
      );
      const removed =
        g.types[at] === 'Region' ? g.nodesOfType('Enterprise').filter((e) => g.within(e, at)) : [at];
      const cut = spec.kind === 'capacity' ? spec.cut : 1;
      out.push({ spec, direct: supplyLossOf(g, removed, cut), ...(cut === 1 ? { removed } : {}) });
    }
  }
  return out;
}

/** Supply each product loses when the given enterprises lose `cut` of their capacity. */
export function supplyLossOf(g: ChainGraph, enterprises: readonly number[], cut: number): DirectShock[] {
  const removed = new Set(enterprises);
  const products = new Set<number>();
  for (const e of enterprises) for (const l of g.productsOf(e)) products.add(l.node);
  return [...products]
    .sort((a, b) => a - b)
    .flatMap((p) => {
      const producers = g.producers(p);
      const { shares } = producerShares(producers);
      const lost = producers.reduce((a, l, i) => a + (removed.has(l.node) ? shares[i]! : 0), 0) * cut;
      return lost > 0 ? [{ product: p, supplyLoss: Math.min(1, lost) }] : [];
    });
}

/** Runs shocks through the chain and ranks what they reach. */
export function runScenario(g: ChainGraph, shocks: readonly ResolvedShock[], limit = 50): ScenarioResult {
  const direct = shocks.flatMap((s) => s.direct);
  const result = propagate(g, direct);
  const impact = (p: number) => Math.max(Math.abs(result.price[p]!), result.supply[p]!);
  const affected = result.order.filter((p) => impact(p) >= FLOOR);
  const pathTo = (p: number): number[] => {
    const path = [p];
    const seen = new Set(path);
    for (let at = result.via[p]!; at >= 0 && !seen.has(at); at = result.via[at]!) {
      path.unshift(at);
      seen.add(at);
    }
    return path;
  };
  const products = affected
    .map((p): AffectedProduct => {
      const path = pathTo(p);
      return {
        id: g.ids[p]!,
        name: g.names[p]!,
        priceChangePct: result.price[p]! * 100,
        supplyLossPct: result.supply[p]! * 100,
        impactPct: impact(p) * 100,
        path: path.map((n) => g.names[n]!),
        pathIds: path.map((n) => g.ids[n]!),
      };
    })
    .sort((a, b) => b.impactPct - a.impactPct || a.path.length - b.path.length || a.id.localeCompare(b.id));

  const removed = new Set(shocks.flatMap((s) => s.removed ?? []));
  const exposure = new Map<number, { price: number; supply: number; products: number[] }>();
  for (const p of affected)
    for (const l of g.producers(p))
      if (!removed.has(l.node)) exposure.set(l.node, { price: 0, supply: 0, products: [] });
  for (const [e, x] of exposure) {
    const links = g.productsOf(e);
    const weights = links.map((l) => Math.min(1, Math.max(0, l.props.weight ?? 0)));
    const sum = weights.reduce((a, w) => a + w, 0);
    links.forEach((l, i) => {
      const w = sum > 0 ? weights[i]! / sum : 1 / links.length;
      if (impact(l.node) < FLOOR) return;
      x.price += w * result.price[l.node]!;
      x.supply += w * result.supply[l.node]!;
      x.products.push(l.node);
    });
  }
  const enterprises = [...exposure]
    .map(
      ([e, x]): AffectedEnterprise => ({
        id: g.ids[e]!,
        name: g.names[e]!,
        priceExposurePct: x.price * 100,
        supplyExposurePct: x.supply * 100,
        impactPct: Math.max(Math.abs(x.price), x.supply) * 100,
        products: x.products.map((p) => g.names[p]!).sort(),
      }),
    )
    .filter((e) => e.impactPct >= FLOOR * 100)
    .sort((a, b) => b.impactPct - a.impactPct || a.id.localeCompare(b.id));

  const notes: Text[] = [
    text(
      'Prices pass through by input share (full cost pass-through); lost supply passes on in proportion to input share; no substitution between inputs is assumed.',
      '价格按投入占比全额传导；供给缺口按投入占比向下游传导；不考虑投入间替代。',
    ),
  ];
  if (result.assumedShares > 0)
    notes.push(
      text(
        `${result.assumedShares} reached product(s) lack recorded input shares for some inputs; equal shares were assumed for those.`,
        `受影响产品中有 ${result.assumedShares} 种缺少部分投入占比记录，按等份计算。`,
      ),
    );
  if (result.cycleEdges > 0)
    notes.push(
      text(
        `${result.cycleEdges} input edge(s) close a cycle back towards a shocked product and were not followed, so no shock feeds back on itself.`,
        `${result.cycleEdges} 条投入关系构成回到冲击源的循环，未予传导，避免冲击自我放大。`,
      ),
    );
  return {
    shocks: shocks.map((s) => ({
      spec: s.spec,
      description: describeShock(s.spec),
      direct: s.direct.map((d) => ({
        product: g.names[d.product]!,
        ...(d.price !== undefined ? { price: d.price } : {}),
        ...(d.supplyLoss !== undefined ? { supplyLoss: d.supplyLoss } : {}),
      })),
    })),
    products: products.slice(0, limit),
    enterprises: enterprises.slice(0, limit),
    totals: {
      productsAffected: products.length,
      enterprisesAffected: enterprises.length,
      cycleEdgesSkipped: result.cycleEdges,
    },
    notes,
  };
}
