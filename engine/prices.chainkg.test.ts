import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sharedDataDir } from './paths.js';
import { PUBLIC_PRINCIPAL, SYSTEM_PRINCIPAL } from '../knowledge-graph/schema/index.js';
import { ConfigSchema } from './config/schema.js';
import { askFor } from './ask/index.js';
import { Engine } from './container.js';
import { forecastSeries } from './forecast.js';
import { entityWithPrices } from './graph-views.js';
import { runGraphImport } from './imports.js';
import { priceSeriesOf, resolveCommodity } from './prices.js';
import { riskReport } from './risk/service.js';
import { runPricesImport } from './series.js';

const shared = sharedDataDir();
if (!shared)
  describe('prices on chainkg', () =>
    it.skip('../shared/data is not there; set IBRAIN_SHARED_DATA', () => {}));

describe.runIf(shared)('IMF prices linked to the chainkg products', () => {
  let engine: Engine;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ibrain-prices-chainkg-'));
    engine = await Engine.open(ConfigSchema.parse({ dataDir: dir }));
    await runGraphImport(engine, 'chainkg', join(shared!, 'chainkg'));
    await runPricesImport(engine, join(shared!, 'prices', 'imf-commodity-prices-monthly.csv'), {
      dataset: 'imf',
      source: 'imf',
      seriesMeta: join(shared!, 'prices', 'imf-series.csv'),
    });
  });
  afterAll(async () => {
    await engine?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it.each([
    ['product:天然橡胶', 'Rubber', 'US cents/pound'],
    ['product:铜', 'Copper', 'USD/metric ton'],
    ['product:镍', 'Nickel', 'USD/metric ton'],
    ['product:铁矿石', 'Iron Ore', 'USD/metric ton'],
  ])('%s ↔ %s, by its Chinese name, confidence 1', async (product, series, unit) => {
    const [best] = await priceSeriesOf(engine, product, PUBLIC_PRINCIPAL);
    expect(best).toMatchObject({ method: 'exact-name', confidence: 1, series: { name: series, unit } });
  });

  it('graph entity 铜 shows the Copper series', async () => {
    const view = await entityWithPrices(engine, '铜', SYSTEM_PRINCIPAL);
    expect(view.id).toBe('product:铜');
    expect('priceSeries' in view && view.priceSeries?.[0]).toMatchObject({ name: 'Copper', nameZh: '铜' });
  });

  it('resolves commodity names in Chinese and English', async () => {
    for (const [query, series] of [
      ['铜', 'Copper'],
      ['nickel', 'Nickel'],
      ['天然橡胶', 'Rubber'],
      ['布伦特原油', 'Crude Oil Brent'],
      ['原油', 'Crude Oil Average'],
    ] as const)
      expect((await resolveCommodity(engine, query, PUBLIC_PRINCIPAL)).series[0]!.series.name).toBe(series);
  });

  it('forecasts copper with its unit, a probability of rise and its skill against the last price', async () => {
    const r = await forecastSeries(engine, '铜', { horizon: 12 }, PUBLIC_PRINCIPAL);
    expect(r).toMatchObject({ series: 'Copper', unit: 'USD/metric ton', last: { date: '2023-12-01' } });
    expect(r.points[11]!.date).toBe('2024-12-01');
    expect(r.skill.origins).toBeGreaterThanOrEqual(6);
    expect(r.trend.probability.rise).toBeGreaterThan(0);
    expect(r.trend.sentence.zh).toMatch(/^铜：/);
    expect(r.trend.sentence.en).toMatch(/^Copper:/);
  });

  it('risk of 轮胎 gains a price factor measured on natural rubber, by input share', async () => {
    const r = await riskReport(engine, 'product:轮胎', SYSTEM_PRINCIPAL);
    const factor = r.factors.find((f) => f.name === 'price');
    expect(factor, JSON.stringify(r.omitted)).toBeDefined();
    expect(factor!.details).toMatchObject({ via: 'inputs' });
    expect(String(factor!.details.inputs)).toContain('天然橡胶');
    expect(String(factor!.details.series)).toContain('Rubber');
    const share = Number(factor!.details.coveredShare);
    expect(share).toBeGreaterThan(0);
    expect(share).toBeLessThanOrEqual(1);
    expect(factor!.evidence).toContain('MADE_FROM|product:轮胎|product:天然橡胶');
    expect(factor!.evidence).toContain('series:Rubber');
    expect(factor!.explanation.zh).toMatch(/天然橡胶/);
  });

  it.each([
    ['铜价未来一年走势如何？', 'series:Copper', /美元\/吨/, /概率\d+%/],
    ['What is the outlook for nickel prices?', 'series:Nickel', /USD\/metric ton/, /probability/i],
  ])(
    'asked %s, answers from the linked series with its unit and a cited forecast',
    async (q, series, unit, prob) => {
      const r = await askFor(engine).ask(q, { principal: PUBLIC_PRINCIPAL });
      expect(r.intent).toBe('forecast');
      expect(r.answer).toMatch(unit);
      expect(r.answer).toMatch(prob);
      expect(r.citations.some((c) => c.seriesId === series)).toBe(true);
    },
  );
});
