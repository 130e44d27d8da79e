import { describe, expect, it } from 'vitest';
import { chainGraphOf, tyreChain } from '../chain/fixtures.js';
import { ReachCounter } from '../chain/reach.js';
import { alternatives } from './alternatives.js';
import { chainGaps, chainInputs } from './gaps.js';

describe('chain gaps and alternatives on the tyre chain', async () => {
  const g = await chainGraphOf(tyreChain());
  const at = (id: string) => g.find(id)!;

  it('walks the chain up by tier', () => {
    expect(chainInputs(g, at('product:汽车'), 3).map((i) => [g.names[i.node], i.tier])).toEqual([
      ['轮胎', 1],
      ['天然橡胶', 2],
      ['合成橡胶', 2],
      ['钢帘线', 2],
      ['丁二烯', 3],
    ]);
  });

  it('lists inputs with at most one producer in 重庆市, with producers elsewhere as candidates', () => {
    const r = chainGaps(g, at('region:重庆市'), at('product:汽车'), new ReachCounter(g));
    // 轮胎 has E3 and E5 in 重庆市 → not a gap; 钢帘线 has E3 only → gap (1 local)
    const byName = Object.fromEntries(r.gaps.map((x) => [x.name, [x.localProducers, x.outsideProducers]]));
    expect(byName).toEqual({ 天然橡胶: [0, 2], 合成橡胶: [0, 1], 钢帘线: [1, 3], 丁二烯: [0, 1] });
    const nr = r.gaps.find((x) => x.name === '天然橡胶')!;
    expect(nr.candidates.map((c) => [c.name, c.weight])).toEqual([
      ['企业E1', 0.6],
      ['企业E2', 0.2],
    ]);
    const sorted = [...r.gaps].sort((a, b) => b.criticality - a.criticality);
    expect(r.gaps.map((x) => x.criticality)).toEqual(sorted.map((x) => x.criticality));
  });

  it('ranks alternative producers by specialisation, proximity, relationship and independence', () => {
    // For E3 (in 重庆市, supplied by E1, controlled by E7), producers of 钢帘线 other than E3: E1, E2, E4
    const r = alternatives(g, at('product:钢帘线'), at('enterprise:E3'));
    const e1 = r.alternatives.find((a) => a.name === '企业E1')!;
    // no weight → specialisation 0; E1 unlocated → no proximity; relationship 1; independence 1
    expect(e1.components).toEqual({ specialisation: 0, relationship: 1, independence: 1 });
    expect(e1.fit).toBeCloseTo((0.15 + 0.1) / (0.5 + 0.15 + 0.1), 12);
    const e4 = r.alternatives.find((a) => a.name === '企业E4')!;
    expect(e4.components).toEqual({ specialisation: 0, proximity: 0, relationship: 0, independence: 1 });
    expect(e4.fit).toBeCloseTo(0.1 / 1, 12);
    expect(r.alternatives[0]!.name).toBe('企业E1');
    expect(r.alternatives.map((a) => a.name)).not.toContain('企业E3');
  });
});
