import type { ChainGraph } from '../chain/graph.js';
import { type Measurement, measured, missing, pct, text } from './types.js';

/**
 * One factor over several products (an enterprise's, an industry's, a region's): the weighted mean
 * of the products where it could be measured, explained by the highest ones.
 */
export function aggregate(
  g: ChainGraph,
  items: ReadonlyArray<{ node: number; weight: number; m: Measurement }>,
): Measurement {
  const ok = items.flatMap((i) => (i.m.ok ? [{ ...i, measured: i.m.measured }] : []));
  if (ok.length === 0) {
    const first = items.find((i) => !i.m.ok)?.m;
    const reason = first && !first.ok ? first.reason : text('no products in scope', '范围内没有产品');
    return missing(
      text(
        `not measurable for any of the ${items.length} product(s); e.g. ${reason.en}`,
        `${items.length} 种产品均无法度量，例如：${reason.zh}`,
      ),
    );
  }
  const sum = ok.reduce((a, i) => a + i.weight, 0);
  const w = (i: { weight: number }) => (sum > 0 ? i.weight / sum : 1 / ok.length);
  const score = ok.reduce((a, i) => a + w(i) * i.measured.score, 0);
  const value = ok.reduce((a, i) => a + w(i) * i.measured.value, 0);
  const top = [...ok].sort((a, b) => b.measured.score - a.measured.score || a.node - b.node).slice(0, 3);
  const list = top.map((i) => `${g.names[i.node]} (${pct(i.measured.score, 0)})`).join(', ');
  return measured({
    value: Math.round(value * 100) / 100,
    unit: top[0]!.measured.unit,
    score,
    details: { measuredProducts: ok.length, products: items.length, highest: g.names[top[0]!.node]! },
    explanation: text(
      `Weighted mean over ${ok.length} of ${items.length} product(s); highest: ${list}. ${top[0]!.measured.explanation.en}`,
      `对 ${items.length} 种产品中可度量的 ${ok.length} 种加权平均；最高：${list}。${top[0]!.measured.explanation.zh}`,
    ),
    evidence: [
      ...new Set(
        top.flatMap((i) => [i.measured.evidence[0], g.ids[i.node]!]).filter((e): e is string => !!e),
      ),
    ],
  });
}
