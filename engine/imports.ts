import { stat } from 'node:fs/promises';
import { contentHash } from '../knowledge-graph/import/catalog.js';
import { importChainkg } from '../knowledge-graph/import/chainkg.js';
import { importGeneric } from '../knowledge-graph/import/generic.js';
import { importIckg } from '../knowledge-graph/import/ickg.js';
import { ImportInputError } from '../knowledge-graph/import/lines.js';
import type { ImportSummary } from '../knowledge-graph/import/report.js';
import type { ProgressListener } from '../knowledge-graph/import/writer.js';
import { cataloged } from './catalog.js';
import type { Engine } from './container.js';
import { linkPriceSeries } from './prices.js';

export const GRAPH_IMPORT_KINDS = ['chainkg', 'ickg', 'jsonl', 'csv'] as const;
export type GraphImportKind = (typeof GRAPH_IMPORT_KINDS)[number];

export interface RunImportOptions {
  dataset?: string;
  batchSize?: number;
  onProgress?: ProgressListener;
}

/**
 * Runs one graph import and records it in the data catalog: `running` first (with a heartbeat
 * while it works), then the summary, or the error. An import killed mid-way is recorded as
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
  const dataset = options.dataset ?? (wantsDir ? (kind === 'ickg' ? 'ickg25' : 'chainkg') : undefined);
  const entry = { dataset: dataset ?? path, kind, source: path, contentHash: await contentHash(path) };
  const imported = async (): Promise<ImportSummary> => {
    const importOptions = {
      store: engine.graph,
      batchSize: options.batchSize,
      onProgress: options.onProgress,
      dataset,
    };
    const summary =
      kind === 'chainkg'
        ? await importChainkg(path, importOptions)
        : kind === 'ickg'
          ? await importIckg(path, importOptions)
          : await importGeneric(path, kind, importOptions);
    const linked = await linkPriceSeries(engine);
    if (linked.series === 0) return summary;
    return {
      ...summary,
      notes: [
        ...summary.notes,
        `${linked.linked} of ${linked.series} stored price series linked to graph products (${linked.links} links)`,
      ],
    };
  };
  return cataloged(engine.state.catalog, entry, imported, (summary) => summary);
}
