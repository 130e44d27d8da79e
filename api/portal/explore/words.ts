import { relationLabel } from '../../../engine/ask/labels.js';
import type { EdgeType, GraphEdge, NodeType, Provenance } from '../../../knowledge-graph/schema/index.js';
import type { Lang } from '../i18n.js';
import { tx } from '../text/explore.js';

/** A share as people write it: 62%, 7.5%, 0.4%. */
export function percent(x: number): string {
  const p = x * 100;
  const digits = p >= 10 || Number.isInteger(p) ? 0 : 1;
  return `${p.toFixed(digits)}%`;
}

/** The figure an edge carries, in words: the input share of a MADE_FROM, the revenue share of a PRODUCES. */
export function edgeFigure(edge: Pick<GraphEdge, 'type' | 'props'>, lang: Lang): string | undefined {
  const { share, weight } = edge.props;
  // Inside a sentence the English label is not capitalised (the Chinese has no case).
  const label = (key: 'inputShare' | 'revenueShare') => tx(lang, key).toLowerCase();
  if (edge.type === 'MADE_FROM' && typeof share === 'number')
    return `${label('inputShare')} ${percent(share)}`;
  if (edge.type === 'PRODUCES' && typeof weight === 'number')
    return `${label('revenueShare')} ${percent(weight)}`;
  return undefined;
}

/** The share an edge gives its far end, for sorting and for link labels. */
export function edgeShare(edge: Pick<GraphEdge, 'type' | 'props'>): number | undefined {
  if (edge.type === 'MADE_FROM' && typeof edge.props.share === 'number') return edge.props.share;
  if (edge.type === 'PRODUCES' && typeof edge.props.weight === 'number') return edge.props.weight;
  return undefined;
}

/** A fact as a sentence, e.g. "宁德时代 生产 动力电池（收入占比 62%）". */
export function factSentence(
  type: EdgeType,
  from: string,
  to: string,
  props: GraphEdge['props'],
  lang: Lang,
): string {
  const figure = edgeFigure({ type, props }, lang);
  const tail = figure ? (lang === 'zh' ? `（${figure}）` : ` (${figure})`) : '';
  return `${from} ${relationLabel(type, lang)} ${to}${tail}`;
}

export function typeName(type: NodeType, lang: Lang): string {
  return tx(lang, type);
}

const DATASETS: Record<string, 'datasetDemo' | 'datasetChainkg' | 'datasetIckg' | 'datasetImf'> = {
  demo: 'datasetDemo',
  chainkg: 'datasetChainkg',
  ickg25: 'datasetIckg',
  ickg: 'datasetIckg',
  imf: 'datasetImf',
};

/** A dataset's name for people; user imports keep the name they were given. */
export function datasetName(source: string, lang: Lang): string {
  if (source.startsWith('document:')) return tx(lang, 'datasetDocument');
  const key = DATASETS[source];
  return key ? tx(lang, key) : source;
}

/** `edges.jsonl:1338` → file and line; a record that is not a line of a file has neither. */
export function recordPlace(record: string): { file?: string; line?: number } {
  const m = /^([^/\\:]+\.[A-Za-z0-9]+):(\d+)$/.exec(record);
  return m ? { file: m[1]!, line: Number(m[2]) } : {};
}

/** Where a fact was read, in words: "chainkg 产业链知识图谱 · company_product.jsonl 第 5726 行". */
export function provenanceLabel(p: Pick<Provenance, 'source' | 'record'>, lang: Lang): string {
  const place = recordPlace(p.record);
  const where = place.file
    ? `${place.file} ${tx(lang, 'lineN', { n: place.line! })}`
    : p.source.startsWith('document:')
      ? p.record
      : '';
  return [datasetName(p.source, lang), where].filter(Boolean).join(' · ');
}

const LEVELS = ['country', 'province', 'city', 'district'] as const;

/** A region's level in words, or undefined for anything else. */
export function levelName(level: unknown, lang: Lang): string | undefined {
  const known = LEVELS.find((l) => l === level);
  return known ? tx(lang, known) : undefined;
}

/**
 * A citation's source for people: a document keeps its title; a graph record (`demo edges.jsonl:1338`)
 * reads as its dataset, file and line.
 */
export function citationSource(citation: { source: string; docId?: string | undefined }, lang: Lang): string {
  if (citation.docId) return citation.source;
  const at = citation.source.indexOf(' ');
  if (at < 0) return datasetName(citation.source, lang);
  return provenanceLabel(
    { source: citation.source.slice(0, at), record: citation.source.slice(at + 1) },
    lang,
  );
}
