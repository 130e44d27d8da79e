import type { ChainGraph } from '../../chain/graph.js';
import { inputShares } from '../../chain/shares.js';
import { type Measurement, measured, missing, pct, text } from '../types.js';

/** Inputs with at most this many recorded producers count as few-source. */
export const FEW_SOURCES = 3;

/**
 * How exposed a supply of k producers is. An input with no recorded producer is an unknown, not
 * a certainty, so it counts half.
 */
export function sourceSeverity(k: number): number {
  if (k === 0) return 0.5;
  if (k === 1) return 1;
  if (k === 2) return 0.5;
  if (k === 3) return 0.25;
  return 0;
}

/** Single- and few-source inputs of a product, weighted by input share. */
export function sourcing(g: ChainGraph, product: number): Measurement {
  const inputs = g.inputs(product);
  if (inputs.length === 0)
    return missing(
      text(
        `no inputs of ${g.names[product]} are recorded (MADE_FROM edges)`,
        `图谱中没有${g.names[product]}的上游原料记录（MADE_FROM）`,
      ),
    );
  const { shares, method, assumed } = inputShares(inputs);
  let score = 0;
  let single = 0;
  let few = 0;
  let none = 0;
  const exposed: Array<{ name: string; edge: string; producers: number; weight: number }> = [];
  inputs.forEach((l, i) => {
    const k = g.producers(l.node).length;
    const severity = sourceSeverity(k);
    score += shares[i]! * severity;
    if (k === 0) none++;
    else if (k === 1) single++;
    else if (k <= FEW_SOURCES) few++;
    if (severity > 0)
      exposed.push({ name: g.names[l.node]!, edge: l.edge, producers: k, weight: shares[i]! * severity });
  });
  exposed.sort((a, b) => b.weight - a.weight || a.name.localeCompare(b.name));
  const list = exposed
    .slice(0, 3)
    .map((e) => `${e.name} (${e.producers})`)
    .join(', ');
  const shareNote =
    method === 'known'
      ? text('recorded input shares', '已记录的投入占比')
      : text(
          `equal shares assumed for ${assumed} input(s) without one`,
          `${assumed} 项未记录占比的投入按等份计`,
        );
  return measured({
    value: single + few,
    unit: 'inputs',
    score: Math.min(1, score),
    details: { inputs: inputs.length, single, few, noProducer: none, shareMethod: method },
    explanation: text(
      `${single} single-source and ${few} few-source (≤${FEW_SOURCES} producers) of ${inputs.length} inputs, ${none} with no recorded producer; share-weighted exposure ${pct(Math.min(1, score))} (${shareNote.en})${list ? `; most exposed: ${list}` : ''}.`,
      `${inputs.length} 项投入中单一来源 ${single} 项、少数来源（≤${FEW_SOURCES} 家）${few} 项、无生产企业记录 ${none} 项；按占比加权暴露度 ${pct(Math.min(1, score))}（${shareNote.zh}）${list ? `；最突出：${list}` : ''}。`,
    ),
    evidence: exposed.slice(0, 5).map((e) => e.edge),
  });
}
