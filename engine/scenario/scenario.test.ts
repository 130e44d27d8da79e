import { describe, expect, it } from 'vitest';
import { chainGraphOf, productChain, tyreChain } from '../chain/fixtures.js';
import type { ChainGraph } from '../chain/graph.js';
import { propagate } from './propagate.js';
import { runScenario, supplyLossOf } from './scenario.js';
import { ShockSchema } from './shock.js';

describe('ShockSchema', () => {
  it('parses price, remove and capacity shocks', () => {
    expect(ShockSchema.parse('price:天然橡胶:+30%')).toEqual({
      kind: 'price',
      product: '天然橡胶',
      change: 0.3,
    });
    expect(ShockSchema.parse('price:原油:-12.5%')).toEqual({
      kind: 'price',
      product: '原油',
      change: -0.125,
    });
    expect(ShockSchema.parse('remove:enterprise:企业E1')).toEqual({
      kind: 'remove',
      target: 'enterprise',
      name: '企业E1',
    });
    expect(ShockSchema.parse('capacity:轮胎:-20%')).toEqual({
      kind: 'capacity',
      target: 'product',
      name: '轮胎',
      cut: 0.2,
    });
    expect(ShockSchema.parse('capacity:enterprise:企业E3:-50%')).toMatchObject({
      target: 'enterprise',
      cut: 0.5,
    });
  });

  it('rejects malformed shocks with the accepted forms', () => {
    expect(ShockSchema.safeParse('price:轮胎').error?.issues[0]?.message).toMatch(/price:<product>:±x%/);
    expect(ShockSchema.safeParse('price:轮胎:-100%').success).toBe(false);
    expect(ShockSchema.safeParse('capacity:轮胎:-150%').success).toBe(false);
  });
});

describe('propagate', async () => {
  const g: ChainGraph = await chainGraphOf(tyreChain());
  const at = (id: string) => g.find(id)!;

  it('passes a price shock down by input share', () => {
    const r = propagate(g, [{ product: at('product:天然橡胶'), price: 0.3 }]);
    expect(r.price[at('product:轮胎')]).toBeCloseTo(0.4 * 0.3, 12);
    expect(r.price[at('product:汽车')]).toBeCloseTo(0.05 * 0.12, 12);
    expect(r.price[at('product:钢帘线')]).toBe(0);
    expect(r.order.map((p) => g.names[p])).toEqual(['天然橡胶', '轮胎', '汽车']);
  });

  it('assumes equal shares where none is recorded, and counts where it did', () => {
    // 合成橡胶 has one input with no share → 1; then 0.35 into 轮胎 and 0.05 into 汽车
    const r = propagate(g, [{ product: at('product:丁二烯'), price: 0.1 }]);
    expect(r.price[at('product:合成橡胶')]).toBeCloseTo(0.1, 12);
    expect(r.price[at('product:轮胎')]).toBeCloseTo(0.035, 12);
    expect(r.price[at('product:汽车')]).toBeCloseTo(0.00175, 12);
    expect(r.assumedShares).toBe(1);
  });

  it('removes an enterprise: lost supply by producer share, passed down by input share', () => {
    const direct = supplyLossOf(g, [at('enterprise:E1')], 1);
    // 天然橡胶: 0.6 of 0.8 = 0.75; 钢帘线: 1 of 4 (counts) = 0.25
    expect(direct.map((d) => g.names[d.product])).toEqual(['天然橡胶', '钢帘线']);
    expect(direct[0]!.supplyLoss).toBeCloseTo(0.75, 12);
    expect(direct[1]!.supplyLoss).toBeCloseTo(0.25, 12);
    const r = propagate(g, direct);
    expect(r.supply[at('product:轮胎')]).toBeCloseTo(0.4 * 0.75 + 0.25 * 0.25, 12);
    expect(r.supply[at('product:汽车')]).toBeCloseTo(0.05 * 0.3625, 12);
  });

  it('does not feed a shock back around a cycle', async () => {
    const ring = await chainGraphOf(
      productChain([
        ['B', 'A', 1],
        ['C', 'B', 1],
        ['A', 'C', 1],
      ]),
    );
    const r = propagate(ring, [{ product: ring.find('product:A')!, price: 0.1 }]);
    for (const name of ['A', 'B', 'C']) expect(r.price[ring.find(`product:${name}`)!]).toBeCloseTo(0.1, 12);
    expect(r.cycleEdges).toBe(1);
  });

  it('handles a cycle with shares: X from A (0.5) and Y (0.5), Y from X', async () => {
    const loop = await chainGraphOf(
      productChain([
        ['X', 'A', 0.5],
        ['X', 'Y', 0.5],
        ['Y', 'X', 1],
      ]),
    );
    const r = propagate(loop, [{ product: loop.find('product:A')!, price: 0.2 }]);
    expect(r.price[loop.find('product:X')!]).toBeCloseTo(0.1, 12);
    expect(r.price[loop.find('product:Y')!]).toBeCloseTo(0.1, 12);
    expect(r.cycleEdges).toBe(1);
  });

  it('is deterministic', () => {
    const shocks = [
      { product: at('product:天然橡胶'), price: 0.3 },
      { product: at('product:丁二烯'), supplyLoss: 0.5 },
    ];
    const a = propagate(g, shocks);
    const b = propagate(g, shocks);
    expect([...a.price]).toEqual([...b.price]);
    expect([...a.supply]).toEqual([...b.supply]);
  });
});

describe('runScenario', async () => {
  const g: ChainGraph = await chainGraphOf(tyreChain());
  const at = (id: string) => g.find(id)!;

  it('ranks affected products and enterprises with their propagation paths', () => {
    const r = runScenario(g, [
      {
        spec: { kind: 'price', product: '天然橡胶', change: 0.3 },
        direct: [{ product: at('product:天然橡胶'), price: 0.3 }],
      },
    ]);
    expect(r.products.map((p) => [p.name, Number(p.priceChangePct.toFixed(6))])).toEqual([
      ['天然橡胶', 30],
      ['轮胎', 12],
      ['汽车', 0.6],
    ]);
    expect(r.products[2]!.path).toEqual(['天然橡胶', '轮胎', '汽车']);
    // E4 makes 轮胎 (1.4 → 1) and 钢帘线 (no weight → 0): all its weight on 轮胎 → 12%;
    // E5's only weight clamps to 0, so its one product counts whole → 12%
    const byName = Object.fromEntries(
      r.enterprises.map((e) => [e.name, Number(e.priceExposurePct.toFixed(6))]),
    );
    expect(byName).toEqual({ 企业E1: 30, 企业E2: 30, 企业E3: 12, 企业E4: 12, 企业E5: 12, 企业E7: 0.6 });
  });

  it('takes out a region: its enterprises leave, their share of supply goes', () => {
    const removed = [at('enterprise:E3'), at('enterprise:E5')];
    const r = runScenario(g, [
      {
        spec: { kind: 'remove', target: 'region', name: '重庆市' },
        direct: supplyLossOf(g, removed, 1),
        removed,
      },
    ]);
    // 轮胎 loses E3's 0.9/1.9 directly, and 0.25 × 0.25 through 钢帘线 (E3 is one of its 4 makers)
    const tyreLoss = 1 - (1 - 0.9 / 1.9) * (1 - 0.25 * 0.25);
    expect(r.products.find((p) => p.name === '轮胎')!.supplyLossPct).toBeCloseTo(tyreLoss * 100, 9);
    expect(r.products.find((p) => p.name === '汽车')!.supplyLossPct).toBeCloseTo(0.05 * tyreLoss * 100, 9);
    expect(r.enterprises.map((e) => e.name)).not.toContain('企业E3');
  });
});
