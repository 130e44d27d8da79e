import { stat } from 'node:fs/promises';
import { nodeId } from '../knowledge-graph/schema/index.js';
import { contentHash } from '../knowledge-graph/import/catalog.js';
import type { ImportSummary } from '../knowledge-graph/import/report.js';
import { emptyWriteResult } from '../knowledge-graph/store/port.js';
import {
  type ImportPricesOptions,
  importPricesCsv,
  readSeriesMeta,
  SeriesImportError,
  wideCsvHeader,
} from '../knowledge-graph/series/import-prices.js';
import type { Engine } from './container.js';
import { cataloged } from './catalog.js';
import { linkPriceSeries } from './prices.js';

/**
 * `ibrain import prices <csv>`: stores a wide CSV of series, links its price series to graph
 * products (`linkPriceSeries`) and records the import in the data catalog like graph imports
 * (`running`, then the summary or the error). The catalog's summary shape is the graph one:
 * series count as nodes, points as records read.
 */
export async function runPricesImport(
  engine: Engine,
  path: string,
  options: ImportPricesOptions & { dataset?: string; seriesMeta?: string } = {},
): Promise<ImportSummary & { series: string[] }> {
  const info = await stat(path).catch(() => undefined);
  if (!info?.isFile()) throw new SeriesImportError(`${path}: no such file`);
  const { dataset: named, seriesMeta, ...rest } = options;
  if (seriesMeta && !(await stat(seriesMeta).catch(() => undefined))?.isFile())
    throw new SeriesImportError(`${seriesMeta}: no such file (--series-meta)`);
  const importOptions: ImportPricesOptions = seriesMeta
    ? { ...rest, columns: { ...readSeriesMeta(seriesMeta, wideCsvHeader(path)), ...rest.columns } }
    : rest;
  const dataset = named ?? path;
  const entry = { dataset, kind: 'prices', source: path, contentHash: await contentHash(path) };
  const started = performance.now();
  const imported = async (): Promise<ImportSummary & { series: string[] }> => {
    const r = await importPricesCsv(engine.state.series, path, importOptions);
    const linked = await linkPriceSeries(
      engine,
      r.names.map((name) => nodeId('Series', name)),
    );
    return {
      dataset,
      source: path,
      read: r.points,
      written: { ...emptyWriteResult(), nodesCreated: r.series },
      skipped: 0,
      reasons: {},
      rejects: [],
      notes: [
        `${r.series} series, ${r.points} points (missing values kept as gaps)`,
        `${linked.linked} price series linked to graph products (${linked.links} links)`,
        ...r.warnings,
      ],
      seconds: Math.round(performance.now() - started) / 1000,
      series: r.names,
    };
  };
  return cataloged(engine.state.catalog, entry, imported, ({ series: _names, ...summary }) => summary);
}
