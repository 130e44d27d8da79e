import type { ChainGraph } from '../chain/graph.js';
import { rankedProducers } from '../gaps/gaps.js';
import type { Outlook } from '../risk/prices.js';
import type { FactorName, RiskReport } from '../risk/types.js';
import type { Citations } from './citations.js';
import type { Ref } from './position.js';

/** An enterprise named in a recommendation, with where it is and how much of the product it makes. */
export interface Producer extends Ref {
  province?: string;
  /** Share of the product's recorded producer revenue weight, when weights are recorded. */
  share?: number;
}

/** A weak link and what would make it safer, read off its own risk factors and producers. */
export interface SecureAction {
  kind: 'secure';
  product: Ref;
  rank: number;
  score: number;
  level: RiskReport['level'];
  drivers: FactorName[];
  producers: number;
  /** The largest producer, first; the others after it. */
  ranked: Producer[];
  /** The single province holding every located producer, when there is one. */
  onlyProvince?: string;
  /** Its own inputs made by at most one producer. */
  thinInputs: Ref[];
  /** The home region's producers of it, and producers elsewhere to attract (补链招商). */
  gap?: { region: Ref; local: number; candidates: Producer[] };
  cites: number[];
}

/** Inputs whose price outlook moves enough to act on: lock in or hedge rises, stagger buying into falls. */
export interface PriceAction {
  kind: 'price';
  rising: Array<{ product: Ref; series: string; changePct: number; probability: number }>;
  falling: Array<{ product: Ref; series: string; changePct: number; probability: number }>;
  cites: number[];
}

/** When losing the largest producer cuts supply visibly: the other producers to qualify. */
export interface BackupAction {
  kind: 'backup';
  enterprise: Ref;
  product: Ref;
  supplyLossPct: number;
  productsAffected: number;
  others: Producer[];
}

/** A cited policy whose own text offers a lever (补链, 招商, funds, monitoring) for the weak links. */
export interface PolicyAction {
  kind: 'policy';
  policy: { id: string; name: string; docNo?: string; cite: number };
  levers: string[];
  products: Ref[];
}

/** Factors the score could not measure, so the next briefing can. */
export interface DataAction {
  kind: 'data';
  missing: Array<{ name: FactorName; reason: { zh: string; en: string } }>;
}

export type Action = SecureAction | PriceAction | BackupAction | PolicyAction | DataAction;

export interface RecommendInput {
  g: ChainGraph;
  /** The subject's products (focus) and, for region scopes, the region. */
  focus: readonly number[];
  region?: number;
  enterprise?: number;
  risk: RiskReport;
  risks: ReadonlyArray<{ id: string; score: number; level: RiskReport['level']; drivers: FactorName[] }>;
  prices: ReadonlyMap<string, Outlook>;
  /** Products whose prices matter to the subject: itself, its direct inputs and the ranked risks. */
  priced: readonly string[];
  policies: ReadonlyArray<{ id: string; name: string; docNo?: string; passage?: string; cite: number }>;
  removal?: { enterprise: Ref; supplyLossPct: number; productsAffected: number };
  citations: Citations;
}

const WEAK_SCORE = 50;
const MAX_WEAK = 3;
/** A price move smaller than this over the horizon, or less likely than this, is not acted on. */
const PRICE_MOVE_PCT = 3;
const PRICE_PROBABILITY = 0.5;
const BACKUP_LOSS_PCT = 5;
const MAX_POLICIES = 2;

/** Words in a policy's own text that name a lever a briefing can recommend using. */
const LEVERS: ReadonlyArray<readonly [RegExp, string]> = [
  [/补链|强链|延链/, '补链强链'],
  [/招商|引进|引资/, '招商引资'],
  [/配套/, '本地配套'],
  [/补助|奖励|补贴|资金|贴息/, '资金支持'],
  [/长期供货|长协|锁定资源|包销|参股/, '资源锁定'],
  [/监测|预警/, '监测预警'],
];
/** Levers that act on supply itself, which a weak link needs before monitoring. */
const SUPPLY_LEVERS = new Set(['补链强链', '招商引资', '本地配套', '资源锁定']);

/** The province most of the subject's producers are in: the region whose chain gaps matter. */
export function homeRegion(g: ChainGraph, input: Pick<RecommendInput, 'focus' | 'region' | 'enterprise'>) {
  if (input.region !== undefined) return input.region;
  if (input.enterprise !== undefined) {
    const p = g.province(input.enterprise);
    return p >= 0 ? p : undefined;
  }
  const count = new Map<number, number>();
  for (const f of input.focus)
    for (const l of g.producers(f)) {
      const p = g.province(l.node);
      if (p >= 0) count.set(p, (count.get(p) ?? 0) + 1);
    }
  const top = [...count].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0];
  return top?.[0];
}

function producersOf(g: ChainGraph, product: number, among?: readonly number[]): Producer[] {
  const links = g.producers(product);
  const total = links.reduce((a, l) => a + Math.max(0, l.props.weight ?? 0), 0);
  const weight = new Map(links.map((l) => [l.node, Math.max(0, l.props.weight ?? 0)]));
  const byId = new Map(links.map((l) => [g.ids[l.node]!, l.node]));
  return rankedProducers(g, among ?? links.map((l) => l.node), product).map((c) => ({
    id: c.id,
    name: c.name,
    ...(c.province ? { province: c.province } : {}),
    ...(total > 0 ? { share: weight.get(byId.get(c.id)!)! / total } : {}),
  }));
}

/**
 * 对策建议: what to do about this briefing's own risks, each recommendation built from the figures
 * shown elsewhere in it (the weak links' factors and producers, the region's chain gaps, price
 * outlooks, the producer-loss scenario, the cited policies' own wording, the data gaps).
 */
export function recommend(input: RecommendInput): Action[] {
  const { g, citations } = input;
  const actions: Action[] = [];
  const home = homeRegion(g, input);
  // A product briefing's weak links are its inputs; other scopes' are their own products.
  const subjectId = input.risk.scope.kind === 'product' ? input.risk.scope.id : undefined;
  const weak = input.risks
    .map((r, i) => ({ ...r, rank: i + 1 }))
    .filter((r) => r.score >= WEAK_SCORE && r.id !== subjectId)
    .slice(0, MAX_WEAK);
  for (const w of weak) {
    const node = g.find(w.id)!;
    const ranked = producersOf(g, node);
    const provinces = new Set(g.producers(node).map((l) => g.province(l.node)));
    const located = [...provinces].filter((p) => p >= 0);
    const thinInputs = w.drivers.includes('sourcing')
      ? g
          .inputs(node)
          .filter((l) => g.producers(l.node).length <= 1)
          .map((l) => ({ id: g.ids[l.node]!, name: g.names[l.node]! }))
      : [];
    let gap: SecureAction['gap'];
    if (home !== undefined) {
      const all = g.producers(node).map((l) => l.node);
      const local = all.filter((e) => g.within(e, home));
      if (local.length <= 1)
        gap = {
          region: { id: g.ids[home]!, name: g.names[home]! },
          local: local.length,
          candidates: producersOf(
            g,
            node,
            all.filter((e) => !g.within(e, home)),
          ).slice(0, 3),
        };
    }
    const named = new Set([...ranked.slice(0, 3), ...(gap?.candidates ?? [])].map((p) => p.id));
    actions.push({
      kind: 'secure',
      product: { id: w.id, name: g.names[node]! },
      rank: w.rank,
      score: w.score,
      level: w.level,
      drivers: w.drivers,
      producers: ranked.length,
      ranked: ranked.slice(0, 3),
      ...(located.length === 1 && provinces.size === 1 ? { onlyProvince: g.names[located[0]!]! } : {}),
      thinInputs,
      ...(gap ? { gap } : {}),
      cites: citations.cite(
        g
          .producers(node)
          .filter((l) => named.has(g.ids[l.node]!))
          .map((l) => l.edge),
      ),
    });
  }
  const moves = [...new Set(input.priced)]
    .map((id) => input.prices.get(id))
    .filter((o): o is Outlook => o !== undefined && o.kind === 'price');
  const seen = new Set<string>();
  const pick = (dir: 'rise' | 'fall') =>
    moves
      .filter((o) => {
        const change = dir === 'rise' ? o.trend.changePct : -o.trend.changePct;
        const ok =
          change >= PRICE_MOVE_PCT &&
          o.trend.probability[dir] > PRICE_PROBABILITY &&
          !seen.has(`${dir}:${o.seriesId}`);
        if (ok) seen.add(`${dir}:${o.seriesId}`);
        return ok;
      })
      .sort((a, b) => Math.abs(b.trend.changePct) - Math.abs(a.trend.changePct))
      .slice(0, 4)
      .map((o) => ({
        product: { id: o.subjectId, name: g.names[g.find(o.subjectId) ?? -1] ?? o.name },
        series: o.name,
        changePct: o.trend.changePct,
        probability: o.trend.probability[dir],
        seriesId: o.seriesId,
      }));
  const rising = pick('rise');
  const falling = pick('fall');
  if (rising.length + falling.length > 0)
    actions.push({
      kind: 'price',
      rising: rising.map(({ seriesId: _, ...x }) => x),
      falling: falling.map(({ seriesId: _, ...x }) => x),
      cites: citations.cite([...rising, ...falling].map((x) => x.seriesId)),
    });
  const removal = input.removal;
  const subject = input.focus[0];
  if (removal && subject !== undefined && removal.supplyLossPct >= BACKUP_LOSS_PCT) {
    const others = g
      .producers(subject)
      .map((l) => l.node)
      .filter((e) => g.ids[e] !== removal.enterprise.id);
    actions.push({
      kind: 'backup',
      enterprise: removal.enterprise,
      product: { id: g.ids[subject]!, name: g.names[subject]! },
      supplyLossPct: removal.supplyLossPct,
      productsAffected: removal.productsAffected,
      others: producersOf(g, subject, others).slice(0, 3),
    });
  }
  const weakRefs = weak.map((w) => ({ id: w.id, name: g.names[g.find(w.id)!]! }));
  const levered = input.policies
    .map((p) => {
      const text = `${p.name} ${p.passage ?? ''}`;
      const levers = LEVERS.filter(([re]) => re.test(text)).map(([, lever]) => lever);
      return { p, levers, supply: levers.filter((l) => SUPPLY_LEVERS.has(l)).length };
    })
    .filter((x) => x.levers.length > 0)
    .sort((a, b) => b.supply - a.supply || b.levers.length - a.levers.length)
    .slice(0, MAX_POLICIES);
  for (const { p, levers } of levered)
    actions.push({
      kind: 'policy',
      policy: { id: p.id, name: p.name, ...(p.docNo ? { docNo: p.docNo } : {}), cite: p.cite },
      levers,
      products: weakRefs,
    });
  if (input.risk.omitted.length > 0)
    actions.push({
      kind: 'data',
      missing: input.risk.omitted.map((o) => ({ name: o.name, reason: o.reason })),
    });
  return actions;
}
