import type { ChainGraph } from '../chain/graph.js';
import type { ReachCounter } from '../chain/reach.js';
import { criticality } from '../risk/factors/criticality.js';
import { type Text, text } from '../risk/types.js';

export interface Candidate {
  id: string;
  name: string;
  province?: string;
  /** The product's revenue share in the candidate (clamped to [0, 1]); how specialised it is. */
  weight?: number;
}

export interface ChainGap {
  id: string;
  name: string;
  /** Tiers above the chain's product (1 = a direct input). */
  tier: number;
  localProducers: number;
  outsideProducers: number;
  /** Criticality score (0–1) of the input on the whole product graph. */
  criticality: number;
  candidates: Candidate[];
}

export interface GapReport {
  region: { id: string; name: string };
  chain: { id: string; name: string };
  tiers: number;
  inputs: number;
  gaps: ChainGap[];
  notes: Text[];
}

export interface GapOptions {
  /** Inputs up to this many tiers above the chain's product. */
  tiers?: number;
  /** An input with at most this many producers inside the region is a gap. */
  maxLocal?: number;
  candidates?: number;
}

/** The inputs of a chain, breadth-first up MADE_FROM: each with its least tier. */
export function chainInputs(
  g: ChainGraph,
  product: number,
  tiers: number,
): Array<{ node: number; tier: number }> {
  const seen = new Set([product]);
  const out: Array<{ node: number; tier: number }> = [];
  let frontier = [product];
  for (let tier = 1; tier <= tiers && frontier.length > 0; tier++) {
    const next: number[] = [];
    for (const p of frontier)
      for (const l of g.inputs(p)) {
        if (seen.has(l.node)) continue;
        seen.add(l.node);
        next.push(l.node);
        out.push({ node: l.node, tier });
      }
    frontier = next;
  }
  return out;
}

/** Producers of a product ranked by specialisation (revenue share), then name. */
export function rankedProducers(g: ChainGraph, producers: readonly number[], product: number): Candidate[] {
  const weightOf = new Map(g.producers(product).map((l) => [l.node, l.props.weight]));
  return producers
    .map((e): Candidate => {
      const province = g.province(e);
      const w = weightOf.get(e);
      return {
        id: g.ids[e]!,
        name: g.names[e]!,
        ...(province >= 0 ? { province: g.names[province]! } : {}),
        ...(typeof w === 'number' ? { weight: Math.min(1, Math.max(0, w)) } : {}),
      };
    })
    .sort((a, b) => (b.weight ?? -1) - (a.weight ?? -1) || a.name.localeCompare(b.name));
}

/**
 * Chain gaps of a region (补链): inputs of the chain with no or few producers inside the region,
 * most critical first, each with candidate producers elsewhere to attract (招商).
 */
export function chainGaps(
  g: ChainGraph,
  region: number,
  chain: number,
  reach: ReachCounter,
  options: GapOptions = {},
): GapReport {
  const tiers = options.tiers ?? 3;
  const maxLocal = options.maxLocal ?? 1;
  const inputs = chainInputs(g, chain, tiers);
  const gaps: ChainGap[] = [];
  for (const { node, tier } of inputs) {
    const producers = g.producers(node).map((l) => l.node);
    const local = producers.filter((e) => g.within(e, region));
    if (local.length > maxLocal) continue;
    const outside = producers.filter((e) => !g.within(e, region));
    const c = criticality(g, node, reach, 3);
    gaps.push({
      id: g.ids[node]!,
      name: g.names[node]!,
      tier,
      localProducers: local.length,
      outsideProducers: outside.length,
      criticality: c.ok ? c.measured.score : 0,
      candidates: rankedProducers(g, outside, node).slice(0, options.candidates ?? 5),
    });
  }
  gaps.sort((a, b) => b.criticality - a.criticality || a.tier - b.tier || a.name.localeCompare(b.name));
  const notes: Text[] = [];
  const unmade = gaps.filter((x) => x.outsideProducers === 0 && x.localProducers === 0).length;
  if (unmade > 0)
    notes.push(
      text(
        `${unmade} gap(s) have no recorded producer anywhere; candidates need sources beyond the graph.`,
        `${unmade} 项缺口在图谱中没有任何生产企业记录，需借助图谱外信息寻找招商对象。`,
      ),
    );
  const unlocated = g.nodesOfType('Enterprise').filter((e) => !g.located(e)).length;
  if (unlocated > 0)
    notes.push(
      text(
        `${unlocated} enterprise(s) have no recorded location and count as outside the region.`,
        `${unlocated} 家企业无所在地记录，按区域外计。`,
      ),
    );
  return {
    region: { id: g.ids[region]!, name: g.names[region]! },
    chain: { id: g.ids[chain]!, name: g.names[chain]! },
    tiers,
    inputs: inputs.length,
    gaps,
    notes,
  };
}
