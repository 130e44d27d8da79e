import { askFor } from '../../engine/ask/index.js';
import { loadConfig } from '../../engine/config/load.js';
import { Engine } from '../../engine/container.js';
import { PUBLIC_PRINCIPAL } from '../../knowledge-graph/schema/index.js';
import { loadQaQuestions } from '../suites/qa.eval.js';
import { buildQaData } from '../suites/qa-data.js';
import { type Bench, percentile, report, sharedDataDir } from './bench.js';

/**
 * Offline ask latency with chainkg, ickg25 and the policies loaded: every QA question plus two
 * variations (no question mark; a polite prefix), each asked once to warm up and then timed.
 * Building the data, the entity dictionary and the document index is reported separately.
 * Args: [--reuse <dir>] [--rounds N] (default 2 timed rounds).
 */
const bench: Bench = async (args) => {
  const shared = sharedDataDir();
  if (!shared) process.stdout.write('ask bench: ../shared/data is absent; timing over the demo data only\n');
  const reuse = args.includes('--reuse') ? args[args.indexOf('--reuse') + 1] : undefined;
  const rounds = args.includes('--rounds') ? Number(args[args.indexOf('--rounds') + 1]) : 2;
  const data = await buildQaData(shared, reuse);
  const engine = await Engine.open(loadConfig({ env: {}, overrides: { dataDir: data.dir } }));
  try {
    const ask = askFor(engine);
    const warm = await ask.warm();
    const base = loadQaQuestions()
      .filter((q) => shared || q.tags.includes('demo'))
      .map((q) => q.question);
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
      { label: 'data build', value: data.buildSeconds ? `${data.buildSeconds.toFixed(1)} s` : 'reused' },
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
    data.dispose();
  }
};

export default bench;
