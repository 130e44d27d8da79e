import { isUserFacing } from '../../engine/cli/errors.js';
import type { Engine } from '../../engine/container.js';
import { chainView, entityView, neighboursView } from '../../engine/graph-views.js';
import { retrievalFor } from '../../engine/retrieval.js';
import { type Outlook, outlooks } from '../../engine/risk/prices.js';
import { riskReport } from '../../engine/risk/service.js';
import type { RiskReport } from '../../engine/risk/types.js';
import { keyInputs } from './charts.js';
import { canSee, type Principal } from '../../knowledge-graph/schema/index.js';

export const DEFAULT_FOCUS = '新能源汽车';

type Chain = Awaited<ReturnType<typeof chainView>>;

export interface DocumentRow {
  id: string;
  title: string;
  docNo: string | null;
  date: string | null;
  visibility: string;
}

/** A missing entity is something to show on the page, not an error page. */
async function orNull<T>(work: Promise<T>): Promise<T | null> {
  try {
    return await work;
  } catch (error) {
    if (isUserFacing(error)) return null;
    throw error;
  }
}

export async function visibleDocuments(
  engine: Engine,
  principal: Principal,
  limit: number,
): Promise<DocumentRow[]> {
  const index = await retrievalFor(engine);
  return index
    .documents()
    .filter((d) => canSee(principal, d.visibility))
    .sort((a, b) => (b.date ?? '').localeCompare(a.date ?? ''))
    .slice(0, limit)
    .map(({ id, title, docNo, date, visibility }) => ({ id, title, docNo, date, visibility }));
}

export interface CockpitData {
  focus: string;
  depth: number;
  kpis: { enterprises: number; products: number; edges: number; documents: number };
  upstream: Chain | null;
  downstream: Chain | null;
  documents: DocumentRow[];
  /** The focus product and its key inputs, riskiest first. */
  risks: RiskReport[];
  prices: Outlook[];
  demand: Outlook[];
}

const RISK_ROWS = 10;
const PRICE_CHARTS = 4;

/** Risk of each product, skipping the ones the risk model cannot place in the chain. */
async function risksOf(engine: Engine, principal: Principal, ids: readonly string[]): Promise<RiskReport[]> {
  const reports: RiskReport[] = [];
  for (const id of ids) {
    const report = await orNull(riskReport(engine, `product:${id}`, principal));
    if (report) reports.push(report);
  }
  return reports.sort((a, b) => b.score - a.score);
}

export async function cockpitData(
  engine: Engine,
  principal: Principal,
  focus: string,
  depth: number,
): Promise<CockpitData> {
  const [stats, upstream, downstream, documents, allDocs] = await Promise.all([
    engine.graph.stats(principal),
    orNull(chainView(engine.graph, focus, 'upstream', depth, principal)),
    orNull(chainView(engine.graph, focus, 'downstream', 1, principal)),
    visibleDocuments(engine, principal, 8),
    visibleDocuments(engine, principal, 100_000),
  ]);
  const inputs = upstream ? keyInputs(upstream, 40) : [];
  const chainIds = upstream ? [upstream.entity.id, ...inputs.map((i) => i.id)] : [];
  const [risks, priceMap, demandMap] = await Promise.all([
    risksOf(engine, principal, chainIds.slice(0, RISK_ROWS)),
    outlooks(engine, chainIds, 'price', principal),
    outlooks(
      engine,
      [...chainIds.slice(0, 1), ...(downstream?.nodes.map((n) => n.id) ?? [])],
      'demand',
      principal,
    ),
  ]);
  const rank = new Map(chainIds.map((id, i) => [id, i]));
  return {
    focus,
    depth,
    risks,
    prices: [...priceMap.values()]
      .sort((a, b) => rank.get(a.subjectId)! - rank.get(b.subjectId)!)
      .slice(0, PRICE_CHARTS),
    demand: [...demandMap.values()].slice(0, 1),
    kpis: {
      enterprises: stats.nodesByType.Enterprise ?? 0,
      products: stats.nodesByType.Product ?? 0,
      edges: stats.edges,
      documents: allDocs.length,
    },
    upstream,
    downstream,
    documents,
  };
}

export interface Link {
  id: string;
  name: string;
  detail?: string;
}

export interface EnterpriseData {
  entity: Awaited<ReturnType<typeof entityView>>;
  products: Array<Link & { weight?: number }>;
  suppliers: Link[];
  customers: Link[];
  inputs: Array<Link & { for: string; share?: number }>;
  outputs: Array<Link & { from: string }>;
}

const PRODUCTS_SHOWN = 5;

/** One enterprise's own slice of the chain: its products, their inputs and uses, its suppliers and customers. */
export async function enterpriseData(
  engine: Engine,
  principal: Principal,
  enterpriseId: string,
): Promise<EnterpriseData | null> {
  const ref = `enterprise:${enterpriseId}`;
  const entity = await orNull(entityView(engine.graph, ref, principal));
  if (!entity) return null;
  const [produced, supplies] = await Promise.all([
    neighboursView(engine.graph, ref, { rel: 'PRODUCES', dir: 'out', limit: 50 }, principal),
    neighboursView(engine.graph, ref, { rel: 'SUPPLIES', dir: 'both', limit: 200 }, principal),
  ]);
  const products = produced.neighbours
    .map((n) => ({
      id: n.node.id,
      name: n.node.name,
      weight: typeof n.edge.props.weight === 'number' ? n.edge.props.weight : undefined,
    }))
    .sort((a, b) => (b.weight ?? 0) - (a.weight ?? 0));
  const top = products.slice(0, PRODUCTS_SHOWN);
  const chains = await Promise.all(
    top.map(async (p) => ({
      product: p,
      up: await orNull(chainView(engine.graph, p.id, 'upstream', 1, principal)),
      down: await orNull(chainView(engine.graph, p.id, 'downstream', 1, principal)),
    })),
  );
  const names = (n: { node: { id: string; name: string }; edge: { props: Record<string, unknown> } }) => ({
    id: n.node.id,
    name: n.node.name,
    detail: Array.isArray(n.edge.props.products) ? `${n.edge.props.products.length}` : undefined,
  });
  return {
    entity,
    products,
    suppliers: supplies.neighbours.filter((n) => n.direction === 'in').map(names),
    customers: supplies.neighbours.filter((n) => n.direction === 'out').map(names),
    inputs: chains.flatMap(({ product, up }) =>
      (up?.nodes ?? []).map((n) => ({ id: n.id, name: n.name, for: product.name, share: n.via.share })),
    ),
    outputs: chains.flatMap(({ product, down }) =>
      (down?.nodes ?? []).map((n) => ({ id: n.id, name: n.name, from: product.name })),
    ),
  };
}
