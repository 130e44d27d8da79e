import { isUserFacing } from '../../../engine/errors.js';
import type { Engine } from '../../../engine/container.js';
import { type Outlook, outlooks } from '../../../engine/risk/prices.js';
import { riskReport } from '../../../engine/risk/service.js';
import type { ScopeKind } from '../../../engine/risk/types.js';
import type { GraphNode, NodeType, Principal } from '../../../knowledge-graph/schema/index.js';
import type { Lang } from '../i18n.js';
import { citationHref, nodeHref } from '../../../engine/links.js';
import { tx } from '../text/explore.js';
import { producerSplit } from './expand.js';
import type { Locality } from './locality.js';
import { levelName, provenanceLabel, typeName } from './words.js';

export interface Named {
  name: string;
  href?: string;
}

export interface Fact {
  label: string;
  value: string;
  href?: string;
}

export interface SourceLink {
  label: string;
  href?: string;
}

export interface RiskSummary {
  score: number;
  level: 'low' | 'moderate' | 'high' | 'severe';
  levelLabel: string;
  /** The factors that add most to the score, each in a sentence. */
  reasons: string[];
  /** For scopes over several products: the riskiest of them. */
  products: Array<Named & { score: number }>;
}

export interface PriceChart {
  id: string;
  name: string;
  unit: string;
  history: Array<[string, number]>;
  forecast: Array<[string, number, number, number]>;
  sentence: string;
}

export interface NodePanel {
  id: string;
  name: string;
  type: NodeType;
  typeLabel: string;
  href?: string;
  facts: Fact[];
  producers?: { total: number; local: number; items: Array<Named & { local: boolean; share?: number }> };
  sources: SourceLink[];
  documents: SourceLink[];
}

const RISK_KIND: Partial<Record<NodeType, ScopeKind>> = {
  Product: 'product',
  Enterprise: 'enterprise',
  Industry: 'industry',
  Region: 'region',
};

const named = (node: { id: string; type: NodeType; name: string }): Named => {
  const href = nodeHref(node);
  return href ? { name: node.name, href } : { name: node.name };
};

/** The node's risk, or null where the risk model cannot place it (too little data, not in the chain). */
export async function riskSummary(
  engine: Engine,
  node: GraphNode,
  principal: Principal,
  lang: Lang,
): Promise<RiskSummary | null> {
  const kind = RISK_KIND[node.type];
  if (!kind) return null;
  try {
    const report = await riskReport(engine, `${kind}:${node.id}`, principal);
    return {
      score: Math.round(report.score),
      level: report.level,
      levelLabel: tx(lang, report.level),
      reasons: [...report.factors]
        .sort((a, b) => b.contribution - a.contribution)
        .slice(0, 3)
        .map((f) => `${f.label[lang]}${lang === 'zh' ? '：' : ': '}${f.explanation[lang]}`),
      products: report.products
        .filter((p) => p.id !== node.id)
        .slice(0, 5)
        .map((p) => ({ ...named({ id: p.id, type: 'Product', name: p.name }), score: Math.round(p.score) })),
    };
  } catch (error) {
    if (isUserFacing(error)) return null;
    throw error;
  }
}

export function priceChart(o: Outlook, lang: Lang): PriceChart {
  return {
    id: o.seriesId,
    name: o.name,
    unit: o.unit ?? '',
    history: o.history.map((p) => [p.date, p.value]),
    // Prices are never negative: the band is cut at zero.
    forecast: o.points.flatMap((p): PriceChart['forecast'] => {
      const lo = p.lo80;
      const hi = p.hi80;
      return p.date && lo !== undefined && hi !== undefined ? [[p.date, p.mean, Math.max(0, lo), hi]] : [];
    }),
    sentence: o.trend.sentence[lang],
  };
}

/** The documents that mention a node, each opening at the passage that first does. */
export async function mentioningDocuments(
  engine: Engine,
  nodeId: string,
  principal: Principal,
  limit: number,
): Promise<SourceLink[]> {
  const mentions = await engine.graph.neighbours(
    nodeId,
    { edgeTypes: ['MENTIONS'], direction: 'in', limit },
    principal,
  );
  return mentions.map((m) => {
    const docId = m.node.id.replace(/^document:/, '');
    const chunkId = m.edge.provenance.find((p) => p.record.startsWith(`${docId}:`))?.record;
    const href = citationHref({ docId, ...(chunkId ? { chunkId } : {}) });
    return href ? { label: m.node.name, href } : { label: m.node.name };
  });
}

async function factsOf(engine: Engine, node: GraphNode, principal: Principal, lang: Lang): Promise<Fact[]> {
  const facts: Fact[] = [{ label: tx(lang, 'type'), value: typeName(node.type, lang) }];
  const p = node.props as Record<string, unknown>;
  const text = (label: Parameters<typeof tx>[1], value: unknown) => {
    if (typeof value === 'string' && value) facts.push({ label: tx(lang, label), value });
  };
  text('fullName', p.fullName !== node.name ? p.fullName : undefined);
  text(
    'stockCode',
    p.code && node.type === 'Enterprise' ? `${p.code}${p.exchange ? `.${p.exchange}` : ''}` : undefined,
  );
  text('code', node.type === 'Industry' ? p.code : undefined);
  text('classification', p.classification);
  text('listedAt', p.listedAt);
  text('level', levelName(p.level, lang));
  if (node.aliases.length > 0)
    facts.push({ label: tx(lang, 'aliases'), value: node.aliases.slice(0, 4).join('、') });
  const related: Array<
    [Parameters<typeof tx>[1], 'IN_INDUSTRY' | 'LOCATED_IN' | 'SUBTYPE_OF' | 'INDUSTRY_PARENT']
  > = [
    ['industry', 'IN_INDUSTRY'],
    [node.type === 'Region' ? 'parentRegion' : 'located', 'LOCATED_IN'],
    ['subtypeOf', 'SUBTYPE_OF'],
    ['parentIndustry', 'INDUSTRY_PARENT'],
  ];
  for (const [label, type] of related) {
    const out = await engine.graph.neighbours(
      node.id,
      { edgeTypes: [type], direction: 'out', limit: 3 },
      principal,
    );
    for (const n of out) facts.push({ label: tx(lang, label), value: n.node.name, ...named(n.node) });
  }
  return facts;
}

/** What the panel shows once the analytics are ready: risk and price outlook. */
export interface NodeInsight {
  risk: RiskSummary | null;
  price: PriceChart | null;
}

/**
 * A node's risk and price outlook. Kept apart from the panel's facts because the first risk
 * question of a server builds the whole analytic graph (seconds on chainkg): the panel shows its
 * facts at once and fills these in when they come.
 */
export async function nodeInsight(
  engine: Engine,
  node: GraphNode,
  principal: Principal,
  lang: Lang,
): Promise<NodeInsight> {
  const [risk, prices] = await Promise.all([
    riskSummary(engine, node, principal, lang),
    node.type === 'Product' ? outlooks(engine, [node.id], 'price', principal) : Promise.resolve(new Map()),
  ]);
  const outlook = prices.get(node.id);
  return { risk, price: outlook ? priceChart(outlook, lang) : null };
}

/** What the explorer's side panel shows of one node at once, as the principal may see it. */
export async function nodePanel(
  engine: Engine,
  node: GraphNode,
  principal: Principal,
  locality: Locality,
  lang: Lang,
): Promise<NodePanel> {
  const [facts, documents] = await Promise.all([
    factsOf(engine, node, principal, lang),
    mentioningDocuments(engine, node.id, principal, 6),
  ]);
  const panel: NodePanel = {
    id: node.id,
    type: node.type,
    typeLabel: typeName(node.type, lang),
    ...named(node),
    facts,
    sources: node.provenance.slice(0, 4).map((p) => {
      const href = citationHref({ nodeId: node.id });
      return href ? { label: provenanceLabel(p, lang), href } : { label: provenanceLabel(p, lang) };
    }),
    documents,
  };
  if (node.type === 'Product') {
    const split = await producerSplit(engine.graph, node.id, principal, locality);
    const flagged = await Promise.all(
      split.producers.map(async (p) => ({
        ...named(p.node),
        local: await locality.isLocal(p.node.id),
        ...(typeof p.edge.props.weight === 'number' ? { share: p.edge.props.weight } : {}),
      })),
    );
    flagged.sort((a, b) => Number(b.local) - Number(a.local) || (b.share ?? 0) - (a.share ?? 0));
    panel.producers = { total: split.total, local: split.local, items: flagged.slice(0, 20) };
  }
  return panel;
}
