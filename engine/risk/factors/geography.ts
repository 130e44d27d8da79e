import type { ChainGraph } from '../../chain/graph.js';
import { type Measurement, measured, missing, pct, text } from '../types.js';

/**
 * Where a product's producers are: the share in the single largest province, and, when a region
 * is being analysed, the share outside it. Producers without a recorded location are left out.
 */
export function geography(g: ChainGraph, product: number, region?: number): Measurement {
  const producers = g.producers(product);
  const byProvince = new Map<number, number>();
  let located = 0;
  let inferred = 0;
  let outside = 0;
  const evidence: string[] = [];
  for (const l of producers) {
    const province = g.province(l.node);
    if (province < 0) continue;
    located++;
    const at = g.outLinks('LOCATED_IN', l.node)[0]!;
    if (at.inferred) inferred++;
    if (evidence.length < 5) evidence.push(at.edge);
    byProvince.set(province, (byProvince.get(province) ?? 0) + 1);
    if (region !== undefined && !g.within(l.node, region)) outside++;
  }
  if (located === 0)
    return missing(
      text(
        producers.length === 0
          ? `no producer of ${g.names[product]} is recorded`
          : `none of the ${producers.length} producers of ${g.names[product]} has a recorded location`,
        producers.length === 0
          ? `图谱中没有${g.names[product]}的生产企业记录`
          : `${g.names[product]}的 ${producers.length} 家生产企业均无所在地记录`,
      ),
    );
  const [topRegion, topCount] = [...byProvince].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]!;
  const topShare = topCount / located;
  const outsideShare = outside / located;
  const score = region === undefined ? topShare : (topShare + outsideShare) / 2;
  const inferredNote =
    inferred > 0
      ? text(
          `; ${inferred} location(s) inferred from registered names`,
          `；其中 ${inferred} 家所在地由注册名称推断`,
        )
      : text('', '');
  const outsideNote =
    region === undefined
      ? text('', '')
      : text(
          `; ${pct(outsideShare)} outside ${g.names[region]}`,
          `；${pct(outsideShare)} 位于${g.names[region]}以外`,
        );
  return measured({
    value: region === undefined ? topShare : outsideShare,
    unit: 'share',
    score,
    details: {
      located,
      provinces: byProvince.size,
      topRegion: g.names[topRegion]!,
      topShare,
      ...(region === undefined ? {} : { outsideShare }),
    },
    explanation: text(
      `${pct(topShare)} of ${located} located producer(s) are in ${g.names[topRegion]} (${byProvince.size} province(s) in all)${outsideNote.en}${inferredNote.en}.`,
      `已知所在地的 ${located} 家生产企业中 ${pct(topShare)} 位于${g.names[topRegion]}（共 ${byProvince.size} 个省级地区）${outsideNote.zh}${inferredNote.zh}。`,
    ),
    evidence,
  });
}
