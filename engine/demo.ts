import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadDemoSeries } from '../knowledge-graph/series/import-prices.js';
import type { Engine } from './container.js';
import { catalogOf, runGraphImport } from './imports.js';
import { demoDataDir } from './paths.js';
import { seriesStoreOf } from './series.js';

export interface DemoStep {
  step: string;
  detail: string;
}

export const DEMO_DATASET = 'demo';

/** Whether the demo chain was loaded into this data directory already. */
export function demoLoaded(engine: Engine): boolean {
  return catalogOf(engine)
    .list()
    .some((e) => e.dataset === DEMO_DATASET && e.status === 'completed');
}

/**
 * Loads the shipped demo chain: graph nodes and edges first, then what the other layers build
 * on them. Each step is idempotent, so running it twice changes nothing.
 */
export async function loadDemo(
  engine: Engine,
  log: (line: string) => void = () => {},
): Promise<{ steps: DemoStep[] }> {
  const dir = demoDataDir();
  const steps: DemoStep[] = [];
  for (const file of ['nodes.jsonl', 'edges.jsonl']) {
    const path = join(dir, file);
    if (!existsSync(path)) throw new Error(`demo data ${path} is missing from the package`);
    log(`loading ${file}…`);
    const s = await runGraphImport(engine, 'jsonl', path, { dataset: DEMO_DATASET });
    steps.push({
      step: file,
      detail: `${s.read} records, nodes +${s.written.nodesCreated}, edges +${s.written.edgesCreated}, skipped ${s.skipped}`,
    });
  }
  log('loading series…');
  const series = await loadDemoSeries(seriesStoreOf(engine), dir);
  steps.push({
    step: 'series',
    detail: `${series.files} files, ${series.series} series, ${series.points} points`,
  });
  return { steps };
}
