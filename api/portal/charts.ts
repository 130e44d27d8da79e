import type { chainView } from '../../engine/graph-views.js';
import type { EnterpriseData } from './data.js';

type Chain = Awaited<ReturnType<typeof chainView>>;

export interface SankeyData {
  nodes: Array<{ id: string; name: string; depth: number }>;
  links: Array<{ source: string; target: string; value: number }>;
}

/**
 * The upstream tree as a left-to-right flow into the focus product. A link's width is the input's
 * share of the focus product (its share of its parent times the parent's), so the widest paths
 * are the inputs the chain depends on most; an input without a stated share splits its parent evenly.
 * At most `maxPerTier` inputs show per tier.
 */
export function upstreamSankey(
  chain: Chain,
  maxPerTier = 60,
  otherLabel = (n: number) => `其他 ${n} 项`,
): SankeyData {
  const maxDepth = Math.max(0, ...chain.nodes.map((n) => n.depth));
  const parentOf = (n: Chain['nodes'][number]) => (n.via.from === n.id ? n.via.to : n.via.from);
  const children = new Map<string, number>();
  for (const n of chain.nodes) children.set(parentOf(n), (children.get(parentOf(n)) ?? 0) + 1);
  const value = new Map<string, number>([[chain.entity.id, 1]]);
  const ordered = [...chain.nodes].sort((a, b) => a.depth - b.depth);
  for (const n of ordered) {
    const parent = parentOf(n);
    const share = typeof n.via.share === 'number' ? n.via.share : 1 / (children.get(parent) ?? 1);
    value.set(n.id, (value.get(parent) ?? 0) * share);
  }
  // A column holds about a dozen readable labels; the smallest flows of a tier fold into one
  // "other" node per tier, linked to each parent they feed.
  const kept = new Set<string>([chain.entity.id]);
  const perTier = new Map<number, number>();
  const folded = new Map<number, { count: number; into: Map<string, number> }>();
  const nodes: SankeyData['nodes'] = [{ id: chain.entity.id, name: chain.entity.name, depth: maxDepth }];
  const links: SankeyData['links'] = [];
  const byValue = [...chain.nodes].sort((a, b) => a.depth - b.depth || value.get(b.id)! - value.get(a.id)!);
  for (const n of byValue) {
    const parent = parentOf(n);
    if (!kept.has(parent)) continue;
    const v = value.get(n.id)!;
    const count = perTier.get(n.depth) ?? 0;
    if (count < maxPerTier) {
      perTier.set(n.depth, count + 1);
      kept.add(n.id);
      nodes.push({ id: n.id, name: n.name, depth: maxDepth - n.depth });
      if (v > 0) links.push({ source: n.id, target: parent, value: Number(v.toFixed(6)) });
      continue;
    }
    const f = folded.get(n.depth) ?? { count: 0, into: new Map<string, number>() };
    f.count++;
    f.into.set(parent, (f.into.get(parent) ?? 0) + v);
    folded.set(n.depth, f);
  }
  for (const [depth, f] of folded) {
    const id = `other:tier${depth}`;
    nodes.push({ id, name: otherLabel(f.count), depth: maxDepth - depth });
    for (const [parent, v] of f.into) {
      if (v > 0) links.push({ source: id, target: parent, value: Number(v.toFixed(6)) });
    }
  }
  return { nodes, links };
}

/** The inputs carrying the largest share of the focus product, deepest tiers included. */
export function keyInputs(
  chain: Chain,
  limit: number,
): Array<{ id: string; name: string; depth: number; share: number }> {
  const sankey = upstreamSankey(chain, Number.POSITIVE_INFINITY);
  const into = new Map(sankey.links.map((l) => [l.source, l.value]));
  return sankey.nodes
    .filter((n) => n.id !== chain.entity.id)
    .map((n) => ({
      id: n.id,
      name: n.name,
      depth: chain.nodes.find((c) => c.id === n.id)?.depth ?? 0,
      share: into.get(n.id) ?? 0,
    }))
    .sort((a, b) => b.share - a.share)
    .slice(0, limit);
}

export function tierCounts(chain: Chain): number[] {
  const counts: number[] = [];
  for (const n of chain.nodes) counts[n.depth - 1] = (counts[n.depth - 1] ?? 0) + 1;
  return Array.from(counts, (c) => c ?? 0);
}

export interface NetworkData {
  categories: string[];
  nodes: Array<{ id: string; name: string; category: number; value?: number }>;
  links: Array<{ source: string; target: string }>;
}

/** The enterprise in the middle, its suppliers, customers, products and their inputs around it. */
export function enterpriseNetwork(
  data: EnterpriseData,
  labels: [string, string, string, string, string],
): NetworkData {
  const nodes = new Map<string, NetworkData['nodes'][number]>();
  const links: NetworkData['links'] = [];
  const add = (id: string, name: string, category: number) => {
    if (!nodes.has(id)) nodes.set(id, { id, name, category });
  };
  add(data.entity.id, data.entity.name, 0);
  for (const s of data.suppliers.slice(0, 12)) {
    add(s.id, s.name, 1);
    links.push({ source: s.id, target: data.entity.id });
  }
  for (const c of data.customers.slice(0, 12)) {
    add(c.id, c.name, 2);
    links.push({ source: data.entity.id, target: c.id });
  }
  const shown = new Set(data.products.slice(0, 5).map((p) => p.id));
  for (const p of data.products.slice(0, 5)) {
    add(p.id, p.name, 3);
    links.push({ source: data.entity.id, target: p.id });
  }
  for (const i of data.inputs.slice(0, 30)) {
    add(i.id, i.name, 4);
    const product = data.products.find((p) => p.name === i.for);
    if (product && shown.has(product.id)) links.push({ source: i.id, target: product.id });
  }
  return { categories: labels, nodes: [...nodes.values()], links };
}
