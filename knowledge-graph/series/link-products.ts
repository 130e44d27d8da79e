import type { SeriesLink, SeriesNode } from './port.js';
import { COMMODITY_PRODUCTS } from './commodity-products.js';

/** A product found by name (its own name or an alias). */
export interface ProductMatch {
  id: string;
  name: string;
  aliases: readonly string[];
}

/** Products whose name or alias is exactly `name`. */
export type FindProducts = (name: string) => Promise<ProductMatch[]>;

/** A parenthesised grade or market at the end of a Chinese name: 动力煤（澳大利亚）, 原糖(国际). */
const QUALIFIER = /\s*[（(][^（）()]*[）)]\s*$/;

/** Index series (a basket of commodities) are not the price of any one product. */
export function isIndexSeries(node: SeriesNode): boolean {
  return /^index\b/i.test(node.props.unit ?? '') || /\bindex$/i.test(node.name);
}

/**
 * Links price series to graph products, Chinese names first (see `LINK_METHODS`): the series'
 * Chinese name as a product name (confidence 1) or alias (0.95); the documented commodity table
 * (`COMMODITY_PRODUCTS`, its own confidences, which win over the rules for the pairs it lists);
 * the English name as a product name or alias (0.9); the Chinese name without its parenthesised
 * grade or market (0.8). One link per (series, product): the strongest. Index series and series
 * of other kinds get none. The rules are documented in docs/price-links.md.
 */
export async function linkSeriesToProducts(
  series: readonly SeriesNode[],
  find: FindProducts,
  now: Date = new Date(),
): Promise<SeriesLink[]> {
  const out: SeriesLink[] = [];
  for (const node of series) {
    if (node.props.kind !== 'price' || isIndexSeries(node)) continue;
    const links = new Map<string, SeriesLink>();
    const add = (
      product: ProductMatch,
      method: SeriesLink['method'],
      confidence: number,
      reason: string,
      override = false,
    ) => {
      const held = links.get(product.id);
      if (held && !override && held.confidence >= confidence) return;
      links.set(product.id, {
        seriesId: node.id,
        productId: product.id,
        method,
        matched: product.name,
        confidence,
        reason,
        provenance: {
          source: 'series-links',
          record: `${node.id} → ${product.id}`,
          ingestedAt: now.toISOString(),
          confidence,
          inferred: true,
          note: reason,
        },
      });
    };
    const zh = node.props.nameZh;
    if (zh) {
      const found = await find(zh);
      // With a product of exactly this name, products holding it only as an alias are spelling
      // variants (牛肉…, 猪肉（) of the same thing, not further products.
      const named = found.some((p) => p.name === zh);
      for (const p of found)
        if (p.name === zh) add(p, 'exact-name', 1, `the series' Chinese name ${zh} is the product's name`);
        else if (!named) add(p, 'alias', 0.95, `the series' Chinese name ${zh} is an alias of ${p.name}`);
      const base = zh.replace(QUALIFIER, '');
      if (base && base !== zh)
        for (const p of await find(base))
          add(p, 'qualified-name', 0.8, `${zh} is ${base} of one grade or market`);
    }
    const english = [
      node.name,
      ...node.aliases.filter((a) => a !== node.props.code && /^[\x20-\x7e]+$/.test(a)),
    ];
    for (const name of english)
      for (const p of await find(name))
        add(p, 'english-name', 0.9, `the series' English name ${name} names ${p.name}`);
    const curated = [node.name, ...node.aliases].flatMap((n) => COMMODITY_PRODUCTS[n] ?? []);
    for (const entry of curated)
      for (const p of await find(entry.product)) add(p, 'curated', entry.confidence, entry.why, true);
    out.push(...links.values());
  }
  return out;
}
