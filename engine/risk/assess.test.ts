import { describe, expect, it } from 'vitest';
import { chainGraphOf, tyreChain } from '../chain/fixtures.js';
import { assess, riskContext } from './assess.js';
import { compose } from './composite.js';
import { parseScope, scopeAt } from './scope.js';
import { type Measurement, measured, missing, text } from './types.js';

const m = (score: number): Measurement =>
  measured({ value: score, unit: 'x', score, details: {}, explanation: text('', ''), evidence: [] });

describe('compose', () => {
  it('renormalises weights over measured factors and reports the omitted ones', () => {
    const out = compose(
      new Map([
        ['concentration', m(0.5)],
        ['sourcing', m(0.25)],
        ['price', missing(text('no series', '无序列'))],
      ]),
    );
    // 0.2 and 0.2 of 0.4 → 0.5 each: 50 × 0.5 + 50 × 0.25
    expect(out.score).toBeCloseTo(37.5, 12);
    expect(out.factors.map((f) => [f.name, f.contribution])).toEqual([
      ['concentration', 25],
      ['sourcing', 12.5],
    ]);
    expect(out.omitted).toEqual([{ name: 'price', reason: text('no series', '无序列') }]);
  });
});

describe('assess', async () => {
  const g = await chainGraphOf(tyreChain());
  const ctx = riskContext(g);

  it('scores a product from its measured factors, contributions summing to the score', () => {
    const report = assess(ctx, scopeAt(g, 'product', g.find('product:轮胎')!));
    expect(report.factors.map((f) => f.name).sort()).toEqual(
      ['concentration', 'criticality', 'geography', 'policy', 'relations', 'sourcing'].sort(),
    );
    expect(report.omitted.map((o) => o.name)).toEqual(['price']);
    expect(report.score).toBeCloseTo(
      report.factors.reduce((a, f) => a + f.contribution, 0),
      12,
    );
    const weights = report.factors.reduce((a, f) => a + f.weight, 0);
    expect(weights).toBeCloseTo(1, 12);
    expect(report.factors.find((f) => f.name === 'concentration')!.weight).toBeCloseTo(0.2 / 0.85, 12);
  });

  it('aggregates an enterprise over its products by revenue share', () => {
    // E1 makes 天然橡胶 (0.6) and 钢帘线 (no weight → 0): 天然橡胶 carries the whole weight
    const report = assess(ctx, scopeAt(g, 'enterprise', g.find('enterprise:E1')!));
    const c = report.factors.find((f) => f.name === 'concentration')!;
    expect(c.value).toBe(6250);
    expect(report.products.map((p) => p.name).sort()).toEqual(['天然橡胶', '钢帘线']);
  });

  it('covers a region through its cities and measures producers outside it', () => {
    const scope = scopeAt(g, 'region', g.find('region:重庆市')!);
    expect(scope.enterprises.map((e) => g.names[e])).toEqual(['企业E3', '企业E5']);
    expect(scope.products.map((p) => [g.names[p.node], p.weight]).sort()).toEqual([
      ['轮胎', 2],
      ['钢帘线', 1],
    ]);
  });

  it('parses scopes and rejects malformed ones with a usable message', () => {
    expect(parseScope('product: 轮胎')).toEqual({ kind: 'product', name: '轮胎' });
    expect(() => parseScope('company:x')).toThrow(/scope must be product:<name>/);
  });
});
