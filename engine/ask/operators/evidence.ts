import {
  type GraphEdge,
  type GraphNode,
  nodeTypeOfId,
  type Provenance,
} from '../../../knowledge-graph/schema/index.js';
import { relationLabel, typeLabel } from '../labels.js';
import type { Citation, Language } from '../schema.js';
import type { Evidence, Measure, NodeRef, OperatorContext } from './types.js';

/** The provenance entry a reader should check first: stated before inferred, surest first. */
function bestProvenance(provenance: readonly Provenance[]): Provenance | undefined {
  return [...provenance].sort(
    (a, b) => Number(!!a.inferred) - Number(!!b.inferred) || (b.confidence ?? 1) - (a.confidence ?? 1),
  )[0];
}

/** `chainkg company_product.jsonl:1234`: the dataset and the record a graph fact came from. */
export function sourceOf(provenance: readonly Provenance[]): string {
  const p = bestProvenance(provenance);
  if (!p) return 'graph';
  return `${p.source} ${p.record}${p.inferred ? ' (inferred)' : ''}`;
}

export function ref(node: GraphNode | NodeRef): NodeRef {
  return { id: node.id, name: node.name, type: node.type };
}

/** A share to one decimal, a whole number without one: 0.555 → 55.5%, 0.6 and 0.6001 → 60%. */
export function pct(x: number): string {
  return `${(Math.round(x * 1000) / 10).toFixed(1).replace(/\.0$/, '')}%`;
}

const MEASURE_LABEL: Record<Measure, Record<Language, string>> = {
  weight: { zh: '收入占比', en: 'revenue share' },
  share: { zh: '投入占比', en: 'input share' },
  stake: { zh: '持股', en: 'stake' },
  count: { zh: '关联企业数', en: 'linking companies' },
};

export function measureLabel(m: Measure, language: Language): string {
  return MEASURE_LABEL[m][language];
}

/** The number an edge carries and what it measures: revenue share, input share or stake. */
export function edgeMeasure(edge: GraphEdge): { value: number; measure: Measure } | undefined {
  const p = edge.props as { weight?: number; share?: number; stake?: number; count?: number };
  if (typeof p.weight === 'number') return { value: p.weight, measure: 'weight' };
  if (typeof p.share === 'number') return { value: p.share, measure: 'share' };
  if (typeof p.stake === 'number') return { value: p.stake, measure: 'stake' };
  if (typeof p.count === 'number') return { value: p.count, measure: 'count' };
  return undefined;
}

/** A measured value as the reader sees it: a share in per cent, a count as a number. */
export function formatMeasure(value: number, measure: Measure): string {
  return measure === 'count' ? String(value) : pct(value);
}

export function nodeEvidence(node: GraphNode, text: string): Evidence {
  return { key: node.id, kind: 'node', source: sourceOf(node.provenance), text, nodeId: node.id };
}

/** Evidence for an edge, worded as a fact between its two named ends, with its number and dates. */
export function edgeEvidence(edge: GraphEdge, from: string, to: string, language: Language): Evidence {
  const m = edgeMeasure(edge);
  const props = edge.props as { firstSeen?: string; lastSeen?: string; observations?: number };
  const extra: string[] = [];
  if (m) extra.push(`${measureLabel(m.measure, language)} ${formatMeasure(m.value, m.measure)}`);
  if (props.firstSeen)
    extra.push(
      language === 'zh'
        ? `报道于 ${props.firstSeen}${props.lastSeen && props.lastSeen !== props.firstSeen ? ` 至 ${props.lastSeen}` : ''}`
        : `reported ${props.firstSeen}${props.lastSeen && props.lastSeen !== props.firstSeen ? ` to ${props.lastSeen}` : ''}`,
    );
  const text = `${from} ${relationLabel(edge.type, language)} ${to}${extra.length ? ` (${extra.join(', ')})` : ''}`;
  return { key: edge.id, kind: 'edge', source: sourceOf(edge.provenance), text, edgeId: edge.id };
}

/** The citation an answer's [id] marker points to, for one piece of evidence. */
export function citationOf(id: number, e: Evidence): Citation {
  return {
    id,
    source: e.source,
    text: e.text,
    ...(e.nodeId ? { nodeId: e.nodeId } : {}),
    ...(e.edgeId ? { edgeId: e.edgeId } : {}),
    ...(e.docId ? { docId: e.docId } : {}),
    ...(e.chunkId ? { chunkId: e.chunkId } : {}),
    ...(e.seriesId ? { seriesId: e.seriesId } : {}),
  };
}

export function identityText(node: GraphNode, language: Language): string {
  const p = node.props as Record<string, unknown>;
  const parts = [node.name];
  const zh = language === 'zh';
  if (p.fullName) parts.push(zh ? `全称${p.fullName}` : `full name ${p.fullName}`);
  if (p.code)
    parts.push(
      zh
        ? `股票代码${p.code}${p.exchange ? `.${p.exchange}` : ''}`
        : `stock code ${p.code}${p.exchange ? `.${p.exchange}` : ''}`,
    );
  if (p.listedAt) parts.push(zh ? `上市日期${p.listedAt}` : `listed ${p.listedAt}`);
  if (p.issuer) parts.push(zh ? `发文机关${p.issuer}` : `issued by ${p.issuer}`);
  if (p.docNo) parts.push(String(p.docNo));
  if (p.date) parts.push(String(p.date));
  return zh
    ? `${parts.join('，')}（${typeLabel(node.type, language)}）`
    : `${parts.join(', ')} (${typeLabel(node.type, language)})`;
}

/** A node by id, as the caller may see it, fetched once per answer. */
export async function nodeOf(id: string, ctx: OperatorContext): Promise<GraphNode | null> {
  if (!ctx.nodes.has(id)) ctx.nodes.set(id, await ctx.ports.graph.getNode(id, ctx.principal));
  return ctx.nodes.get(id) ?? null;
}

/**
 * The nodes a step's entity text names, as the caller may see them: an id; else what linking
 * found for those words (with the other spellings of the same company); else the dictionary's
 * reading of the text; else the store's name lookup. Unknown or invisible → none, alike, so a
 * private entity's existence does not show.
 */
export async function resolveNames(text: string, ctx: OperatorContext): Promise<GraphNode[]> {
  const t = text.trim();
  const linked =
    ctx.linked.find((e) => e.id === t || e.mention === t || e.name === t) ??
    ctx.dictionary.link(t, ctx.principal).entities.find((e) => e.start === 0 && e.end === t.length);
  if (linked) {
    const ids = [linked.id, ...(linked.members ?? []).map((m) => m.id)];
    const nodes = (await Promise.all(ids.map((id) => nodeOf(id, ctx)))).filter((n): n is GraphNode => !!n);
    if (nodes.length) return nodes;
  }
  if (nodeTypeOfId(t)) {
    const node = await nodeOf(t, ctx);
    if (node) return [node];
  }
  return ctx.ports.graph.findNodes({ text: t, mode: 'normalised', limit: 1 }, ctx.principal);
}
