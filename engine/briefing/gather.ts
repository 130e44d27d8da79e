import type { Principal } from '../../knowledge-graph/schema/index.js';
import type { ChainGraph } from '../chain/graph.js';
import { chainGraph } from '../chain/service.js';
import type { Engine } from '../container.js';
import { chainInputs } from '../gaps/gaps.js';
import { assess, riskContext } from '../risk/assess.js';
import { targetingPolicies } from '../risk/factors/policy.js';
import { type Outlook, outlooks } from '../risk/prices.js';
import { parseScope, resolveScope, scopeAt } from '../risk/scope.js';
import type { FactorName, RiskFactor, RiskReport, Text } from '../risk/types.js';
import { runScenario, supplyLossOf } from '../scenario/scenario.js';
import type { Citations } from './citations.js';
import { citationsFor } from './citations.js';
import { nonNegative } from './intervals.js';
import { type Position, positionOf, type Ref } from './position.js';
import { quote } from './quotes.js';
import { type Action, recommend } from './recommend.js';

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
  /** Why it ranks where it does: its largest contributions, in points of its score. */
  drivers: Array<{ name: FactorName; label: Text; points: number }>;
  /** Where it feeds the subject (product briefings), as drawn on the dependency map. */
  position?: Position;
}

export interface DependencyMap {
  nodes: Array<{ id: string; name: string; tier: number; score: number; focus: boolean; rank?: number }>;
  edges: Array<{ from: string; to: string; share?: number }>;
}

export interface ScenarioHighlight {
  title: Text;
  /** The enterprise taken out of supply, for the producer-loss scenario. */
  removed?: Ref;
  productsAffected: number;
  enterprisesAffected: number;
  top: Array<{ id: string; name: string; priceChangePct: number; supplyLossPct: number; path: string[] }>;
}

export interface PolicyRef {
  id: string;
  name: string;
  issuer?: string;
  docNo?: string;
  date?: string;
  /** Whole sentences from the policy's text about the subject, without source notices. */
  passage?: string;
  /** The document and passage quoted, for a link to the source. */
  docId?: string;
  chunkId?: string;
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
  /** 对策建议, built from the risks, gaps, outlooks, scenarios and policies above. */
  actions: Action[];
  citations: Citations;
}

const TOP_RISKS = 8;
/** What a policy quote should be about besides the subject: support, supply and chain measures. */
const QUOTE_WORDS = ['支持', '保障', '供应', '配套', '补链', '强链', '引进', '风险', 'support', 'supply'];
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
  const prices = nonNegative(await outlooks(engine, ids, 'price', principal));
  const demand = nonNegative(
    await outlooks(
      engine,
      focus.slice(0, 3).map((n) => g.ids[n]!),
      'demand',
      principal,
    ),
  );
  progress({ percent: 45, stage: 'risk' });
  const ctx = riskContext(g, prices);
  const risk = assess(ctx, scope);
  const citations = citationsFor(g, options.lang);
  const factorCites = Object.fromEntries(
    risk.factors.map((f) => [f.name, citations.cite(f.evidence.slice(0, 3))]),
  );
  const subject = scope.kind === 'product' ? focus[0] : undefined;
  const risks = candidates
    .map((n) => ({ n, report: assess(ctx, scopeAt(g, 'product', n)) }))
    .sort((a, b) => b.report.score - a.report.score || a.report.scope.name.localeCompare(b.report.scope.name))
    .slice(0, TOP_RISKS)
    .map(({ n, report }): RankedRisk => {
      const position = subject === undefined ? undefined : positionOf(g, n, subject);
      return {
        id: report.scope.id,
        name: report.scope.name,
        score: report.score,
        level: report.level,
        lead: report.factors
          .slice(0, 2)
          .map((factor) => ({ factor, cites: citations.cite(factor.evidence.slice(0, 2)) })),
        drivers: report.factors
          .filter((f) => f.contribution >= 0.05)
          .slice(0, 3)
          .map((f) => ({ name: f.name, label: f.label, points: f.contribution })),
        ...(position ? { position } : {}),
      };
    });
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
  const removal = scenarios.find((s) => s.removed);
  const actions = recommend({
    g,
    focus,
    ...(scope.kind === 'region' ? { region: scope.node } : {}),
    ...(scope.kind === 'enterprise' ? { enterprise: scope.node } : {}),
    risk,
    risks: risks.map((r) => ({ ...r, drivers: r.drivers.map((d) => d.name) })),
    prices,
    priced: [...focus.map((n) => g.ids[n]!), ...directInputs, ...risks.map((r) => r.id)],
    policies,
    ...(removal?.removed && removal.top[0]
      ? {
          removal: {
            enterprise: removal.removed,
            supplyLossPct: Math.max(...removal.top.map((t) => t.supplyLossPct)),
            productsAffected: removal.productsAffected,
          },
        }
      : {}),
    citations,
  });
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
    dependency: dependencyMap(g, focus, risks),
    scenarios,
    policies,
    actions,
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
    const highlight = summary(
      r,
      { en: `${name} drops out of supply`, zh: `${name}停产退出供应` },
      g.ids[focus[0]!],
    );
    out.push(kind === 'region' ? highlight : { ...highlight, removed: { id: g.ids[removed[0]!]!, name } });
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
      id: p.id,
      name: p.name,
      priceChangePct: p.priceChangePct,
      supplyLossPct: p.supplyLossPct,
      path: p.path,
    })),
  };
}

/**
 * The focus products, their inputs (two tiers) and direct users, laid out by tier. The ranked
 * risks and the products through which they reach the subject are always drawn, so every weak
 * link named in the briefing can be found on the map; other inputs fill the rest in order.
 */
function dependencyMap(g: ChainGraph, focus: readonly number[], risks: readonly RankedRisk[]): DependencyMap {
  const tiers = new Map<number, number>();
  for (const f of focus.slice(0, 3)) {
    tiers.set(f, 0);
    for (const u of g.users(f).slice(0, 6)) if (!tiers.has(u.node)) tiers.set(u.node, 1);
    for (const i of chainInputs(g, f, 2)) if (!tiers.has(i.node)) tiers.set(i.node, -i.tier);
  }
  const must = new Set<number>(focus.slice(0, 3));
  for (const r of risks)
    for (const [i, step] of (r.position?.path ?? []).entries()) {
      const n = g.find(step.id)!;
      must.add(n);
      if (!tiers.has(n)) tiers.set(n, -(r.position!.tier - i));
    }
  const ordered = [...tiers].sort(([a], [b]) => Number(must.has(b)) - Number(must.has(a)));
  const keep = new Set(ordered.slice(0, Math.max(MAP_NODES, must.size)).map(([n]) => n));
  const kept = [...tiers].filter(([n]) => keep.has(n));
  const rankOf = new Map(risks.map((r, i) => [r.id, i + 1]));
  const scoreOf = (n: number) => risks.find((r) => r.id === g.ids[n])?.score ?? 0;
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
      ...(rankOf.has(g.ids[n]!) && tier !== 0 ? { rank: rankOf.get(g.ids[n]!)! } : {}),
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
    const subject = g.names[nodes[0]!]!;
    const passage = passages
      .filter((h) => h.title === p.name || (props.docNo && h.docNo === props.docNo))
      .map((h) => ({
        h,
        text: quote(h.text, subject, QUOTE_WORDS, /\p{Script=Han}/u.test(h.text) ? 'zh' : 'en'),
      }))
      .find((x) => x.text !== undefined);
    return {
      id: p.id,
      name: p.name,
      ...(props.issuer ? { issuer: props.issuer } : {}),
      ...(props.docNo ? { docNo: props.docNo } : {}),
      ...(props.date ? { date: props.date } : {}),
      ...(passage ? { passage: passage.text!, docId: passage.h.docId, chunkId: passage.h.chunkId } : {}),
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
): Promise<Array<{ title: string; docNo?: string; text: string; docId: string; chunkId: string }>> {
  try {
    const { retrievalFor } = await import('../retrieval.js');
    const index = await retrievalFor(engine);
    const hits = await index.search(lang === 'zh' ? `${subject} 政策 支持 风险` : `${subject} policy`, {
      principal,
      k: 12,
    });
    return hits.map((h) => ({
      title: h.title,
      ...(h.docNo ? { docNo: h.docNo } : {}),
      text: h.text,
      docId: h.docId,
      chunkId: h.chunkId,
    }));
  } catch {
    // No documents ingested (or no index): policies are still listed from the graph, without passages.
    return [];
  }
}
