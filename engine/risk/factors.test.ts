import { describe, expect, it } from 'vitest';
import { PUBLIC_PRINCIPAL } from '../../knowledge-graph/schema/index.js';
import { chainGraphOf, tyreChain } from '../chain/fixtures.js';
import type { ChainGraph } from '../chain/graph.js';
import { ReachCounter } from '../chain/reach.js';
import { concentration } from './factors/concentration.js';
import { criticality } from './factors/criticality.js';
import { geography } from './factors/geography.js';
import { policy } from './factors/policy.js';
import { price } from './factors/price.js';
import { relations } from './factors/relations.js';
import { sourcing } from './factors/sourcing.js';
import type { Outlook } from './prices.js';
import type { Measured, Measurement } from './types.js';

function ok(m: Measurement): Measured {
  if (!m.ok) throw new Error(`expected a measurement, got: ${m.reason.en}`);
  return m.measured;
}

describe('risk factors on the hand-built tyre chain', async () => {
  const g: ChainGraph = await chainGraphOf(tyreChain());
  const at = (id: string) => g.find(id)!;
  const tyre = at('product:轮胎');

  it('concentration: HHI over clamped revenue-share weights, saying so', () => {
    const m = ok(concentration(g, tyre));
    // weights 0.9, 1.4 → 1, −0.1 → 0: HHI = (0.9² + 1²) / 1.9² × 10,000 = 5013.85
    expect(m.value).toBe(5014);
    expect(m.score).toBeCloseTo(1.81 / 3.61, 12);
    expect(m.details).toMatchObject({ producers: 3, method: 'weights', clamped: 2, topProducer: '企业E4' });
    expect(m.explanation.en).toMatch(/2 weight\(s\) outside \[0, 1\] clamped/);
    expect(m.evidence[0]).toBe('PRODUCES|enterprise:E4|product:轮胎');
    // 天然橡胶: 0.6 and 0.2 → shares 0.75 / 0.25 → 6250
    expect(ok(concentration(g, at('product:天然橡胶'))).value).toBe(6250);
    // 钢帘线: four producers without weights → counts → 2500
    expect(ok(concentration(g, at('product:钢帘线'))).details.method).toBe('counts');
    expect(ok(concentration(g, at('product:钢帘线'))).value).toBe(2500);
  });

  it('concentration is omitted where no producer is visible, never faked', async () => {
    const pub = await chainGraphOf(tyreChain(), PUBLIC_PRINCIPAL);
    const m = concentration(pub, pub.find('product:丁二烯')!);
    expect(m.ok).toBe(false);
    expect(ok(concentration(g, at('product:丁二烯'))).value).toBe(10_000);
  });

  it('sourcing: share-weighted single- and few-source inputs', () => {
    const m = ok(sourcing(g, tyre));
    // 天然橡胶 2 producers (0.5) × 0.4 + 合成橡胶 1 producer (1) × 0.35 + 钢帘线 4 producers (0) × 0.25
    expect(m.score).toBeCloseTo(0.55, 12);
    expect(m.value).toBe(2);
    expect(m.details).toMatchObject({ inputs: 3, single: 1, few: 1, noProducer: 0, shareMethod: 'known' });
    expect(m.evidence[0]).toBe('MADE_FROM|product:轮胎|product:合成橡胶');
    expect(sourcing(g, at('product:天然橡胶')).ok).toBe(false);
  });

  it('geography: share in the top province, and outside an analysed region', () => {
    const m = ok(geography(g, tyre));
    // E3 and E5 in 渝北区 ⊂ 重庆市, E4 in 浙江省
    expect(m.score).toBeCloseTo(2 / 3, 12);
    expect(m.details).toMatchObject({ located: 3, provinces: 2, topRegion: '重庆市' });
    expect(m.explanation.en).toMatch(/1 location\(s\) inferred/);
    const inCq = ok(geography(g, tyre, at('region:重庆市')));
    expect(inCq.value).toBeCloseTo(1 / 3, 12);
    expect(inCq.score).toBeCloseTo((2 / 3 + 1 / 3) / 2, 12);
    expect(geography(g, at('product:天然橡胶')).ok).toBe(false);
  });

  it('criticality: downstream reach within N tiers and PageRank percentile', () => {
    const m = ok(criticality(g, at('product:天然橡胶'), new ReachCounter(g), 3));
    expect(m.details).toMatchObject({ downstreamProducts: 2, downstreamEnterprises: 4, directUsers: 1 });
    const reachScore = Math.log10(3) / Math.log10(1001);
    expect(m.score).toBeCloseTo(0.5 * reachScore + 0.5 * (m.details.centralityPercentile as number), 12);
  });

  it('relations: supplier reliance, control and isolation of the producers', () => {
    // E3: one supplier (1), controlled by E7 (1), no competitor (1) → 0.5 + 0.25 + 0.25; E4, E5 absent
    const m = ok(
      relations(
        g,
        g.producers(tyre).map((l) => l.node),
        '轮胎',
      ),
    );
    expect(m.score).toBe(1);
    expect(m.details).toMatchObject({
      enterprises: 3,
      appearing: 1,
      suppliers: 1,
      controlled: 1,
      recentSupplyEdges: 1,
    });
    expect(relations(g, [at('enterprise:E6')], '合成橡胶').ok).toBe(false);
  });

  it('policy: policies targeting the product', () => {
    const m = ok(policy(g, [tyre], '轮胎'));
    expect(m.value).toBe(1);
    expect(m.score).toBeCloseTo(0.2, 12);
    expect(m.evidence).toEqual(['policy:轮胎产业扶持政策']);
  });

  const outlook = (subjectId: string, changePct: number, perPeriodPct: number): Outlook => ({
    seriesId: `series:${subjectId}`,
    name: `${subjectId} price`,
    subjectId,
    kind: 'price',
    link: { method: 'exact-name', confidence: 1, reason: 'test' },
    history: [],
    points: [{ mean: 100, lo80: 90, hi80: 110 }],
    trend: {
      direction: 'rise',
      changePct,
      probability: { rise: 0.8, flat: 0.1, fall: 0.1 },
      flatBandPct: 2,
      turningPoints: [],
      volatility: { perPeriodPct, level: 'moderate' },
      sentence: { en: 'rises', zh: '上涨' },
    },
    skill: { origins: 12, maeRatio: 0.98, verdict: 'similar', members: {} },
    notes: [],
  });

  it('price: omitted without a series on the product or its inputs, saying which', () => {
    const none = price(g, tyre, new Map());
    expect(none.ok).toBe(false);
    if (!none.ok) expect(none.reason.en).toMatch(/轮胎 or to any of its 3 inputs/);
    const steelCord = price(g, at('product:钢帘线'), new Map());
    if (!steelCord.ok) expect(steelCord.reason.en).toMatch(/no recorded inputs/);
  });

  it('price: scored from the product’s own forecast', () => {
    const m = ok(price(g, tyre, new Map([['product:轮胎', outlook('product:轮胎', 10, 2.5)]])));
    // 0.4 × 10/20 + 0.3 × 2.5/5 + 0.3 × 0.2/0.4
    expect(m.score).toBeCloseTo(0.2 + 0.15 + 0.15, 12);
    expect(m.details).toMatchObject({ via: 'own series', probabilityOfRise: 0.8 });
  });

  it('price: propagated from an input’s forecast by its recorded input share', () => {
    const m = ok(price(g, tyre, new Map([['product:天然橡胶', outlook('product:天然橡胶', 10, 2.5)]])));
    // 天然橡胶 is 0.4 of 轮胎's inputs: change 4%, volatility 1%, width 0.08 →
    // 0.4 × 4/20 + 0.3 × 1/5 + 0.3 × 0.08/0.4
    expect(m.value).toBe(4);
    expect(m.score).toBeCloseTo(0.08 + 0.06 + 0.06, 12);
    expect(m.details).toMatchObject({ via: 'inputs', coveredShare: 0.4, shares: 'known' });
    expect(m.evidence).toEqual(['MADE_FROM|product:轮胎|product:天然橡胶', 'series:product:天然橡胶']);
    expect(m.explanation.en).toMatch(/make up 40% of its inputs \(recorded input shares\)/);
  });
});
