import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../engine/config/load.js';
import { Engine } from '../../engine/container.js';
import { loadDemo } from '../../engine/demo.js';
import { runGraphImport } from '../../engine/imports.js';
import { demoDataDir } from '../../engine/paths.js';
import { retrievalFor } from '../../engine/retrieval.js';
import { z } from 'zod';
import { nodeId } from '../../knowledge-graph/schema/index.js';
import type { SeriesNode, SeriesPoint } from '../../knowledge-graph/series/port.js';

/** The data sets one QA run holds: the demo always, the shared ones when ../shared is present. */
export interface QaData {
  dir: string;
  shared: boolean;
  /** Seconds spent importing and indexing (0 when an existing directory was reused). */
  buildSeconds: number;
  steps: string[];
  /** Removes the directory unless it was asked to be kept. */
  dispose: () => void;
}

const MARKER = 'qa-data.json';

/**
 * Builds the data directory the QA eval and the ask bench run over: demo graph, demo series
 * (linked to their products) and demo policies; with ../shared also chainkg, ickg25 and the
 * shared policies. `keep` names a directory to build into (or reuse when already built), so
 * repeated runs skip the ~15 s import; without it a temp directory is made and removed.
 */
export async function buildQaData(shared: string | undefined, keep?: string): Promise<QaData> {
  const dir = keep ?? mkdtempSync(join(tmpdir(), 'ibrain-qa-'));
  const dispose = () => {
    if (!keep) rmSync(dir, { recursive: true, force: true });
  };
  const marker = join(dir, MARKER);
  if (keep && existsSync(marker)) {
    const saved = JSON.parse(readFileSync(marker, 'utf8')) as { shared: boolean; steps: string[] };
    if (saved.shared === !!shared)
      return { dir, shared: saved.shared, buildSeconds: 0, steps: saved.steps, dispose };
    rmSync(dir, { recursive: true, force: true });
  }
  mkdirSync(dir, { recursive: true });
  const started = performance.now();
  const steps: string[] = [];
  const engine = await Engine.open(loadConfig({ env: {}, overrides: { dataDir: dir } }));
  try {
    const demo = await loadDemo(engine);
    steps.push(...demo.steps.map((s) => `demo ${s.step}: ${s.detail}`));
    const series = demoSeries();
    await engine.state.series.put(series);
    steps.push(`demo series: ${series.length} series`);
    if (shared) {
      for (const [kind, sub] of [
        ['chainkg', 'chainkg'],
        ['ickg', 'ickg25'],
      ] as const) {
        const s = await runGraphImport(engine, kind, join(shared, sub));
        steps.push(
          `${sub}: ${s.read} records, nodes +${s.written.nodesCreated}, edges +${s.written.edgesCreated}`,
        );
      }
    }
    const index = await retrievalFor(engine);
    const paths = [join(demoDataDir(), 'policies'), ...(shared ? [join(shared, 'policies')] : [])];
    const ingested = await index.ingestPaths(paths);
    steps.push(`policies: ${ingested.added} documents, ${ingested.chunks} chunks`);
  } catch (error) {
    await engine.close();
    dispose();
    throw error;
  }
  await engine.close();
  writeFileSync(marker, JSON.stringify({ shared: !!shared, steps }));
  return { dir, shared: !!shared, buildSeconds: (performance.now() - started) / 1000, steps, dispose };
}

const SeriesMetaSchema = z.object({
  column: z.string(),
  file: z.string(),
  kind: z.enum(['price', 'demand', 'output']),
  unit: z.string(),
  subjectId: z.string(),
  name: z.string(),
});

/**
 * The demo's series named and linked as series.jsonl describes them: one column name (动力电池)
 * appears in the price, demand and output tables, so the CSV column alone cannot name a series.
 */
function demoSeries(): Array<{ node: SeriesNode; points: SeriesPoint[] }> {
  const metas = readFileSync(join(demoDataDir(), 'series.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => SeriesMetaSchema.parse(JSON.parse(l)));
  const ingestedAt = new Date().toISOString();
  const out: Array<{ node: SeriesNode; points: SeriesPoint[] }> = [];
  for (const file of [...new Set(metas.map((m) => m.file))]) {
    // The demo tables use YYYY-MM months; the series store keeps ISO dates (the 1st of the month).
    const [header, ...rows] = readFileSync(join(demoDataDir(), file), 'utf8')
      .split(/\r?\n/)
      .filter((l) => l.trim())
      .map((l) => l.split(','));
    for (const meta of metas.filter((m) => m.file === file)) {
      const column = header!.indexOf(meta.column);
      if (column < 1) throw new Error(`demo ${file} has no column ${meta.column}`);
      const node: SeriesNode = {
        id: nodeId('Series', meta.name),
        type: 'Series',
        name: meta.name,
        aliases: [],
        provenance: [{ source: 'demo', record: `${file}:column ${column + 1}`, ingestedAt, confidence: 1 }],
        visibility: 'public',
        props: { kind: meta.kind, frequency: 'monthly', unit: meta.unit, subjectId: meta.subjectId },
      };
      const points = rows.map((cells) => {
        const raw = cells[column]?.trim() ?? '';
        return { date: `${cells[0]}-01`, value: raw === '' ? null : Number(raw) };
      });
      out.push({ node, points });
    }
  }
  return out;
}
