import type { Principal } from '../../knowledge-graph/schema/index.js';
import type { ChainGraph } from '../chain/graph.js';
import { chainGraph } from '../chain/service.js';
import type { Engine } from '../container.js';
import { perEngine } from '../per-engine.js';
import { type Outlook, outlooks } from './prices.js';
import { riskReport } from './service.js';
import { pct, type RiskReport, type Text, text } from './types.js';

export const ALERT_KINDS = ['single-source', 'concentration', 'outside-region', 'rising-price'] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

export interface InputAlert {
  kind: AlertKind;
  input: { id: string; name: string };
  text: Text;
  /** Node, edge and series ids behind the alert. */
  evidence: string[];
}

export interface InputRisk {
  id: string;
  name: string;
  /** Why it is an input: the own products made from it, or the suppliers that make it. */
  via: Array<{ kind: 'made-from' | 'supplier'; name: string }>;
  score: number;
  level: RiskReport['level'];
  price?: { changePct: number; direction: 'rise' | 'flat' | 'fall'; sentence: Text; seriesId: string };
  alerts: InputAlert[];
}

export interface InputAlerts {
  enterprise: { id: string; name: string };
  inputs: InputRisk[];
  /** The most pressing alerts across the inputs, worst first. */
  alerts: InputAlert[];
}

/** Inputs scored per enterprise: each is a risk report, so the set stays small. */
const MAX_INPUTS = 15;
const MAX_ALERTS = 8;
const MAX_PER_KIND = 3;
/** HHI 2,500 and above is a highly concentrated market (US DoJ/FTC merger guidelines). */
const CONCENTRATED = 0.25;
/** Forecast change over the horizon that counts as a rising price. */
const RISING_PCT = 5;
const SEVERITY: Record<AlertKind, number> = {
  'single-source': 4,
  'rising-price': 3,
  'outside-region': 2,
  concentration: 1,
};

interface Cached {
  signature: string;
  result: Promise<InputAlerts | null>;
}

const alertCache = perEngine(() => new Map<string, Cached>());

/**
 * Supply alerts on an enterprise's inputs: what its products are made from and what its suppliers
 * make, ranked by supply risk and price outlook, as `principal` may see them. Kept per engine,
 * enterprise and grants until the graph changes, so the portal page stays fast.
 */
export async function inputAlerts(
  engine: Engine,
  enterpriseId: string,
  principal: Principal,
): Promise<InputAlerts | null> {
  const cache = alertCache(engine);
  const key = `${enterpriseId}|${[...principal.grants].sort().join(',')}`;
  // The graph's version moves on every write, by any replica, even one that leaves the counts as they were.
  const signature = String(await engine.graph.version());
  const hit = cache.get(key);
  if (hit && hit.signature === signature) return hit.result;
  const result = compute(engine, enterpriseId, principal);
  cache.set(key, { signature, result });
  result.catch(() => cache.delete(key));
  return result;
}

async function compute(
  engine: Engine,
  enterpriseId: string,
  principal: Principal,
): Promise<InputAlerts | null> {
  const g = await chainGraph(engine, principal);
  const e = g.find(`enterprise:${enterpriseId}`);
  if (e === undefined) return null;
  const candidates = inputsOf(g, e).slice(0, MAX_INPUTS);
  const prices = await outlooks(
    engine,
    candidates.map((c) => g.ids[c.node]!),
    'price',
    principal,
  );
  const inputs: InputRisk[] = [];
  for (const c of candidates) {
    const id = g.ids[c.node]!;
    const report = await riskReport(engine, `product:${id}`, principal).catch(() => null);
    if (!report) continue;
    const input = { id, name: g.names[c.node]! };
    const outlook = prices.get(id);
    inputs.push({
      ...input,
      via: c.via,
      score: report.score,
      level: report.level,
      ...(outlook ? { price: priceOf(outlook) } : {}),
      alerts: alertsOf(g, e, c.node, input, report, outlook),
    });
  }
  const rank = (i: InputRisk) => i.score + Math.max(0, i.price?.changePct ?? 0);
  inputs.sort((a, b) => rank(b) - rank(a));
  // A few per kind, so one common condition (many single-source parts) cannot hide the others.
  const perKind = new Map<AlertKind, number>();
  const alerts = inputs
    .flatMap((i) => i.alerts.map((a) => ({ a, score: SEVERITY[a.kind] * 100 + i.score })))
    .sort((x, y) => y.score - x.score)
    .filter(({ a }) => {
      const n = (perKind.get(a.kind) ?? 0) + 1;
      perKind.set(a.kind, n);
      return n <= MAX_PER_KIND;
    })
    .slice(0, MAX_ALERTS)
    .map(({ a }) => a);
  return { enterprise: { id: g.ids[e]!, name: g.names[e]! }, inputs, alerts };
}

/** Inputs of the own products by input share, then the suppliers' products; the own products left out. */
function inputsOf(g: ChainGraph, e: number): Array<{ node: number; via: InputRisk['via'] }> {
  const own = new Set(g.productsOf(e).map((l) => l.node));
  const found = new Map<number, { node: number; share: number; via: InputRisk['via'] }>();
  const add = (node: number, share: number, via: InputRisk['via'][number]) => {
    if (own.has(node) || g.types[node] !== 'Product') return;
    const entry = found.get(node) ?? { node, share: 0, via: [] };
    entry.share = Math.max(entry.share, share);
    if (!entry.via.some((v) => v.kind === via.kind && v.name === via.name)) entry.via.push(via);
    found.set(node, entry);
  };
  for (const product of own) {
    for (const l of g.inputs(product)) {
      const share = typeof l.props.share === 'number' ? l.props.share : 0.5;
      add(l.node, 1 + share, { kind: 'made-from', name: g.names[product]! });
    }
  }
  for (const s of g.inLinks('SUPPLIES', e)) {
    for (const l of g.productsOf(s.node))
      add(l.node, l.props.weight ?? 0.5, { kind: 'supplier', name: g.names[s.node]! });
  }
  return [...found.values()].sort((a, b) => b.share - a.share || a.node - b.node);
}

function priceOf(o: Outlook): NonNullable<InputRisk['price']> {
  return {
    changePct: o.trend.changePct,
    direction: o.trend.direction,
    sentence: o.trend.sentence,
    seriesId: o.seriesId,
  };
}

function alertsOf(
  g: ChainGraph,
  e: number,
  node: number,
  input: { id: string; name: string },
  report: RiskReport,
  outlook: Outlook | undefined,
): InputAlert[] {
  const alerts: InputAlert[] = [];
  const producers = g.producers(node);
  const name = input.name;
  if (producers.length === 1) {
    const only = g.names[producers[0]!.node]!;
    alerts.push({
      kind: 'single-source',
      input,
      text: text(
        `${name} has a single recorded producer: ${only}.`,
        `${name}仅有一家生产企业记录：${only}。`,
      ),
      evidence: [producers[0]!.edge],
    });
  }
  const concentration = report.factors.find((f) => f.name === 'concentration');
  if (producers.length > 1 && concentration && concentration.score >= CONCENTRATED) {
    alerts.push({
      kind: 'concentration',
      input,
      text: concentration.explanation,
      evidence: concentration.evidence,
    });
  }
  const home = g.province(e);
  const located = producers.filter((l) => g.province(l.node) >= 0);
  if (home >= 0 && located.length > 0 && located.every((l) => g.province(l.node) !== home)) {
    const region = g.names[home]!;
    alerts.push({
      kind: 'outside-region',
      input,
      text: text(
        `All ${located.length} located producer(s) of ${name} are outside ${region}.`,
        `${name}已知所在地的 ${located.length} 家生产企业均位于${region}以外。`,
      ),
      evidence: located.slice(0, 5).map((l) => l.edge),
    });
  }
  if (outlook && outlook.trend.direction === 'rise' && outlook.trend.changePct >= RISING_PCT) {
    alerts.push({
      kind: 'rising-price',
      input,
      text: text(
        `${outlook.trend.sentence.en} (+${outlook.trend.changePct.toFixed(1)}%, rise probability ${pct(outlook.trend.probability.rise, 0)})`,
        `${outlook.trend.sentence.zh}（预计 +${outlook.trend.changePct.toFixed(1)}%，上涨概率 ${pct(outlook.trend.probability.rise, 0)}）`,
      ),
      evidence: [outlook.seriesId],
    });
  }
  return alerts;
}
