import { isUserFacing } from '../../engine/errors.js';
import type { Engine } from '../../engine/container.js';
import { chainView, entityView, neighboursView } from '../../engine/graph-views.js';
import { retrievalFor } from '../../engine/retrieval.js';
import type { Principal } from '../../knowledge-graph/schema/index.js';

export const DEFAULT_FOCUS = '新能源汽车';

export interface DocumentRow {
  id: string;
  title: string;
  docNo: string | null;
  date: string | null;
  visibility: string;
}

/** A missing entity is something to show on the page, not an error page. */
export async function orNull<T>(work: Promise<T>): Promise<T | null> {
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
  return (await index.readableDocuments(principal))
    .sort((a, b) => (b.date ?? '').localeCompare(a.date ?? ''))
    .slice(0, limit)
    .map(({ id, title, docNo, date, visibility }) => ({ id, title, docNo, date, visibility }));
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
