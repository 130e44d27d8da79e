import { describe, expect, it } from 'vitest';
import { PUBLIC_PRINCIPAL } from '../../knowledge-graph/schema/index.js';
import { percentiles, productPageRank } from './centrality.js';
import { chainGraphOf, productChain, tyreChain } from './fixtures.js';
import { ReachCounter } from './reach.js';

describe('ChainGraph', () => {
  it('resolves provinces through cities and hides private producers from the public', async () => {
    const g = await chainGraphOf(tyreChain());
    const at = (id: string) => g.find(id)!;
    expect(g.names[g.province(at('enterprise:E3'))]).toBe('重庆市');
    expect(g.province(at('enterprise:E1'))).toBe(-1);
    expect(g.within(at('enterprise:E5'), at('region:重庆市'))).toBe(true);
    expect(g.within(at('enterprise:E4'), at('region:重庆市'))).toBe(false);
    expect(g.producers(at('product:丁二烯'))).toHaveLength(1);
    const pub = await chainGraphOf(tyreChain(), PUBLIC_PRINCIPAL);
    expect(pub.producers(pub.find('product:丁二烯')!)).toHaveLength(0);
    expect(pub.find('enterprise:S1')).toBeUndefined();
  });
});

describe('ReachCounter', () => {
  it('counts downstream products and their producers tier by tier', async () => {
    const g = await chainGraphOf(tyreChain());
    const reach = new ReachCounter(g);
    // 天然橡胶 → 轮胎 (E3, E4, E5) → 汽车 (E7)
    expect(reach.downstream(g.find('product:天然橡胶')!, 3)).toEqual({
      products: 2,
      enterprises: 4,
      byTier: [1, 1],
    });
    // 丁二烯 → 合成橡胶 (E6) → 轮胎 (E3, E4, E5): two tiers only
    expect(reach.downstream(g.find('product:丁二烯')!, 2)).toEqual({
      products: 2,
      enterprises: 4,
      byTier: [1, 1],
    });
    expect(reach.downstream(g.find('product:汽车')!, 3).products).toBe(0);
  });

  it('terminates on cycles, counting each product once', async () => {
    const g = await chainGraphOf(
      productChain([
        ['B', 'A'],
        ['C', 'B'],
        ['A', 'C'],
      ]),
    );
    expect(new ReachCounter(g).downstream(g.find('product:A')!, 10)).toEqual({
      products: 2,
      enterprises: 0,
      byTier: [1, 1],
    });
  });
});

describe('productPageRank', () => {
  it('matches the hand-solved stationary ranks of a two-user, one-input graph', async () => {
    // A and C are made from B. With d = 0.85 and B dangling: a = 0.05 + 0.85·b/3,
    // b = 0.05 + 0.85·b/3 + 0.85·2a, 2a + b = 1  ⇒  b = 0.135 / 0.235, a = (1 − b) / 2.
    const g = await chainGraphOf(
      productChain([
        ['A', 'B'],
        ['C', 'B'],
      ]),
    );
    const rank = productPageRank(g, 200, 1e-14);
    const b = 0.135 / 0.235;
    expect(rank[g.find('product:B')!]).toBeCloseTo(b, 9);
    expect(rank[g.find('product:A')!]).toBeCloseTo((1 - b) / 2, 9);
    const pct = percentiles(g, rank);
    expect(pct[g.find('product:B')!]).toBe(1);
    expect(pct[g.find('product:A')!]).toBe(0);
    expect(pct[g.find('product:C')!]).toBe(0);
  });
});
