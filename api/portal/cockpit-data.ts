import type { ChainGraph } from '../../engine/chain/graph.js';
import { chainGraph } from '../../engine/chain/service.js';
import type { Engine } from '../../engine/container.js';
import { chainView } from '../../engine/graph-views.js';
import { targetingPolicies } from '../../engine/risk/factors/policy.js';
import { type Outlook, outlooks } from '../../engine/risk/prices.js';
import { scopeAt } from '../../engine/risk/scope.js';
import { riskReport } from '../../engine/risk/service.js';
import type { RiskReport } from '../../engine/risk/types.js';
import type { Principal } from '../../knowledge-graph/schema/index.js';
import { keyInputs } from './charts.js';
import { type DocumentRow, orNull, visibleDocuments } from './data.js';
import { MAP_CITY, mapRegions, type Unmapped } from './districts.js';
import type { Named } from './focus.js';

/** A risk level as a director reads it: red (high or severe), amber (moderate), green (low). */
export type Rag = 'red' | 'amber' | 'green';
export const ragOf = (level: RiskReport['level']): Rag =>
  level === 'high' || level === 'severe' ? 'red' : level === 'moderate' ? 'amber' : 'green';

/** A forecast rise over the horizon at or above this counts as a price alert (as the enterprise alerts). */
export const RISING_PCT = 5;
/** Products risk-assessed per page, nearest tiers first: each is a full risk report. */
export const RISK_LIMIT = 60;
/** Products a focus chain holds at most, so a region of thousands of products stays a page. */
const CHAIN_LIMIT = 400;
/** Products an enterprise, region or industry focus starts from, largest first. */
const ROOTS = 12;
const PRICE_CHARTS = 4;

export interface ChainProduct {
  node: number;
  id: string;
  name: string;
  /** 0 for the focus products, 1 for their inputs, … */
  tier: number;
}

/** The products the focus stands for: itself, an enterprise's products, a region's or an industry's. */
export function focusRoots(g: ChainGraph, focus: Named): number[] {
  const node = g.find(focus.id);
  if (node === undefined) return [];
  if (focus.type === 'Product') return [node];
  const kind = focus.type === 'Enterprise' ? 'enterprise' : focus.type === 'Region' ? 'region' : 'industry';
  return scopeAt(g, kind, node)
    .products.sort((a, b) => b.weight - a.weight || a.node - b.node)
    .slice(0, ROOTS)
    .map((p) => p.node);
}

/** The visible product with the most direct inputs, or null in a graph without products. */
export async function widestProduct(engine: Engine, principal: Principal): Promise<Named | null> {
  const g = await chainGraph(engine, principal);
  let best = -1;
  for (const p of g.nodesOfType('Product'))
    if (best < 0 || g.inputs(p).length > g.inputs(best).length) best = p;
  return best < 0 ? null : { id: g.ids[best]!, type: 'Product', name: g.names[best]! };
}

/** The focus products and their inputs tier by tier (breadth first, so nearer tiers come first). */
export function focusChain(g: ChainGraph, roots: readonly number[], depth: number): ChainProduct[] {
  const seen = new Set<number>(roots);
  const chain: ChainProduct[] = roots.map((node) => ({
    node,
    id: g.ids[node]!,
    name: g.names[node]!,
    tier: 0,
  }));
  let frontier = [...roots];
  for (let tier = 1; tier <= depth && frontier.length > 0; tier++) {
    const next: number[] = [];
    for (const p of frontier)
      for (const l of g.inputs(p)) {
        if (seen.has(l.node) || g.types[l.node] !== 'Product' || chain.length >= CHAIN_LIMIT) continue;
        seen.add(l.node);
        next.push(l.node);
        chain.push({ node: l.node, id: g.ids[l.node]!, name: g.names[l.node]!, tier });
      }
    frontier = next;
  }
  return chain;
}

export interface CockpitKpis {
  /** Enterprises producing any product of the focus chain, and those of them in the region. */
  enterprises: { chain: number; local: number };
  products: number;
  /** Chain products with at least one producer in the region. */
  localSupply: { local: number; total: number };
  /** Assessed chain products by level; `assessed` ≤ RISK_LIMIT. */
  risk: Record<Rag, number> & { assessed: number };
  /** Policies targeting the chain's products or their industries. */
  policies: number;
  /** Chain products whose linked price series is forecast to rise by RISING_PCT or more. */
  priceAlerts: { rising: number; linked: number };
}

export interface DistrictRow {
  /** The map's district name. */
  name: string;
  enterprises: number;
  /** Share of the chain's products with a producer in the district. */
  localSupply: number;
  /** Mean composite risk of the assessed chain products made there; null when none is. */
  risk: number | null;
}

export interface RiskRow {
  id: string;
  name: string;
  tier: number;
  report: RiskReport;
  rag: Rag;
}

export interface CockpitModel {
  focus: Named;
  region: { id: string; name: string };
  regions: Array<{ id: string; name: string }>;
  depth: number;
  chain: ChainProduct[];
  kpis: CockpitKpis;
  /** Riskiest first. */
  risks: RiskRow[];
  districts: DistrictRow[];
  unmapped: Unmapped[];
  /** The product whose upstream the flow chart draws (the focus, or its largest product). */
  main: { id: string; name: string } | null;
  upstream: Awaited<ReturnType<typeof chainView>> | null;
  prices: Outlook[];
  demand: Outlook[];
  documents: DocumentRow[];
}

/** Regions a user can measure local supply against: the map's city and its districts first. */
function regionChoices(g: ChainGraph): Array<{ id: string; name: string; node: number }> {
  const city = g.nodesOfType('Region').find((r) => g.names[r] === MAP_CITY);
  const rank = (r: number) => (r === city ? 0 : city !== undefined && g.within(r, city) ? 1 : 2);
  return g
    .nodesOfType('Region')
    .filter((r) => g.inLinks('LOCATED_IN', r).length > 0)
    .sort((a, b) => rank(a) - rank(b) || g.names[a]!.localeCompare(g.names[b]!, 'zh'))
    .map((node) => ({ id: g.ids[node]!, name: g.names[node]!, node }));
}

async function assessChain(engine: Engine, principal: Principal, chain: readonly ChainProduct[]) {
  const rows: RiskRow[] = [];
  for (const p of chain.slice(0, RISK_LIMIT)) {
    const report = await orNull(riskReport(engine, `product:${p.id}`, principal));
    if (report) rows.push({ id: p.id, name: p.name, tier: p.tier, report, rag: ragOf(report.level) });
  }
  return rows;
}

export function kpisOf(
  g: ChainGraph,
  chain: readonly ChainProduct[],
  region: number,
  risks: readonly RiskRow[],
  prices: ReadonlyMap<string, Outlook>,
): CockpitKpis {
  const producers = new Set<number>();
  let localProducts = 0;
  for (const p of chain) {
    let local = false;
    for (const l of g.producers(p.node)) {
      producers.add(l.node);
      if (g.within(l.node, region)) local = true;
    }
    if (local) localProducts++;
  }
  const risk = { red: 0, amber: 0, green: 0, assessed: risks.length };
  for (const r of risks) risk[r.rag]++;
  const rising = [...prices.values()].filter(
    (o) => o.trend.direction === 'rise' && o.trend.changePct >= RISING_PCT,
  ).length;
  return {
    enterprises: { chain: producers.size, local: [...producers].filter((e) => g.within(e, region)).length },
    products: chain.length,
    localSupply: { local: localProducts, total: chain.length },
    risk,
    policies: targetingPolicies(
      g,
      chain.map((p) => p.node),
    ).length,
    priceAlerts: { rising, linked: prices.size },
  };
}

/** Per map district: the chain's enterprises there, the share of the chain they cover, and its risk. */
export function districtRows(
  g: ChainGraph,
  chain: readonly ChainProduct[],
  risks: readonly RiskRow[],
): { rows: DistrictRow[]; unmapped: Unmapped[] } {
  const { district, unmapped } = mapRegions(g);
  const score = new Map(risks.map((r) => [r.id, r.report.score]));
  const byDistrict = new Map<string, { enterprises: Set<number>; products: Set<number> }>();
  // Each producer's districts are found once; a chain lists the same producers many times.
  const districtsOf = new Map<number, string[]>();
  const placed = (enterprise: number) => {
    let found = districtsOf.get(enterprise);
    if (!found) {
      found = [
        ...new Set([...district].filter(([region]) => g.within(enterprise, region)).map(([, name]) => name)),
      ];
      districtsOf.set(enterprise, found);
    }
    return found;
  };
  for (const p of chain) {
    for (const l of g.producers(p.node)) {
      for (const name of placed(l.node)) {
        const entry = byDistrict.get(name) ?? { enterprises: new Set(), products: new Set() };
        entry.enterprises.add(l.node);
        entry.products.add(p.node);
        byDistrict.set(name, entry);
      }
    }
  }
  const rows = [...byDistrict].map(([name, e]) => {
    const scores = [...e.products].map((p) => score.get(g.ids[p]!)).filter((s) => s !== undefined);
    return {
      name,
      enterprises: e.enterprises.size,
      localSupply: chain.length > 0 ? e.products.size / chain.length : 0,
      risk: scores.length > 0 ? scores.reduce((a, s) => a + s, 0) / scores.length : null,
    };
  });
  return {
    rows: rows.sort((a, b) => b.enterprises - a.enterprises || a.name.localeCompare(b.name, 'zh')),
    unmapped,
  };
}

export async function cockpitModel(
  engine: Engine,
  principal: Principal,
  focus: Named,
  regionId: string | undefined,
  depth: number,
): Promise<CockpitModel> {
  const g = await chainGraph(engine, principal);
  const regions = regionChoices(g);
  const region = regions.find((r) => r.id === regionId) ?? regions[0];
  const chain = focusChain(g, focusRoots(g, focus), depth);
  const ids = chain.map((p) => p.id);
  const main = chain[0] ? { id: chain[0].id, name: chain[0].name } : null;
  const [risks, priceMap, upstream, downstream, documents] = await Promise.all([
    assessChain(engine, principal, chain),
    outlooks(engine, ids, 'price', principal),
    main ? orNull(chainView(engine.graph, main.id, 'upstream', depth, principal)) : null,
    main ? orNull(chainView(engine.graph, main.id, 'downstream', 1, principal)) : null,
    visibleDocuments(engine, principal, 8),
  ]);
  const demandMap = main
    ? await outlooks(engine, [main.id, ...(downstream?.nodes.map((n) => n.id) ?? [])], 'demand', principal)
    : new Map<string, Outlook>();
  const { rows, unmapped } = districtRows(g, chain, risks);
  // Price charts follow the inputs carrying most of the main product, then the chain's order.
  const order = new Map<string, number>();
  for (const id of [
    ...(main ? [main.id] : []),
    ...(upstream ? keyInputs(upstream, 40).map((i) => i.id) : []),
    ...ids,
  ])
    if (!order.has(id)) order.set(id, order.size);
  return {
    focus,
    region: region ? { id: region.id, name: region.name } : { id: '', name: '' },
    regions: regions.map(({ id, name }) => ({ id, name })),
    depth,
    chain,
    kpis: kpisOf(g, chain, region?.node ?? -1, risks, priceMap),
    risks: [...risks].sort((a, b) => b.report.score - a.report.score || a.name.localeCompare(b.name, 'zh')),
    districts: rows,
    unmapped,
    main,
    upstream,
    prices: [...priceMap.values()]
      .sort((a, b) => (order.get(a.subjectId) ?? 1e9) - (order.get(b.subjectId) ?? 1e9))
      .slice(0, PRICE_CHARTS),
    demand: [...demandMap.values()].slice(0, 1),
    documents,
  };
}
