import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { contentHash } from '../knowledge-graph/import/catalog.js';
import { loadDemoSeries } from '../knowledge-graph/series/import-prices.js';
import { emptyWriteResult } from '../knowledge-graph/store/port.js';
import type { Engine } from './container.js';
import { cataloged, catalogOf } from './catalog.js';
import { runGraphImport } from './imports.js';
import { retrievalFor } from './retrieval.js';
import { demoDataDir } from './paths.js';
import { seriesStoreOf } from './series-store.js';

export interface DemoStep {
  step: string;
  detail: string;
}

export const DEMO_DATASET = 'demo';

/** Whether the demo chain was loaded whole into this data directory already. */
export async function demoLoaded(engine: Engine): Promise<boolean> {
  return (await (await catalogOf(engine)).list()).some((e) => e.kind === 'demo' && e.status === 'completed');
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
  const entry = { dataset: DEMO_DATASET, kind: 'demo', source: dir, contentHash: await contentHash(dir) };
  const started = performance.now();
  const steps = await cataloged(
    engine,
    entry,
    () => loadDemoSteps(engine, dir, log),
    (steps) => ({
      dataset: DEMO_DATASET,
      source: dir,
      read: steps.length,
      written: emptyWriteResult(),
      skipped: 0,
      reasons: {},
      rejects: [],
      notes: steps.map((s) => `${s.step}: ${s.detail}`),
      seconds: Math.round((performance.now() - started) / 10) / 100,
    }),
  );
  return { steps };
}

async function loadDemoSteps(engine: Engine, dir: string, log: (line: string) => void): Promise<DemoStep[]> {
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
  // Documents last: the index builds its jieba dictionary and entity links from the graph.
  log('ingesting policy documents…');
  const docs = await (await retrievalFor(engine)).ingestPaths([join(dir, 'policies')]);
  const failed = docs.results.find((r) => r.status === 'failed');
  if (failed) throw new Error(`demo document ${failed.file} failed to ingest: ${failed.message}`);
  steps.push({
    step: 'policies',
    detail: `${docs.files} documents (${docs.added} added, ${docs.unchanged} unchanged), ${docs.chunks} chunks`,
  });
  return steps;
}
