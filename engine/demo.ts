import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { contentHash } from '../knowledge-graph/import/catalog.js';
import { loadDemoSeries } from '../knowledge-graph/series/import-prices.js';
import { z } from 'zod';
import { SYSTEM_PRINCIPAL } from '../knowledge-graph/schema/index.js';
import { emptyWriteResult } from '../knowledge-graph/store/port.js';
import type { Engine } from './container.js';
import { cataloged } from './catalog.js';
import { runGraphImport } from './imports.js';
import { retrievalFor } from './retrieval.js';
import { demoDataDir } from './paths.js';

export interface DemoStep {
  step: string;
  detail: string;
}

export const DEMO_DATASET = 'demo';

/**
 * Whether the demo chain is loaded: the catalog says so and the graph holds every demo node. Both
 * are asked because the catalog may be shared (PostgreSQL) while this replica's graph is its own
 * SQLite file, which another replica's load never filled.
 */
export async function demoLoaded(engine: Engine): Promise<boolean> {
  const done = (await engine.state.catalog.list()).some((e) => e.kind === 'demo' && e.status === 'completed');
  if (!done) return false;
  const ids = readFileSync(join(demoDataDir(), 'nodes.jsonl'), 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => DemoNodeId.parse(JSON.parse(line)).id);
  return (await engine.graph.getNodes(ids, SYSTEM_PRINCIPAL)).length === new Set(ids).size;
}

const DemoNodeId = z.object({ id: z.string() });

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
    engine.state.catalog,
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
  const series = await loadDemoSeries(engine.state.series, dir);
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
