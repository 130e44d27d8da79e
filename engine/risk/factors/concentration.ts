import type { ChainGraph } from '../../chain/graph.js';
import { hhi, producerShares } from '../../chain/shares.js';
import { type Measurement, measured, missing, pct, text } from '../types.js';

/** Producer concentration of a product: HHI over revenue-share weights where known, counts otherwise. */
export function concentration(g: ChainGraph, product: number): Measurement {
  const producers = g.producers(product);
  if (producers.length === 0)
    return missing(
      text(
        `no producer of ${g.names[product]} is recorded (import enterprise-product data such as chainkg)`,
        `图谱中没有${g.names[product]}的生产企业记录（需导入企业—产品数据，如 chainkg）`,
      ),
    );
  const s = producerShares(producers);
  const value = hhi(s.shares);
  const ranked = producers.map((l, i) => ({ l, share: s.shares[i]! })).sort((a, b) => b.share - a.share);
  const top = ranked[0]!;
  const how =
    s.method === 'weights'
      ? text('revenue-share weights', '营收占比权重')
      : text(
          `equal shares, as ${s.missing} of ${producers.length} producers report no weight`,
          `等权计数（${producers.length} 家中 ${s.missing} 家无营收占比）`,
        );
  const clampNote =
    s.clamped > 0
      ? text(
          `; ${s.clamped} weight(s) outside [0, 1] clamped (segment eliminations in the source)`,
          `；${s.clamped} 个超出 [0,1] 的权重已截断（源数据中的分部抵消等）`,
        )
      : text('', '');
  return measured({
    value: Math.round(value),
    unit: 'HHI',
    score: value / 10_000,
    details: {
      producers: producers.length,
      method: s.method,
      clamped: s.clamped,
      topProducer: g.names[top.l.node]!,
      topShare: top.share,
    },
    explanation: text(
      `HHI ${Math.round(value)} over ${producers.length} producer(s), using ${how.en}${clampNote.en}; largest: ${g.names[top.l.node]} (${pct(top.share)}).`,
      `${producers.length} 家生产企业的 HHI 为 ${Math.round(value)}（${how.zh}${clampNote.zh}）；最大者：${g.names[top.l.node]}（${pct(top.share)}）。`,
    ),
    evidence: ranked.slice(0, 5).map((r) => r.l.edge),
  });
}
