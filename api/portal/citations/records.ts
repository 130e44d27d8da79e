import { relationLabel } from '../../../engine/ask/labels.js';
import type { Engine } from '../../../engine/container.js';
import type { GraphEdge, GraphNode, Principal } from '../../../knowledge-graph/schema/index.js';
import { edgeFigure, levelName, percent } from '../explore/words.js';
import type { Lang } from '../i18n.js';
import { nodeHref } from '../../../engine/links.js';
import { tx } from '../text/explore.js';
import type { Party, RecordView } from './pages.js';
import { rawLine } from './raw-line.js';

const party = (n: GraphNode): Party => {
  const href = nodeHref(n);
  return { id: n.id, type: n.type, name: n.name, ...(href ? { href } : {}) };
};

async function withRaw(
  engine: Engine,
  provenance: GraphNode['provenance'],
): Promise<RecordView['provenance']> {
  return Promise.all(
    provenance.map(async (p) => {
      const line = p.source.startsWith('document:') ? undefined : await rawLine(engine, p.source, p.record);
      return line ? { ...p, raw: line } : p;
    }),
  );
}

/** A graph edge as a fact in words with where it was read, or null when the principal may not see it. */
export async function edgeRecord(
  engine: Engine,
  id: string,
  principal: Principal,
  lang: Lang,
): Promise<RecordView | null> {
  const edge: GraphEdge | null = await engine.graph.getEdge(id, principal);
  if (!edge) return null;
  const ends = await engine.graph.getNodes([edge.from, edge.to], principal);
  const from = ends.find((n) => n.id === edge.from);
  const to = ends.find((n) => n.id === edge.to);
  if (!from || !to) return null;
  const details: Array<[string, string]> = [];
  const { relation, observations, firstSeen, lastSeen, products, stake } = edge.props as Record<
    string,
    unknown
  >;
  if (typeof relation === 'string') details.push([tx(lang, 'note'), relation]);
  if (typeof stake === 'number') details.push([tx(lang, 'share'), percent(stake)]);
  if (typeof firstSeen === 'string' || typeof lastSeen === 'string')
    details.push([tx(lang, 'date'), [firstSeen, lastSeen].filter((d) => typeof d === 'string').join(' – ')]);
  if (typeof observations === 'number' && observations > 1) details.push(['#', String(observations)]);
  if (Array.isArray(products)) {
    const named = await engine.graph.getNodes(
      products.filter((p): p is string => typeof p === 'string'),
      principal,
    );
    if (named.length > 0) details.push([tx(lang, 'productsAndShares'), named.map((n) => n.name).join('、')]);
  }
  const figure = edgeFigure(edge, lang);
  return {
    kind: 'edge',
    subject: party(from),
    relation: relationLabel(edge.type, lang),
    object: party(to),
    ...(figure ? { figure } : {}),
    details,
    provenance: await withRaw(engine, edge.provenance),
  };
}

/** A graph node with what it states and where it was read, or null when the principal may not see it. */
export async function nodeRecord(
  engine: Engine,
  id: string,
  principal: Principal,
  lang: Lang,
): Promise<RecordView | null> {
  const node = await engine.graph.getNode(id, principal);
  if (!node) return null;
  const p = node.props as Record<string, unknown>;
  const details: Array<[string, string]> = [];
  const add = (label: Parameters<typeof tx>[1], value: unknown) => {
    if (typeof value === 'string' && value && value !== node.name) details.push([tx(lang, label), value]);
  };
  add('fullName', p.fullName);
  add('stockCode', p.code);
  add('listedAt', p.listedAt);
  add('classification', p.classification);
  add('level', levelName(p.level, lang));
  add('unit', p.unit);
  if (node.aliases.length > 0) details.push([tx(lang, 'aliases'), node.aliases.join('、')]);
  return { kind: 'node', subject: party(node), details, provenance: await withRaw(engine, node.provenance) };
}
