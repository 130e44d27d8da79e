import {
  type GraphEdge,
  type GraphNode,
  nodeTypeOfId,
  type Provenance,
} from '../../../knowledge-graph/schema/index.js';
import { relationLabel } from '../labels.js';
import type { Citation, Language } from '../schema.js';
import type { Evidence, NodeRef, ToolContext } from './types.js';

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

export function ref(node: GraphNode): NodeRef {
  return { id: node.id, name: node.name, type: node.type };
}

export function nodeEvidence(node: GraphNode, text: string): Evidence {
  return { key: node.id, kind: 'node', source: sourceOf(node.provenance), text, nodeId: node.id };
}

/** Evidence for an edge, worded as a fact between its two named ends. */
export function edgeEvidence(edge: GraphEdge, from: string, to: string, language: Language): Evidence {
  const props = edge.props as { weight?: number; share?: number; stake?: number; relation?: string };
  const extra: string[] = [];
  if (typeof props.weight === 'number')
    extra.push(language === 'zh' ? `收入占比 ${pct(props.weight)}` : `revenue share ${pct(props.weight)}`);
  if (typeof props.share === 'number')
    extra.push(language === 'zh' ? `投入占比 ${pct(props.share)}` : `input share ${pct(props.share)}`);
  if (typeof props.stake === 'number')
    extra.push(language === 'zh' ? `持股 ${pct(props.stake)}` : `stake ${pct(props.stake)}`);
  const text = `${from} ${relationLabel(edge.type, language)} ${to}${extra.length ? ` (${extra.join(', ')})` : ''}`;
  return { key: edge.id, kind: 'edge', source: sourceOf(edge.provenance), text, edgeId: edge.id };
}

export function pct(x: number): string {
  return `${(Math.round(x * 1000) / 10).toString()}%`;
}

/**
 * The node a tool input names, as the caller may see it: an id, else a name, alias or stock code
 * through the dictionary, else the store's name lookup. Unknown or invisible → undefined, the same
 * either way so a private entity's existence does not show.
 */
export async function resolveRef(refText: string, ctx: ToolContext): Promise<GraphNode | undefined> {
  const text = refText.trim();
  if (nodeTypeOfId(text)) {
    const node = await ctx.graph.getNode(text, ctx.principal);
    if (node) return node;
  }
  const linked = ctx.dictionary.link(text, ctx.principal).entities;
  const whole = linked.find((e) => e.start === 0 && e.end === text.length) ?? linked[0];
  if (whole) {
    const node = await ctx.graph.getNode(whole.id, ctx.principal);
    if (node) return node;
  }
  const found = await ctx.graph.findNodes({ text, mode: 'normalised', limit: 1 }, ctx.principal);
  return found[0];
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
