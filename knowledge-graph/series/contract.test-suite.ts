import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { enterprisePrincipal, PUBLIC_PRINCIPAL, SYSTEM_PRINCIPAL } from '../schema/index.js';
import { importPricesCsv, loadDemoSeries, parseWideCsv, readSeriesMeta } from './import-prices.js';
import type { SeriesLink, SeriesStore } from './port.js';

const link = (seriesId: string, productId: string, confidence: number): SeriesLink => ({
  seriesId,
  productId,
  method: 'exact-name',
  matched: productId.slice('product:'.length),
  confidence,
  reason: 'same name',
  provenance: { source: 'test', record: seriesId, ingestedAt: '2026-01-01T00:00:00.000Z', confidence: 1 },
});

/**
 * The expectations every SeriesStore adapter meets, through the wide CSV import that fills it.
 * `open` gives an empty store each time.
 */
export function seriesStoreContract(name: string, open: () => Promise<SeriesStore>, skip?: string): void {
  if (skip) {
    describe(`${name} SeriesStore contract`, () => it.skip(skip, () => {}));
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'ibrain-series-'));
  const csv = (file: string, text: string) => {
    const path = join(dir, file);
    writeFileSync(path, text);
    return path;
  };

  describe(`${name} SeriesStore contract`, () => {
    it('imports a wide CSV with missing cells, keeping the calendar', async () => {
      const store = await open();
      const path = csv(
        'prices.csv',
        'Date,Copper,"Oil, Brent"\n2020-01-01,1.5,\n2020-02-01,,60\n2020-03-01,1.7,61\n',
      );
      const r = await importPricesCsv(store, path);
      expect(r).toMatchObject({ series: 2, points: 6, names: ['Copper', 'Oil, Brent'], warnings: [] });
      const copper = await store.get('Copper', PUBLIC_PRINCIPAL);
      expect(copper!.node.props).toMatchObject({ kind: 'price', frequency: 'monthly' });
      expect(copper!.points.map((p) => p.value)).toEqual([1.5, null, 1.7]);
      expect((await store.get('series:Oil, Brent', PUBLIC_PRINCIPAL))!.points[0]!.value).toBeNull();
    });

    it('names file, line and column for bad input and writes nothing', async () => {
      const store = await open();
      const bad = csv('bad.csv', 'Date,A\n2020-01-01,1\n2020-02-01,abc\n');
      await expect(importPricesCsv(store, bad)).rejects.toThrow(
        /bad\.csv:3: column "A": "abc" is not a number/,
      );
      const unsorted = csv('unsorted.csv', 'Date,A\n2020-02-01,1\n2020-01-01,2\n');
      expect(() => parseWideCsv(unsorted)).toThrow(
        /unsorted\.csv:3: column Date: 2020-01-01 comes before 2020-02-01/,
      );
      const dup = csv('dup.csv', 'Date,A\n2020-02-01,1\n2020-02-01,2\n');
      expect(() => parseWideCsv(dup)).toThrow(/dup\.csv:3: .*repeats/);
      expect(await store.list({}, SYSTEM_PRINCIPAL)).toEqual([]);
    });

    it('rejects a row wider or narrower than its header with the line number, storing nothing', async () => {
      const store = await open();
      const wide = csv('wide.csv', 'Date,A,B\n2020-01-01,1,2\n2020-02-01,1,2,3\n');
      await expect(importPricesCsv(store, wide)).rejects.toThrow(
        /wide\.csv:3: the row has 4 cells but the header names 3/,
      );
      const narrow = csv('narrow.csv', 'Date,A,B\n2020-01-01,1\n');
      expect(() => parseWideCsv(narrow)).toThrow(/narrow\.csv:2: the row has 2 cells but the header names 3/);
      expect(await store.list({}, SYSTEM_PRINCIPAL)).toEqual([]);
    });

    it('stores each series with the Chinese name, code, unit and description of a series-meta file', async () => {
      const store = await open();
      const path = csv('imf.csv', 'Date,Copper,Rubber\n2020-01-01,6000,70\n2020-02-01,6100,71\n');
      const meta = csv(
        'imf-series.csv',
        'column,code,name_zh,unit,description\nCopper,PCOPP,铜,USD/metric ton,"Copper, grade A"\nRubber,PRUBB,天然橡胶,US cents/pound,Rubber\n',
      );
      await importPricesCsv(store, path, { columns: readSeriesMeta(meta, ['Date', 'Copper', 'Rubber']) });
      const copper =
        (await store.get('铜', PUBLIC_PRINCIPAL)) ?? (await store.get('Copper', PUBLIC_PRINCIPAL));
      expect(copper!.node.aliases).toEqual(expect.arrayContaining(['铜', 'PCOPP']));
      expect(copper!.node.props).toMatchObject({
        unit: 'USD/metric ton',
        code: 'PCOPP',
        nameEn: 'Copper',
        nameZh: '铜',
        description: 'Copper, grade A',
      });
      const stale = csv(
        'stale.csv',
        'column,code,name_zh,unit,description\nTin,PTIN,锡,USD/metric ton,Tin\n',
      );
      expect(() => readSeriesMeta(stale, ['Date', 'Copper'])).toThrow(
        /stale\.csv:2: column "Tin" is not in the data file's header/,
      );
    });

    it('hides enterprise series from principals without the grant', async () => {
      const store = await open();
      const path = csv('private.csv', 'Date,Orders\n2020-01-01,5\n2020-02-01,6\n');
      await importPricesCsv(store, path, {
        kind: 'demand',
        visibility: 'enterprise:601127',
        columns: { Orders: { subjectId: 'enterprise:601127' } },
      });
      expect(await store.get('Orders', PUBLIC_PRINCIPAL)).toBeNull();
      expect(await store.list({}, PUBLIC_PRINCIPAL)).toEqual([]);
      const own = await store.get('Orders', enterprisePrincipal('601127'));
      expect(own!.node.props.subjectId).toBe('enterprise:601127');
      expect(await store.list({ subjectId: 'enterprise:601127' }, SYSTEM_PRINCIPAL)).toHaveLength(1);
      expect(await store.remove(['series:Orders'])).toBe(1);
    });

    it('loads every series-*.csv of a demo directory', async () => {
      const demo = mkdtempSync(join(tmpdir(), 'ibrain-demo-'));
      writeFileSync(join(demo, 'series-a.csv'), 'Date,X\n2020-01-01,1\n2020-01-08,2\n');
      writeFileSync(join(demo, 'other.csv'), 'Date,Y\n2020-01-01,1\n');
      const store = await open();
      expect(await loadDemoSeries(store, demo)).toEqual({ files: 1, series: 1, points: 2 });
      expect((await store.get('X', SYSTEM_PRINCIPAL))!.node.props.frequency).toBe('weekly');
    });

    it('names demo columns from series.jsonl, so one header in two files does not collide', async () => {
      const demo = mkdtempSync(join(tmpdir(), 'ibrain-demo-'));
      writeFileSync(join(demo, 'series-demand.csv'), 'Date,乘用车\n2019-01,10\n2019-02,11\n');
      writeFileSync(join(demo, 'series-output.csv'), 'Date,乘用车\n2019-01,20\n2019-02,\n');
      writeFileSync(
        join(demo, 'series.jsonl'),
        [
          {
            file: 'series-demand.csv',
            column: '乘用车',
            name: '乘用车销量',
            kind: 'demand',
            unit: '辆',
            subjectId: 'product:乘用车',
          },
          {
            file: 'series-output.csv',
            column: '乘用车',
            name: '乘用车产量',
            kind: 'output',
            unit: '辆',
            subjectId: 'product:乘用车',
            regionId: 'region:重庆市',
          },
        ]
          .map((line) => JSON.stringify(line))
          .join('\n'),
      );
      const store = await open();
      expect(await loadDemoSeries(store, demo)).toEqual({ files: 2, series: 2, points: 4 });
      const output = await store.get('乘用车产量', PUBLIC_PRINCIPAL);
      expect(output!.node.props).toMatchObject({
        kind: 'output',
        unit: '辆',
        frequency: 'monthly',
        subjectId: 'product:乘用车',
        regionId: 'region:重庆市',
      });
      expect(output!.points).toEqual([
        { date: '2019-01-01', value: 20 },
        { date: '2019-02-01', value: null },
      ]);
      expect(await store.list({ subjectId: 'product:乘用车' }, PUBLIC_PRINCIPAL)).toHaveLength(2);
    });

    it("replaces a series' links, keeps the strongest per product, and hides links of hidden series", async () => {
      const store = await open();
      await importPricesCsv(store, csv('open.csv', 'Date,铜\n2020-01-01,1\n2020-02-01,3\n'));
      await importPricesCsv(store, csv('own.csv', 'Date,Secret\n2020-01-01,2\n2020-02-01,4\n'), {
        visibility: 'enterprise:601127',
      });
      await store.putLinks(
        ['series:铜'],
        [link('series:铜', 'product:铜', 0.6), link('series:铜', 'product:铜', 1)],
      );
      await store.putLinks(['series:Secret'], [link('series:Secret', 'product:铜', 0.9)]);
      expect(
        (await store.links({ productId: 'product:铜' }, SYSTEM_PRINCIPAL)).map((l) => [
          l.seriesId,
          l.confidence,
        ]),
      ).toEqual([
        ['series:铜', 1],
        ['series:Secret', 0.9],
      ]);
      expect(
        (await store.links({ productId: 'product:铜' }, PUBLIC_PRINCIPAL)).map((l) => l.seriesId),
      ).toEqual(['series:铜']);
      expect(await store.links({ seriesId: 'series:铜' }, PUBLIC_PRINCIPAL)).toEqual([
        link('series:铜', 'product:铜', 1),
      ]);
      await store.putLinks(['series:铜'], [link('series:铜', 'product:电解铜', 0.8)]);
      expect(
        (await store.links({ seriesId: 'series:铜' }, PUBLIC_PRINCIPAL)).map((l) => l.productId),
      ).toEqual(['product:电解铜']);
      await expect(store.putLinks(['series:铜'], [link('series:Secret', 'product:铜', 1)])).rejects.toThrow(
        /link of series:Secret given with the links of other series/,
      );
      expect(await store.remove(['series:铜', 'series:none'])).toBe(1);
      expect(await store.links({ seriesId: 'series:铜' }, SYSTEM_PRINCIPAL)).toEqual([]);
      expect(await store.get('铜', SYSTEM_PRINCIPAL)).toBeNull();
    });

    it("lists by frequency and subject in name order, and replaces a series' points when put again", async () => {
      const store = await open();
      await importPricesCsv(store, csv('m.csv', 'Date,乙,甲,B,a\n2020-01-01,1,1,1,1\n2020-02-01,2,2,2,2\n'));
      await importPricesCsv(store, csv('w.csv', 'Date,W\n2020-01-01,1\n2020-01-08,2\n'));
      expect((await store.list({ frequency: 'monthly' }, PUBLIC_PRINCIPAL)).map((n) => n.name)).toEqual([
        'B',
        'a',
        '乙',
        '甲',
      ]);
      expect((await store.list({ frequency: 'weekly' }, PUBLIC_PRINCIPAL)).map((n) => n.name)).toEqual(['W']);
      await importPricesCsv(store, csv('w2.csv', 'Date,W\n2021-01-01,5\n'));
      expect((await store.get('W', PUBLIC_PRINCIPAL))!.points).toEqual([{ date: '2021-01-01', value: 5 }]);
    });

    it('moves its version on every write of series or links, and on a removal that removed something', async () => {
      const store = await open();
      const seen = [await store.version()];
      await importPricesCsv(store, csv('v.csv', 'Date,铜\n2020-01-01,1\n'));
      seen.push(await store.version());
      await store.putLinks(['series:铜'], [link('series:铜', 'product:铜', 1)]);
      seen.push(await store.version());
      await store.remove(['series:none']);
      seen.push(await store.version());
      await store.remove(['series:铜']);
      seen.push(await store.version());
      expect(seen[1]).toBeGreaterThan(seen[0]!);
      expect(seen[2]).toBeGreaterThan(seen[1]!);
      expect(seen[3]).toBe(seen[2]);
      expect(seen[4]).toBeGreaterThan(seen[3]!);
    });
  });
}
