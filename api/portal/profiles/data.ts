import type { Engine } from '../../../engine/container.js';
import { priceSeriesOf } from '../../../engine/prices.js';
import { outlooks } from '../../../engine/risk/prices.js';
import type { EdgeType, GraphNode, Principal } from '../../../knowledge-graph/schema/index.js';
import type { Neighbour } from '../../../knowledge-graph/store/port.js';
import { producerSplit } from '../explore/expand.js';
import { Locality } from '../explore/locality.js';
import {
  mentioningDocuments,
  type PriceChart,
  priceChart,
  type RiskSummary,
  riskSummary,
  type SourceLink,
} from '../explore/panel.js';
import { edgeShare, factSentence } from '../explore/words.js';
import type { Lang } from '../i18n.js';
import { citationHref, nodeHref } from '../../../engine/links.js';

/** One related node as a profile lists it: its name (linked), the fact in words and where to check it. */
export interface Row {
  id: string;
  name: string;
  href?: string;
  share?: number;
  fact: string;
  sourceHref?: string;
  /** Extra words: the products a supplier supplies, the dates a relation was reported. */
  detail?: string;
  local?: boolean;
}

export interface RowList {
  rows: Row[];
  total: number;
}

/** Rows shown per table; the total says how many more the data holds. */
const ROWS = 40;

async function related(
  engine: Engine,
  node: GraphNode,
  steps: ReadonlyArray<{ type: EdgeType; direction: 'in' | 'out' }>,
  principal: Principal,
  lang: Lang,
  detail?: (n: Neighbour) => Promise<string | undefined> | string | undefined,
): Promise<RowList> {
  const found: Neighbour[] = [];
  for (const step of steps)
    found.push(
      ...(await engine.graph.neighbours(
        node.id,
        { edgeTypes: [step.type], direction: step.direction, limit: 100_000 },
        principal,
      )),
    );
  found.sort(
    (a, b) =>
      (edgeShare(b.edge) ?? -1) - (edgeShare(a.edge) ?? -1) || a.node.name.localeCompare(b.node.name, 'zh'),
  );
  const rows = await Promise.all(
    found.slice(0, ROWS).map(async (n): Promise<Row> => {
      const [from, to] = n.direction === 'out' ? [node.name, n.node.name] : [n.node.name, node.name];
      const share = edgeShare(n.edge);
      const href = nodeHref(n.node);
      const sourceHref = citationHref({ edgeId: n.edge.id });
      const extra = detail ? await detail(n) : undefined;
      return {
        id: n.node.id,
        name: n.node.name,
        fact: factSentence(n.edge.type, from, to, n.edge.props, lang),
        ...(href ? { href } : {}),
        ...(share !== undefined ? { share } : {}),
        ...(sourceHref ? { sourceHref } : {}),
        ...(extra ? { detail: extra } : {}),
      };
    }),
  );
  return { rows, total: found.length };
}

/** The names of the products a SUPPLIES edge lists, as the principal may see them. */
function suppliedProducts(engine: Engine, principal: Principal) {
  return async (n: Neighbour) => {
    const ids = Array.isArray(n.edge.props.products)
      ? n.edge.props.products.filter((p): p is string => typeof p === 'string')
      : [];
    if (ids.length === 0) return undefined;
    return (await engine.graph.getNodes(ids, principal)).map((p) => p.name).join('、');
  };
}

const dates = (n: Neighbour) => {
  const { firstSeen, lastSeen } = n.edge.props;
  if (!firstSeen && !lastSeen) return undefined;
  return firstSeen && lastSeen && firstSeen !== lastSeen
    ? `${firstSeen} – ${lastSeen}`
    : (lastSeen ?? firstSeen);
};

const RELATIONS: ReadonlyArray<{ type: EdgeType; direction: 'in' | 'out' }> = [
  { type: 'CONTROLS', direction: 'out' },
  { type: 'CONTROLS', direction: 'in' },
  { type: 'INVESTS_IN', direction: 'out' },
  { type: 'INVESTS_IN', direction: 'in' },
  { type: 'ACQUIRES', direction: 'out' },
  { type: 'ACQUIRES', direction: 'in' },
  { type: 'JOINT_VENTURE', direction: 'out' },
  { type: 'COOPERATES_WITH', direction: 'out' },
  { type: 'COMPETES_WITH', direction: 'out' },
];

export interface EnterpriseProfile {
  node: GraphNode;
  products: RowList;
  industries: RowList;
  regions: RowList;
  suppliers: RowList;
  customers: RowList;
  relations: RowList;
  risk: RiskSummary | null;
  documents: SourceLink[];
}

export async function enterpriseProfile(
  engine: Engine,
  node: GraphNode,
  principal: Principal,
  lang: Lang,
): Promise<EnterpriseProfile> {
  const supplied = suppliedProducts(engine, principal);
  const [products, industries, regions, suppliers, customers, relations, risk, documents] = await Promise.all(
    [
      related(engine, node, [{ type: 'PRODUCES', direction: 'out' }], principal, lang),
      related(engine, node, [{ type: 'IN_INDUSTRY', direction: 'out' }], principal, lang),
      related(engine, node, [{ type: 'LOCATED_IN', direction: 'out' }], principal, lang),
      related(engine, node, [{ type: 'SUPPLIES', direction: 'in' }], principal, lang, supplied),
      related(engine, node, [{ type: 'SUPPLIES', direction: 'out' }], principal, lang, supplied),
      related(engine, node, RELATIONS, principal, lang, dates),
      riskSummary(engine, node, principal, lang),
      mentioningDocuments(engine, node.id, principal, 20),
    ],
  );
  return { node, products, industries, regions, suppliers, customers, relations, risk, documents };
}

export interface ProductProfile {
  node: GraphNode;
  region?: GraphNode;
  producers: RowList & { local: number };
  inputs: RowList;
  outputs: RowList;
  industries: RowList;
  kinds: RowList;
  prices: Array<{ name: string; unit?: string; confidence: number; href?: string }>;
  outlook: PriceChart | null;
  risk: RiskSummary | null;
  documents: SourceLink[];
}

export async function productProfile(
  engine: Engine,
  node: GraphNode,
  principal: Principal,
  lang: Lang,
  region: GraphNode | undefined,
): Promise<ProductProfile> {
  const locality = new Locality(engine.graph, principal, region?.id);
  const [producers, inputs, outputs, industries, kinds, links, outlook, risk, documents] = await Promise.all([
    related(engine, node, [{ type: 'PRODUCES', direction: 'in' }], principal, lang),
    related(
      engine,
      node,
      [
        { type: 'MADE_FROM', direction: 'out' },
        { type: 'UPSTREAM_OF', direction: 'in' },
      ],
      principal,
      lang,
    ),
    related(
      engine,
      node,
      [
        { type: 'MADE_FROM', direction: 'in' },
        { type: 'UPSTREAM_OF', direction: 'out' },
      ],
      principal,
      lang,
    ),
    related(engine, node, [{ type: 'IN_INDUSTRY', direction: 'out' }], principal, lang),
    related(engine, node, [{ type: 'SUBTYPE_OF', direction: 'out' }], principal, lang),
    priceSeriesOf(engine, node.id, principal),
    outlooks(engine, [node.id], 'price', principal),
    riskSummary(engine, node, principal, lang),
    mentioningDocuments(engine, node.id, principal, 20),
  ]);
  const split = await producerSplit(engine.graph, node.id, principal, locality);
  for (const r of producers.rows) r.local = await locality.isLocal(r.id);
  const found = outlook.get(node.id);
  return {
    node,
    ...(region ? { region } : {}),
    producers: { ...producers, local: split.local },
    inputs,
    outputs,
    industries,
    kinds,
    prices: links.map((l) => {
      const href = citationHref({ seriesId: l.series.id });
      return {
        name: l.series.nameZh && lang === 'zh' ? `${l.series.nameZh}（${l.series.name}）` : l.series.name,
        ...(l.series.unit ? { unit: l.series.unit } : {}),
        confidence: l.confidence,
        ...(href ? { href } : {}),
      };
    }),
    outlook: found ? priceChart(found, lang) : null,
    risk,
    documents,
  };
}
