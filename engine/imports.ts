import { stat } from 'node:fs/promises';
import { Catalog, contentHash } from '../knowledge-graph/import/catalog.js';
import { importChainkg } from '../knowledge-graph/import/chainkg.js';
import { importGeneric } from '../knowledge-graph/import/generic.js';
import { importIckg } from '../knowledge-graph/import/ickg.js';
import { ImportInputError } from '../knowledge-graph/import/lines.js';
import type { ImportSummary } from '../knowledge-graph/import/report.js';
import type { ProgressListener } from '../knowledge-graph/import/writer.js';
import type { Engine } from './container.js';
import { linkPriceSeries } from './prices.js';

export const GRAPH_IMPORT_KINDS = ['chainkg', 'ickg', 'jsonl', 'csv'] as const;
export type GraphImportKind = (typeof GRAPH_IMPORT_KINDS)[number];

export interface RunImportOptions {
  dataset?: string;
  batchSize?: number;
  onProgress?: ProgressListener;
}

export function catalogOf(engine: Engine): Catalog {
  return engine.service('catalog', () => new Catalog(engine.db));
}

/**
 * Runs one graph import and records it in the data catalog: `running` first (with a heartbeat as
 * batches commit), then the summary, or the error. An import killed mid-way is recorded as
 * `interrupted` when the engine next opens. Stored price series are linked again afterwards,
 * since the new products may match them.
 */
export async function runGraphImport(
  engine: Engine,
  kind: GraphImportKind,
  path: string,
  options: RunImportOptions = {},
): Promise<ImportSummary> {
  const info = await stat(path).catch(() => undefined);
  if (!info) throw new ImportInputError(`${path}: no such file or directory`);
  const wantsDir = kind === 'chainkg' || kind === 'ickg';
  if (wantsDir !== info.isDirectory()) {
    throw new ImportInputError(`${path}: ${kind} imports take a ${wantsDir ? 'directory' : 'file'}`);
  }
  const catalog = catalogOf(engine);
  const dataset = options.dataset ?? (wantsDir ? (kind === 'ickg' ? 'ickg25' : 'chainkg') : undefined);
  const id = catalog.start({
    dataset: dataset ?? path,
    kind,
    source: path,
    contentHash: await contentHash(path),
  });
  let beaten = 0;
  const importOptions = {
    store: engine.graph,
    batchSize: options.batchSize,
    onProgress: (event: Parameters<ProgressListener>[0]) => {
      if (performance.now() - beaten > 5_000) {
        catalog.beat(id);
        beaten = performance.now();
      }
      options.onProgress?.(event);
    },
    dataset,
  };
  try {
    const summary =
      kind === 'chainkg'
        ? await importChainkg(path, importOptions)
        : kind === 'ickg'
          ? await importIckg(path, importOptions)
          : await importGeneric(path, kind, importOptions);
    const linked = await linkPriceSeries(engine);
    const linkedSummary =
      linked.series > 0
        ? {
            ...summary,
            notes: [
              ...summary.notes,
              `${linked.linked} of ${linked.series} stored price series linked to graph products (${linked.links} links)`,
            ],
          }
        : summary;
    catalog.finish(id, linkedSummary);
    return linkedSummary;
  } catch (error) {
    catalog.fail(id, (error as Error).message);
    throw error;
  }
}
