import {
  type GraphNode,
  type Principal,
  type Provenance,
  SYSTEM_PRINCIPAL,
} from '../knowledge-graph/schema/index.js';
import { foldName } from '../knowledge-graph/resolve/normalise.js';
import { COMMODITY_SYNONYMS } from '../knowledge-graph/series/commodity-products.js';
import { isIndexSeries, linkSeriesToProducts } from '../knowledge-graph/series/link-products.js';
import type { LinkMethod, SeriesNode } from '../knowledge-graph/series/port.js';
import { UserError } from './errors.js';
import type { Engine } from './container.js';
import { resolveEntity } from './entities.js';

/** A stored series as the answer layer cites it. */
export interface SeriesSummary {
  id: string;
  /** The series' name (the IMF column for IMF data, in English). */
  name: string;
  nameEn?: string;
  nameZh?: string;
  code?: string;
  unit?: string;
  frequency: SeriesNode['props']['frequency'];
  kind: SeriesNode['props']['kind'];
  description?: string;
  /** Where the series came from (dataset and column). */
  sources: Array<{ source: string; record: string }>;
}

/** A price series of a product, with how sure the link is and where the link came from. */
export interface PriceSeriesLink {
  series: SeriesSummary;
  productId: string;
  /** The product's name as the graph has it. */
  productName: string;
  method: LinkMethod;
  /** 0–1: 1 for the product's own price, lower for a proxy (another grade, market or form). */
  confidence: number;
  reason: string;
  provenance: Provenance;
}

export function seriesSummary(node: SeriesNode): SeriesSummary {
  const p = node.props;
  return {
    id: node.id,
    name: node.name,
    ...(p.nameEn ? { nameEn: p.nameEn } : {}),
    ...(p.nameZh ? { nameZh: p.nameZh } : {}),
    ...(p.code ? { code: p.code } : {}),
    ...(p.unit ? { unit: p.unit } : {}),
    frequency: p.frequency,
    kind: p.kind,
    ...(p.description ? { description: p.description } : {}),
    sources: node.provenance.map((x) => ({ source: x.source, record: x.record })),
  };
}

/**
 * Links stored price series to graph products by the documented rules (`link-products.ts`) and
 * stores the links, replacing those of the same series. Runs after every prices import (for the
 * imported series) and every graph import (for all stored series, as new products may match).
 * Links are made as the system; reads filter them by what each principal may see.
 */
export async function linkPriceSeries(
  engine: Engine,
  seriesIds?: readonly string[],
): Promise<{ series: number; links: number; linked: number }> {
  const store = engine.state.series;
  const all = await store.list({}, SYSTEM_PRINCIPAL);
  const wanted = seriesIds ? new Set(seriesIds) : undefined;
  const series = all.filter((s) => (!wanted || wanted.has(s.id)) && s.props.kind === 'price');
  if (series.length === 0) return { series: 0, links: 0, linked: 0 };
  const cache = new Map<string, GraphNode[]>();
  const links = await linkSeriesToProducts(series, async (name) => {
    let found = cache.get(name);
    if (!found) {
      found = await engine.graph.findNodes(
        { text: name, mode: 'exact', types: ['Product'], limit: 20 },
        SYSTEM_PRINCIPAL,
      );
      cache.set(name, found);
    }
    return found;
  });
  await store.putLinks(
    series.map((s) => s.id),
    links,
  );
  return { series: series.length, links: links.length, linked: new Set(links.map((l) => l.seriesId)).size };
}

const METHOD_RANK: Record<LinkMethod, number> = {
  subject: 0,
  'exact-name': 1,
  alias: 2,
  curated: 3,
  'english-name': 4,
  'qualified-name': 5,
};

/**
 * The price series of a product the principal may see, strongest first (confidence, then how the
 * link was made, then name): series imported with the product as subject (confidence 1) and
 * stored name links. Empty when the product is unknown or hidden from the principal.
 */
export async function priceSeriesOf(
  engine: Engine,
  productId: string,
  principal: Principal,
): Promise<PriceSeriesLink[]> {
  const product = await engine.graph.getNode(productId, principal);
  if (!product) return [];
  const store = engine.state.series;
  const out = new Map<string, PriceSeriesLink>();
  for (const node of await store.list({ subjectId: productId }, principal)) {
    if (node.props.kind !== 'price') continue;
    const source = node.provenance[0];
    out.set(node.id, {
      series: seriesSummary(node),
      productId,
      productName: product.name,
      method: 'subject',
      confidence: 1,
      reason: `imported with ${product.name} as its subject`,
      provenance: source ?? {
        source: 'series',
        record: node.id,
        ingestedAt: new Date(0).toISOString(),
        confidence: 1,
      },
    });
  }
  for (const link of await store.links({ productId }, principal)) {
    if (out.has(link.seriesId)) continue;
    const stored = await store.get(link.seriesId, principal);
    if (!stored) continue;
    out.set(link.seriesId, {
      series: seriesSummary(stored.node),
      productId,
      productName: product.name,
      method: link.method,
      confidence: link.confidence,
      reason: link.reason,
      provenance: link.provenance,
    });
  }
  return [...out.values()].sort(
    (a, b) =>
      b.confidence - a.confidence ||
      METHOD_RANK[a.method] - METHOD_RANK[b.method] ||
      a.series.name.localeCompare(b.series.name),
  );
}

/** A series as a commodity lookup found it. */
export interface CommoditySeries {
  series: SeriesSummary;
  /** 1 when the name named the series itself; the link's confidence when found through a product. */
  confidence: number;
  reason: string;
  provenance: Provenance;
}

/** What a commodity name resolved to: the series to use first, the alternatives, and their products. */
export interface CommodityMatch {
  query: string;
  /** series: the name is a series' name, Chinese name, code or synonym; product: a product with linked series. */
  via: 'series' | 'product';
  /** Best first: forecast `series[0]`; the rest are other markets or grades. */
  series: CommoditySeries[];
  /** Products the best series prices, strongest link first (empty when it is linked to none). */
  products: Array<{ id: string; name: string; confidence: number; method: LinkMethod }>;
}

/**
 * A commodity named in Chinese or English (铜, Copper, 天然橡胶, Rubber, 布伦特原油, Brent, nickel)
 * to its price series: first a series whose name, Chinese name, code or documented synonym
 * (`COMMODITY_SYNONYMS`) matches, case, width and spacing aside; else a graph product of that
 * name (name, alias) and its linked series (`priceSeriesOf`). A trailing price word (铜价,
 * 镍价格, nickel prices) is dropped when the whole name finds nothing. Index series are left out.
 * A name that matches nothing is a UserError with status 404.
 */
export async function resolveCommodity(
  engine: Engine,
  text: string,
  principal: Principal,
): Promise<CommodityMatch> {
  const query = text.trim();
  if (!foldName(query)) throw new UserError('give a commodity name, e.g. 铜 or Copper');
  let lastError: unknown;
  for (const name of commodityNames(query)) {
    try {
      return { ...(await resolveName(engine, name, principal)), query };
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      lastError = error;
    }
  }
  throw lastError;
}

/** The name as given, then without a trailing price word (铜价, 镍价格, nickel prices). */
function commodityNames(query: string): string[] {
  const bare = query
    .replace(/(的)?(价格|价钱|价)(走势|行情)?$/u, '')
    .replace(/\s+(spot\s+)?prices?$/i, '')
    .trim();
  return bare && bare !== query ? [query, bare] : [query];
}

async function resolveName(engine: Engine, query: string, principal: Principal): Promise<CommodityMatch> {
  const key = foldName(query);
  const store = engine.state.series;
  const prices = (await store.list({}, principal)).filter(
    (s) => s.props.kind === 'price' && !isIndexSeries(s),
  );
  const names = (s: SeriesNode) => [
    s.name,
    ...s.aliases,
    ...(s.props.nameZh ? [s.props.nameZh] : []),
    ...(s.props.code ? [s.props.code] : []),
    ...(COMMODITY_SYNONYMS[s.name] ?? []),
  ];
  const direct = prices.filter((s) => names(s).some((n) => foldName(n) === key));
  if (direct.length > 0) {
    const series = direct
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((node) => ({
        series: seriesSummary(node),
        confidence: 1,
        reason: `${query} names the series ${node.name}${node.props.nameZh ? ` (${node.props.nameZh})` : ''}`,
        provenance: node.provenance[0]!,
      }));
    return { query, via: 'series', series, products: await productsOf(engine, direct[0]!, principal) };
  }
  let product: GraphNode;
  try {
    product = await resolveEntity(engine.graph, query, principal, ['Product']);
  } catch (error) {
    if (error instanceof UserError) throw notFound(`no price series or product named "${query}"`);
    throw error;
  }
  const links = await priceSeriesOf(engine, product.id, principal);
  if (links.length === 0) throw notFound(`${product.name} (${product.id}) has no linked price series`);
  return {
    query,
    via: 'product',
    series: links.map((l) => ({
      series: l.series,
      confidence: l.confidence,
      reason: l.reason,
      provenance: l.provenance,
    })),
    products: [
      { id: product.id, name: product.name, confidence: links[0]!.confidence, method: links[0]!.method },
    ],
  };
}

function notFound(message: string): UserError {
  return new UserError(`${message}; import prices with \`ibrain import prices --series-meta\``, 'not-found');
}

/** The products a series prices, as the principal may see them, strongest first. */
async function productsOf(
  engine: Engine,
  node: SeriesNode,
  principal: Principal,
): Promise<CommodityMatch['products']> {
  const out: CommodityMatch['products'] = [];
  if (node.props.subjectId) {
    const subject = await engine.graph.getNode(node.props.subjectId, principal);
    if (subject) out.push({ id: subject.id, name: subject.name, confidence: 1, method: 'subject' });
  }
  for (const link of await engine.state.series.links({ seriesId: node.id }, principal)) {
    if (out.some((p) => p.id === link.productId)) continue;
    const product = await engine.graph.getNode(link.productId, principal);
    if (product)
      out.push({ id: product.id, name: product.name, confidence: link.confidence, method: link.method });
  }
  return out.sort((a, b) => b.confidence - a.confidence || METHOD_RANK[a.method] - METHOD_RANK[b.method]);
}
