import { join } from 'node:path';
import { askFor } from '../../engine/ask/index.js';
import { loadConfig } from '../../engine/config/load.js';
import { Engine } from '../../engine/container.js';
import { projectRoot } from '../../engine/paths.js';
import { PUBLIC_PRINCIPAL } from '../../knowledge-graph/schema/index.js';
import { buildDevData } from '../dev/data.js';
import { devSetPath, loadDevSet } from '../dev/dataset.js';
import { loadQaQuestions } from '../suites/qa.eval.js';
import { buildQaData } from '../suites/qa-data.js';
import { type Bench, percentile, report, sharedDataDir } from './bench.js';

/**
 * Offline ask latency with chainkg, ickg25, the policies, the IMF prices and the demo in one data
 * directory (built once under .ibrain-eval/dev/combined and reused while data and loaders are
 * unchanged): every development-set question plus two variations (no question mark; a polite
 * prefix), each asked once to warm up and then timed. Only time is measured here, not accuracy.
 * Without ../shared it times the project's own questions over the demo data.
 * Building the data, the entity dictionary and the document index is reported separately.
 * Args: [--rounds N] (default 2 timed rounds).
 */
const bench: Bench = async (args) => {
  const rounds = args.includes('--rounds') ? Number(args[args.indexOf('--rounds') + 1]) : 2;
  const shared = sharedDataDir();
  const devSet = devSetPath(shared);
  const started = performance.now();
  let dir: string;
  let base: string[];
  let dispose = () => {};
  if (shared && devSet) {
    await buildDevData(shared, join(projectRoot(), '.ibrain-eval', 'dev'), { combined: true, datasets: [] });
    dir = join(projectRoot(), '.ibrain-eval', 'dev', 'combined');
    base = loadDevSet(devSet).map((i) => i.question);
  } else {
    process.stdout.write(
      'ask bench: ../shared is absent; timing the own questions over the demo data only\n',
    );
    const data = await buildQaData(undefined);
    dir = data.dir;
    dispose = data.dispose;
    base = loadQaQuestions()
      .filter((q) => q.tags.includes('demo'))
      .map((q) => q.question);
  }
  const buildSeconds = (performance.now() - started) / 1000;
  const engine = await Engine.open(loadConfig({ env: {}, overrides: { dataDir: dir } }));
  try {
    const ask = askFor(engine);
    const warm = await ask.warm();
    const questions = base.flatMap((q) => [
      q,
      q.replace(/[？?]$/u, ''),
      /[a-z]/i.test(q[0] ?? '') ? `Please tell me: ${q}` : `请问${q}`,
    ]);
    const warmStart = performance.now();
    for (const q of questions) await ask.ask(q, { principal: PUBLIC_PRINCIPAL });
    const warmup = performance.now() - warmStart;
    const times: number[] = [];
    for (let r = 0; r < rounds; r++) {
      for (const q of questions) {
        const t = performance.now();
        await ask.ask(q, { principal: PUBLIC_PRINCIPAL });
        times.push(performance.now() - t);
      }
    }
    times.sort((a, b) => a - b);
    const p50 = percentile(times, 50);
    const p95 = percentile(times, 95);
    return report(`ask bench (offline): ${questions.length} questions × ${rounds} rounds`, [
      {
        label: 'data',
        value: `${shared && devSet ? 'chainkg + ickg25 + policies + IMF prices + demo' : 'demo'} (${buildSeconds.toFixed(1)} s to build or reuse)`,
      },
      {
        label: 'entity dictionary',
        value: `${warm.names.toLocaleString('en')} names in ${(warm.ms / 1000).toFixed(1)} s`,
      },
      { label: 'first pass (index, chain graph, caches)', value: `${(warmup / 1000).toFixed(1)} s` },
      { label: 'p50', value: `${p50.toFixed(1)} ms`, target: '≤ 50 ms', ok: p50 <= 50 },
      { label: 'p95', value: `${p95.toFixed(1)} ms`, target: '≤ 200 ms', ok: p95 <= 200 },
      { label: 'max', value: `${times[times.length - 1]!.toFixed(1)} ms` },
    ]);
  } finally {
    await engine.close();
    dispose();
  }
};

export default bench;
