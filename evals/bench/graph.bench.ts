import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../../engine/config/load.js';
import { Engine } from '../../engine/container.js';
import { runGraphImport } from '../../engine/imports.js';
import { SYSTEM_PRINCIPAL } from '../../knowledge-graph/schema/index.js';
import { DOWNSTREAM_STEPS, UPSTREAM_STEPS } from '../../knowledge-graph/store/port.js';
import { type Bench, percentile, report, sharedDataDir } from './bench.js';

const STARTS = 1_000;

/** Deterministic PRNG so every run samples the same starts. */
function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function timeEach(ids: readonly string[], fn: (id: string) => Promise<unknown>): Promise<number[]> {
  const times: number[] = [];
  for (const id of ids) {
    const t = performance.now();
    await fn(id);
    times.push(performance.now() - t);
  }
  return times.sort((a, b) => a - b);
}

/**
 * `npm run bench -- graph`: imports all of chainkg into a fresh embedded store, re-imports it,
 * times traversals from 1,000 random products and reopens the store in a new process.
 */
const bench: Bench = async () => {
  const shared = sharedDataDir();
  if (!shared) {
    process.stdout.write('graph bench needs ../shared/data/chainkg; it is absent, nothing measured\n');
    return true;
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'ibrain-bench-graph-'));
  try {
    const engine = await Engine.open(loadConfig({ overrides: { dataDir } }));
    const t0 = performance.now();
    const first = await runGraphImport(engine, 'chainkg', join(shared, 'chainkg'));
    const importSeconds = (performance.now() - t0) / 1000;
    const rss = process.memoryUsage().rss / 2 ** 20;
    const counts = await engine.graph.stats(SYSTEM_PRINCIPAL);
    const t1 = performance.now();
    await runGraphImport(engine, 'chainkg', join(shared, 'chainkg'));
    const reimportSeconds = (performance.now() - t1) / 1000;
    const recounts = await engine.graph.stats(SYSTEM_PRINCIPAL);

    const products: string[] = [];
    for await (const node of engine.graph.scanNodes(['Product'], SYSTEM_PRINCIPAL)) products.push(node.id);
    const random = mulberry32(42);
    const starts = Array.from({ length: STARTS }, () => products[Math.floor(random() * products.length)]!);
    const up2 = await timeEach(starts, (id) =>
      engine.graph.traverse(id, { steps: UPSTREAM_STEPS, depth: 2 }, SYSTEM_PRINCIPAL),
    );
    const down2 = await timeEach(starts, (id) =>
      engine.graph.traverse(id, { steps: DOWNSTREAM_STEPS, depth: 2 }, SYSTEM_PRINCIPAL),
    );
    const neighbours = await timeEach(starts, (id) => engine.graph.neighbours(id, {}, SYSTEM_PRINCIPAL));
    await engine.close();

    const here = dirname(fileURLToPath(import.meta.url));
    const reopen = JSON.parse(
      execFileSync(process.execPath, ['--import', 'tsx', join(here, 'graph-reopen.ts'), dataDir], {
        encoding: 'utf8',
      }),
    ) as { seconds: number; nodes: number; edges: number };

    const ms = (v: number) => `${v.toFixed(3)} ms`;
    return report('graph (embedded SQLite store, chainkg)', [
      { label: 'records read', value: String(first.read) },
      { label: 'nodes / edges', value: `${counts.nodes} / ${counts.edges}` },
      { label: 'import seconds', value: importSeconds.toFixed(2), target: '≤ 15 s', ok: importSeconds <= 15 },
      { label: 're-import seconds', value: reimportSeconds.toFixed(2) },
      {
        label: 're-import counts equal',
        value: `${recounts.nodes} / ${recounts.edges}`,
        ok: recounts.nodes === counts.nodes && recounts.edges === counts.edges,
      },
      {
        label: 'upstream depth 2 p50',
        value: ms(percentile(up2, 50)),
        target: '≤ 1 ms',
        ok: percentile(up2, 50) <= 1,
      },
      { label: 'upstream depth 2 p95', value: ms(percentile(up2, 95)) },
      { label: 'downstream depth 2 p50', value: ms(percentile(down2, 50)) },
      {
        label: 'neighbours p50',
        value: ms(percentile(neighbours, 50)),
        target: '≤ 0.2 ms',
        ok: percentile(neighbours, 50) <= 0.2,
      },
      { label: 'neighbours p95', value: ms(percentile(neighbours, 95)) },
      {
        label: 'reopen seconds (new process)',
        value: reopen.seconds.toFixed(2),
        target: '≤ 3 s',
        ok: reopen.seconds <= 3,
      },
      {
        label: 'reopen counts equal',
        value: `${reopen.nodes} / ${reopen.edges}`,
        ok: reopen.nodes === counts.nodes && reopen.edges === counts.edges,
      },
      { label: 'RSS after import', value: `${rss.toFixed(0)} MiB` },
    ]);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
};

export default bench;
