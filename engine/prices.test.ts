import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PUBLIC_PRINCIPAL, SYSTEM_PRINCIPAL } from '../knowledge-graph/schema/index.js';
import { node } from '../knowledge-graph/store/fixtures.js';
import { ConfigSchema } from './config/schema.js';
import { Engine } from './container.js';
import { entityWithPrices } from './graph-views.js';
import { forecastSeries } from './forecast.js';
import { priceSeriesOf, resolveCommodity } from './prices.js';
import { runPricesImport } from './series.js';

/**
 * A graph with a few commodity products and a small IMF-shaped prices file with its description
 * file: the import links series to products by the documented rules.
 */
let engine: Engine;
let dir: string;

const MONTHS = 60;
const column = (f: (t: number) => number) => Array.from({ length: MONTHS }, (_, t) => f(t));
const columns: Record<string, number[]> = {
  'All Metals Index': column((t) => 100 + t),
  Copper: column((t) => 6000 + 40 * Math.sin(t / 3) + 5 * t),
  Rubber: column((t) => 70 + 3 * Math.sin(t / 2)),
  'Crude Oil Average': column((t) => 60 + (t % 7)),
  'Crude Oil Brent': column((t) => 62 + (t % 7)),
  'Coal Australian': column((t) => 90 + (t % 5)),
  Nickel: column((t) => 14000 + 100 * Math.cos(t / 4)),
};
const meta = [
  'column,code,name_zh,unit,description',
  'All Metals Index,PALLMETA,全部金属价格指数,index 2016=100,All metals',
  'Copper,PCOPP,铜,USD/metric ton,"Copper, grade A cathode"',
  'Rubber,PRUBB,天然橡胶,US cents/pound,"Rubber, RSS3"',
  'Crude Oil Average,POILAPSP,原油（三地现货均价）,USD/barrel,Crude average',
  'Crude Oil Brent,POILBRE,布伦特原油,USD/barrel,Brent',
  'Coal Australian,PCOALAU,动力煤（澳大利亚）,USD/metric ton,Newcastle',
  'Nickel,PNICK,镍,USD/metric ton,Nickel',
].join('\n');

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ibrain-prices-'));
  engine = await Engine.open(ConfigSchema.parse({ dataDir: dir }));
  await engine.graph.upsert({
    nodes: [
      node('Product', '铜'),
      node('Product', '电解铜'),
      node('Product', '天然橡胶'),
      node('Product', '原油'),
      node('Product', '动力煤'),
      node('Product', '镍', { visibility: 'enterprise:E1' }),
      node('Industry', '铜', { key: '240302' }),
    ],
    edges: [],
  });
  const dates = Array.from(
    { length: MONTHS },
    (_, t) => `${2019 + Math.floor(t / 12)}-${String((t % 12) + 1).padStart(2, '0')}-01`,
  );
  const names = Object.keys(columns);
  writeFileSync(
    join(dir, 'prices.csv'),
    [
      `Date,${names.join(',')}`,
      ...dates.map((d, t) => [d, ...names.map((n) => columns[n]![t])].join(',')),
    ].join('\n'),
  );
  writeFileSync(join(dir, 'series.csv'), meta);
  await runPricesImport(engine, join(dir, 'prices.csv'), {
    dataset: 'imf',
    source: 'imf',
    seriesMeta: join(dir, 'series.csv'),
  });
});

afterAll(async () => {
  await engine?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('price series linked to products', () => {
  it('links by Chinese name first, with confidence and provenance', async () => {
    const copper = await priceSeriesOf(engine, 'product:铜', PUBLIC_PRINCIPAL);
    expect(copper.map((l) => [l.series.name, l.method, l.confidence])).toEqual([['Copper', 'exact-name', 1]]);
    expect(copper[0]!.series).toMatchObject({
      nameZh: '铜',
      nameEn: 'Copper',
      code: 'PCOPP',
      unit: 'USD/metric ton',
    });
    expect(copper[0]!.provenance).toMatchObject({ source: 'series-links', inferred: true });
    const cathode = await priceSeriesOf(engine, 'product:电解铜', PUBLIC_PRINCIPAL);
    expect(cathode.map((l) => [l.series.name, l.method, l.confidence])).toEqual([
      ['Copper', 'curated', 0.95],
    ]);
  });

  it('ranks benchmarks of one product by the documented confidences', async () => {
    const oil = await priceSeriesOf(engine, 'product:原油', PUBLIC_PRINCIPAL);
    expect(oil.map((l) => [l.series.name, l.confidence])).toEqual([
      ['Crude Oil Average', 0.95],
      ['Crude Oil Brent', 0.85],
    ]);
    const coal = await priceSeriesOf(engine, 'product:动力煤', PUBLIC_PRINCIPAL);
    expect(coal.map((l) => [l.series.name, l.method])).toEqual([['Coal Australian', 'curated']]);
  });

  it('never links an index, and hides links to products the principal may not see', async () => {
    const all = await priceSeriesOf(engine, 'product:镍', SYSTEM_PRINCIPAL);
    expect(all.map((l) => l.series.name)).toEqual(['Nickel']);
    expect(await priceSeriesOf(engine, 'product:镍', PUBLIC_PRINCIPAL)).toEqual([]);
    const links = await engine.state.series.links({ seriesId: 'series:All Metals Index' }, SYSTEM_PRINCIPAL);
    expect(links).toEqual([]);
  });

  it('shows a product’s price series on the entity, picking the product among same-named entities', async () => {
    const view = await entityWithPrices(engine, '铜', PUBLIC_PRINCIPAL);
    expect(view.id).toBe('product:铜');
    expect('priceSeries' in view && view.priceSeries).toEqual([
      expect.objectContaining({ id: 'series:Copper', nameZh: '铜', method: 'exact-name', confidence: 1 }),
    ]);
    expect('sameName' in view && view.sameName).toEqual([
      { id: 'industry:240302', type: 'Industry', name: '铜' },
    ]);
  });

  it('links products imported after the prices too', async () => {
    await engine.graph.upsert({ nodes: [node('Product', '阴极铜')], edges: [] });
    const { runGraphImport } = await import('./imports.js');
    const file = join(dir, 'more.jsonl');
    writeFileSync(file, `${JSON.stringify({ type: 'Product', name: '精炼铜' })}\n`);
    await runGraphImport(engine, 'jsonl', file);
    const refined = await priceSeriesOf(engine, 'product:精炼铜', PUBLIC_PRINCIPAL);
    expect(refined.map((l) => [l.series.name, l.confidence])).toEqual([['Copper', 0.9]]);
  });
});

describe('resolveCommodity', () => {
  it.each([
    ['铜', 'Copper'],
    ['Copper', 'Copper'],
    ['copper', 'Copper'],
    ['天然橡胶', 'Rubber'],
    ['Rubber', 'Rubber'],
    ['natural rubber', 'Rubber'],
    ['布伦特原油', 'Crude Oil Brent'],
    ['Brent', 'Crude Oil Brent'],
    ['PNICK', 'Nickel'],
    ['原油', 'Crude Oil Average'],
    ['电解铜', 'Copper'],
    ['铜价', 'Copper'],
    ['镍价格', 'Nickel'],
    ['nickel prices', 'Nickel'],
  ])('%s → %s', async (query, series) => {
    const match = await resolveCommodity(engine, query, SYSTEM_PRINCIPAL);
    expect(match.series[0]!.series.name).toBe(series);
  });

  it('tells how it found the series and which products it prices', async () => {
    const byName = await resolveCommodity(engine, 'Copper', PUBLIC_PRINCIPAL);
    expect(byName.via).toBe('series');
    expect(byName.products.map((p) => p.name)).toEqual(['铜', '电解铜', '阴极铜', '精炼铜']);
    const byProduct = await resolveCommodity(engine, '原油', PUBLIC_PRINCIPAL);
    expect(byProduct).toMatchObject({ via: 'product', products: [{ id: 'product:原油' }] });
  });

  it('is a 404 user error for an unknown commodity or an index', async () => {
    for (const q of ['unobtainium', '全部金属价格指数'])
      await expect(resolveCommodity(engine, q, PUBLIC_PRINCIPAL)).rejects.toMatchObject({
        kind: 'not-found',
      });
  });
});

describe('forecastSeries (engine entry point)', () => {
  it('forecasts a series found by its Chinese name, with unit, source, skill and probability of rise', async () => {
    const r = await forecastSeries(engine, '天然橡胶', { horizon: 12 }, PUBLIC_PRINCIPAL);
    expect(r).toMatchObject({
      series: 'Rubber',
      seriesId: 'series:Rubber',
      nameZh: '天然橡胶',
      unit: 'US cents/pound',
      kind: 'price',
      frequency: 'monthly',
      sources: [{ source: 'imf' }],
      last: { date: '2023-12-01' },
      outliers: [],
    });
    expect(r.points).toHaveLength(12);
    expect(r.skill.origins).toBeGreaterThan(0);
    expect(r.trend.skill).toMatchObject({ verdict: r.skill.verdict });
    const { rise, flat, fall } = r.trend.probability;
    expect(rise + flat + fall).toBeCloseTo(1, 2);
    if (r.skill.verdict === 'similar' || r.skill.verdict === 'worse') {
      expect(r.trend.sentence.en).toMatch(/^Rubber: the forecast is no better than the last price/);
      expect(r.trend.sentence.zh).toMatch(/预测并不优于最新价格/);
    }
  });
});
