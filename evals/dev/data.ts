import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { loadConfig } from '../../engine/config/load.js';
import { Engine } from '../../engine/container.js';
import { loadDemo } from '../../engine/demo.js';
import { runGraphImport } from '../../engine/imports.js';
import { projectRoot } from '../../engine/paths.js';
import { retrievalFor } from '../../engine/retrieval.js';
import { runPricesImport } from '../../engine/series.js';
import type { DevDataset } from './dataset.js';

/**
 * One data directory per dataset of the development set, loaded the way an operator would with
 * `ibrain import …`, `ibrain ingest …` or `ibrain init --demo` (the set's README: point
 * IBRAIN_DATA_DIR at the matching data). Built once under `dir` and reused while the data and the
 * code that loads it are unchanged; `combined` loads every dataset into one directory instead.
 */
export interface DevData {
  /** The directory a dataset's questions are asked against. */
  dirOf(dataset: DevDataset): string;
  built: string[];
}

const MARKER = 'dev-data.fingerprint';
/** Code whose change changes what lands in a data directory. */
const LOADER_CODE = [
  'knowledge-graph',
  'retrieval',
  'engine/demo.ts',
  'engine/imports.ts',
  'engine/series.ts',
  'data/demo',
];

type Loader = (engine: Engine, shared: string) => Promise<string>;

const LOADERS: Record<DevDataset, Loader> = {
  chainkg: async (engine, shared) => {
    const s = await runGraphImport(engine, 'chainkg', join(shared, 'chainkg'));
    return `chainkg: ${s.written.nodesCreated} nodes, ${s.written.edgesCreated} edges`;
  },
  ickg: async (engine, shared) => {
    const s = await runGraphImport(engine, 'ickg', join(shared, 'ickg25'));
    return `ickg25: ${s.written.nodesCreated} nodes, ${s.written.edgesCreated} edges`;
  },
  policies: async (engine, shared) => {
    const s = await (await retrievalFor(engine)).ingestPaths([join(shared, 'policies')]);
    return `policies: ${s.added} documents, ${s.chunks} chunks`;
  },
  demo: async (engine) => {
    const { steps } = await loadDemo(engine);
    return `demo: ${steps.map((s) => s.step).join(', ')}`;
  },
  prices: async (engine, shared) => {
    const s = await runPricesImport(engine, join(shared, 'prices', 'imf-commodity-prices-monthly.csv'), {
      dataset: 'imf-prices',
      seriesMeta: join(shared, 'prices', 'imf-series.csv'),
    });
    return `prices: ${s.series.length} series`;
  },
};

export async function buildDevData(
  shared: string,
  dir: string,
  options: { combined?: boolean; fresh?: boolean; datasets: readonly DevDataset[] },
): Promise<DevData> {
  const fingerprint = fingerprintOf(shared);
  const built: string[] = [];
  const groups: Array<{ name: string; datasets: readonly DevDataset[] }> = options.combined
    ? [{ name: 'combined', datasets: Object.keys(LOADERS) as DevDataset[] }]
    : options.datasets.map((d) => ({ name: d, datasets: [d] }));
  for (const group of groups) {
    const target = join(dir, group.name);
    const marker = join(target, MARKER);
    if (!options.fresh && existsSync(marker) && readFileSync(marker, 'utf8') === fingerprint) continue;
    rmSync(target, { recursive: true, force: true });
    mkdirSync(target, { recursive: true });
    const started = performance.now();
    const engine = await Engine.open(loadConfig({ env: {}, overrides: { dataDir: target } }));
    try {
      for (const d of group.datasets) built.push(await LOADERS[d](engine, shared));
    } finally {
      await engine.close();
    }
    writeFileSync(marker, fingerprint);
    built.push(`${group.name} built in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }
  return { dirOf: (d) => join(dir, options.combined ? 'combined' : d), built };
}

/** Sizes and times of the shared data plus the loader code's text: a change to either rebuilds. */
function fingerprintOf(shared: string): string {
  const hash = createHash('sha256');
  const root = projectRoot();
  const walk = (path: string, base: string) => {
    if (!existsSync(path)) return;
    const info = statSync(path);
    if (info.isDirectory()) {
      for (const name of readdirSync(path).sort()) if (name !== 'node_modules') walk(join(path, name), base);
    } else if (base === shared) hash.update(`${relative(base, path)}:${info.size}:${info.mtimeMs}\n`);
    else if (!/\.test\.ts$/.test(path)) hash.update(readFileSync(path));
  };
  walk(shared, shared);
  for (const part of LOADER_CODE) walk(join(root, part), root);
  return hash.digest('hex');
}
