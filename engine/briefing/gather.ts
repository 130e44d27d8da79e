import type { Principal } from '../../knowledge-graph/schema/index.js';
import type { ChainGraph } from '../chain/graph.js';
import { chainGraph } from '../chain/service.js';
import type { Engine } from '../container.js';
import { chainInputs } from '../gaps/gaps.js';
import { assess, riskContext } from '../risk/assess.js';
import { targetingPolicies } from '../risk/factors/policy.js';
import { type Outlook, outlooks } from '../risk/prices.js';
import { parseScope, resolveScope, scopeAt } from '../risk/scope.js';
import type { RiskFactor, RiskReport, Text } from '../risk/types.js';
import { runScenario, supplyLossOf } from '../scenario/scenario.js';
import type { Citations } from './citations.js';
import { citationsFor } from './citations.js';

export type Lang = 'zh' | 'en';

export interface BriefingProgress {
  percent: number;
  stage: string;
}

export interface RankedRisk {
  id: string;
  name: string;
  score: number;
  level: RiskReport['level'];
  /** The factors contributing most, with citation numbers for their evidence. */
  lead: Array<{ factor: RiskFactor; cites: number[] }>;
}

export interface DependencyMap {
  nodes: Array<{ id: string; name: string; tier: number; score: number; focus: boolean }>;
  edges: Array<{ from: string; to: string; share?: number }>;
}

export interface ScenarioHighlight {
  title: Text;
  productsAffected: number;
  enterprisesAffected: number;
  top: Array<{ name: string; priceChangePct: number; supplyLossPct: number; path: string[] }>;
}

export interface PolicyRef {
  id: string;
  name: string;
  issuer?: string;
  docNo?: string;
  date?: string;
  passage?: string;
  cite: number;
}

export interface BriefingData {
  lang: Lang;
  asOf: string;
  scope: RiskReport['scope'];
  risk: RiskReport;
  /** Citation numbers per factor name, for the factor table. */
  factorCites: Record<string, number[]>;
  risks: RankedRisk[];
  outlooks: Outlook[];
  dependency: DependencyMap;
  scenarios: ScenarioHighlight[];
  policies: PolicyRef[];
  citations: Citations;
}

const TOP_RISKS = 8;
const MAP_NODES = 36;

/**
 * Everything a briefing shows, computed once and rendered into each format: the scope's risk,
 * its riskiest products or inputs, forecasts, a dependency map, two standard scenarios and the
 * policies that target it, with numbered citations for every piece of evidence.
 */
export async function gatherBriefing(
  engine: Engine,
  scopeText: string,
  principal: Principal,
  options: { lang: Lang; asOf?: string },
  progress: (p: BriefingProgress) => void = () => {},
): Promise<BriefingData> {
  progress({ percent: 5, stage: 'graph' });
  const g = await chainGraph(engine, principal);
  const scope = await resolveScope(engine.graph, g, parseScope(scopeText), principal);
  const focus = scope.products.map((p) => p.node);
  const candidates = riskCandidates(g, scope.kind, focus);
  progress({ percent: 20, stage: 'forecasts' });
  const ids = [
    ...new Set([...focus, ...candidates, ...focus.flatMap((n) => g.inputs(n).map((l) => l.node))]),
  ].map((n) => g.ids[n]!);
  const prices = await outlooks(engine, ids, 'price', principal);
  const demand = await outlooks(
    engine,
    focus.slice(0, 3).map((n) => g.ids[n]!),
    'demand',
    principal,
  );
  progress({ percent: 45, stage: 'risk' });
  const ctx = riskContext(g, prices);
  const risk = assess(ctx, scope);
  const citations = citationsFor(g, options.lang);
  const factorCites = Object.fromEntries(
    risk.factors.map((f) => [f.name, citations.cite(f.evidence.slice(0, 3))]),
  );
  const risks = candidates
    .map((n) => ({ n, report: assess(ctx, scopeAt(g, 'product', n)) }))
    .sort((a, b) => b.report.score - a.report.score || a.report.scope.name.localeCompare(b.report.scope.name))
    .slice(0, TOP_RISKS)
    .map(
      ({ report }): RankedRisk => ({
        id: report.scope.id,
        name: report.scope.name,
        score: report.score,
        level: report.level,
        lead: report.factors
          .slice(0, 2)
          .map((factor) => ({ factor, cites: citations.cite(factor.evidence.slice(0, 2)) })),
      }),
    );
  progress({ percent: 60, stage: 'scenarios' });
  const scenarios = highlights(g, scope.kind, scope.node, focus, risks);
  const directInputs =
    scope.kind === 'product'
      ? [...g.inputs(focus[0]!)]
          .sort((a, b) => (b.props.share ?? 0) - (a.props.share ?? 0))
          .map((l) => g.ids[l.node]!)
      : [];
  progress({ percent: 70, stage: 'policies' });
  const policies = await policyRefs(engine, g, [scope.node, ...focus], principal, citations, options.lang);
  const picked = [
    ...focus.flatMap((n) => [prices.get(g.ids[n]!), demand.get(g.ids[n]!)]),
    ...directInputs.map((id) => prices.get(id)),
    ...risks.map((r) => prices.get(r.id)),
  ].filter((o): o is Outlook => o !== undefined);
  await citations.resolve(engine.graph, principal);
  progress({ percent: 80, stage: 'render' });
  return {
    lang: options.lang,
    asOf: options.asOf ?? new Date().toISOString().slice(0, 10),
    scope: risk.scope,
    risk,
    factorCites,
    risks,
    outlooks: [...new Map(picked.map((o) => [o.seriesId, o])).values()].slice(0, 4),
    dependency: dependencyMap(g, focus, (n) => risks.find((r) => r.id === g.ids[n])?.score ?? 0),
    scenarios,
    policies,
    citations,
  };
}

/** What "top risks" ranks: a product's inputs (two tiers) with itself; otherwise the scope's products. */
function riskCandidates(g: ChainGraph, kind: string, focus: readonly number[]): number[] {
  if (kind !== 'product') return [...focus];
  return [focus[0]!, ...chainInputs(g, focus[0]!, 2).map((i) => i.node)];
}

function highlights(
  g: ChainGraph,
  kind: string,
  node: number,
  focus: readonly number[],
  risks: readonly RankedRisk[],
): ScenarioHighlight[] {
  const out: ScenarioHighlight[] = [];
  // The riskiest direct input of the subject, so the highlight shows what reaches the subject.
  const direct = new Set(focus[0] === undefined ? [] : g.inputs(focus[0]).map((l) => l.node));
  const ranked = risks.map((r) => g.find(r.id)!);
  const shockAt = ranked.find((n) => direct.has(n)) ?? ranked.find((n) => n !== focus[0]) ?? focus[0];
  if (shockAt !== undefined) {
    const r = runScenario(g, [
      {
        spec: { kind: 'price', product: g.names[shockAt]!, change: 0.3 },
        direct: [{ product: shockAt, price: 0.3 }],
      },
    ]);
    out.push(
      summary(
        r,
        { en: `${g.names[shockAt]} price +30%`, zh: `${g.names[shockAt]}价格上涨 30%` },
        g.ids[focus[0]!],
      ),
    );
  }
  const removed =
    kind === 'enterprise'
      ? [node]
      : kind === 'region'
        ? g.nodesOfType('Enterprise').filter((e) => g.within(e, node))
        : largestProducer(g, focus[0]);
  if (removed.length > 0) {
    const name = kind === 'region' ? g.names[node]! : g.names[removed[0]!]!;
    const r = runScenario(g, [
      {
        spec: { kind: 'remove', target: kind === 'region' ? 'region' : 'enterprise', name },
        direct: supplyLossOf(g, removed, 1),
        removed,
      },
    ]);
    out.push(summary(r, { en: `${name} drops out of supply`, zh: `${name}停产退出供应` }, g.ids[focus[0]!]));
  }
  return out;
}

function largestProducer(g: ChainGraph, product: number | undefined): number[] {
  if (product === undefined) return [];
  const ranked = [...g.producers(product)].sort(
    (a, b) => (b.props.weight ?? 0) - (a.props.weight ?? 0) || a.node - b.node,
  );
  return ranked.length > 0 ? [ranked[0]!.node] : [];
}

/** The scenario's five largest downstream impacts, the subject's own first when it is reached. */
function summary(
  r: ReturnType<typeof runScenario>,
  title: Text,
  subject: string | undefined,
): ScenarioHighlight {
  const downstream = r.products.filter((p) => p.path.length > 1);
  const own = downstream.filter((p) => p.id === subject);
  return {
    title,
    productsAffected: r.totals.productsAffected,
    enterprisesAffected: r.totals.enterprisesAffected,
    top: [...own, ...downstream.filter((p) => p.id !== subject)].slice(0, 5).map((p) => ({
      name: p.name,
      priceChangePct: p.priceChangePct,
      supplyLossPct: p.supplyLossPct,
      path: p.path,
    })),
  };
}

/** The focus products, their inputs (two tiers) and direct users, laid out by tier. */
function dependencyMap(
  g: ChainGraph,
  focus: readonly number[],
  scoreOf: (n: number) => number,
): DependencyMap {
  const tiers = new Map<number, number>();
  for (const f of focus.slice(0, 3)) {
    tiers.set(f, 0);
    for (const u of g.users(f).slice(0, 6)) if (!tiers.has(u.node)) tiers.set(u.node, 1);
    for (const i of chainInputs(g, f, 2)) if (!tiers.has(i.node)) tiers.set(i.node, -i.tier);
  }
  const kept = [...tiers].slice(0, MAP_NODES);
  const keep = new Set(kept.map(([n]) => n));
  const edges: DependencyMap['edges'] = [];
  for (const [n] of kept)
    for (const l of g.inputs(n))
      if (keep.has(l.node))
        edges.push({
          from: g.ids[l.node]!,
          to: g.ids[n]!,
          ...(l.props.share !== undefined ? { share: l.props.share } : {}),
        });
  return {
    nodes: kept.map(([n, tier]) => ({
      id: g.ids[n]!,
      name: g.names[n]!,
      tier,
      score: scoreOf(n),
      focus: tier === 0,
    })),
    edges,
  };
}

async function policyRefs(
  engine: Engine,
  g: ChainGraph,
  nodes: readonly number[],
  principal: Principal,
  citations: Citations,
  lang: Lang,
): Promise<PolicyRef[]> {
  const ids = targetingPolicies(g, nodes).map((p) => g.ids[p]!);
  const found = await engine.graph.getNodes(ids.slice(0, 8), principal);
  const passages = await policyPassages(engine, g.names[nodes[0]!]!, principal, lang);
  return found.map((p) => {
    const props = p.props as { issuer?: string; docNo?: string; date?: string };
    const passage = passages.find((h) => h.title === p.name || (props.docNo && h.docNo === props.docNo));
    return {
      id: p.id,
      name: p.name,
      ...(props.issuer ? { issuer: props.issuer } : {}),
      ...(props.docNo ? { docNo: props.docNo } : {}),
      ...(props.date ? { date: props.date } : {}),
      ...(passage ? { passage: passage.snippet } : {}),
      cite: citations.cite([p.id])[0]!,
    };
  });
}

/** Policy passages about the subject from the document index, when documents were ingested. */
async function policyPassages(
  engine: Engine,
  subject: string,
  principal: Principal,
  lang: Lang,
): Promise<Array<{ title: string; docNo?: string; snippet: string }>> {
  try {
    const { retrievalFor } = await import('../retrieval.js');
    const index = await retrievalFor(engine);
    const hits = await index.search(lang === 'zh' ? `${subject} 政策 支持 风险` : `${subject} policy`, {
      principal,
      k: 12,
    });
    return hits.map((h) => ({ title: h.title, ...(h.docNo ? { docNo: h.docNo } : {}), snippet: h.snippet }));
  } catch {
    // No documents ingested (or no index): policies are still listed from the graph, without passages.
    return [];
  }
}
