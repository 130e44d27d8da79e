import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { askFor } from '../../engine/ask/index.js';
import { loadConfig } from '../../engine/config/load.js';
import { Engine } from '../../engine/container.js';
import { loadDemo } from '../../engine/demo.js';
import { retrievalFor } from '../../engine/retrieval.js';
import { PUBLIC_PRINCIPAL } from '../../knowledge-graph/schema/index.js';
import { postgresSkipReason, scratchDatabase } from '../../knowledge-graph/store/postgres.test-support.js';
import { loadQaQuestions } from '../suites/qa.eval.js';
import { type Bench, percentile, report } from './bench.js';
import { document, rng, searchTimes } from './corpus.js';

interface Figures {
  ingest: { chars: number; chunks: number; seconds: number };
  search: number[];
  /** PostgreSQL only: the same searches once ANALYZE has given the planner the new rows' statistics. */
  analysed?: number[];
  ask: number[];
}

/**
 * Shared state on PostgreSQL beside the embedded SQLite default, in one run on the same inputs:
 * ingest throughput of a synthetic policy corpus, hybrid search latency over it, and ask latency
 * on the demo chain's own questions (each asked once to warm up, then timed).
 * Args: [--docs N] (default 150) [--queries Q] (default 200) [--rounds R] (default 2).
 */
const bench: Bench = async (args) => {
  const arg = (name: string, fallback: number) =>
    args.includes(name) ? Number(args[args.indexOf(name) + 1]) : fallback;
  const docs = arg('--docs', 150);
  const queries = arg('--queries', 200);
  const rounds = arg('--rounds', 2);
  const skip = await postgresSkipReason();
  if (skip) {
    process.stdout.write(`state bench: ${skip}\n`);
    return false;
  }
  const dir = mkdtempSync(join(tmpdir(), 'ibrain-bench-state-'));
  const corpus = join(dir, 'corpus');
  mkdirSync(corpus);
  const r = rng(7);
  for (let i = 0; i < docs; i++) writeFileSync(join(corpus, `policy-${i}.txt`), document(i, r));
  const db = await scratchDatabase();
  try {
    const embedded = await measure(join(dir, 'embedded'), {}, corpus, queries, rounds);
    const postgres = await measure(
      join(dir, 'postgres'),
      { state: { adapter: 'postgres', databaseUrl: db.url } },
      corpus,
      queries,
      rounds,
    );
    const rate = (f: Figures) => f.ingest.chars / f.ingest.seconds;
    const pcts = (xs: number[]) => {
      const s = [...xs].sort((a, b) => a - b);
      return `p50 ${percentile(s, 50).toFixed(1)} ms, p95 ${percentile(s, 95).toFixed(1)} ms`;
    };
    return report('state bench: embedded SQLite vs PostgreSQL', [
      {
        label: 'ingest (embedded)',
        value: `${Math.round(rate(embedded)).toLocaleString()} chars/s (${embedded.ingest.chunks.toLocaleString()} chunks, ${embedded.ingest.seconds.toFixed(1)} s)`,
      },
      {
        label: 'ingest (postgres)',
        value: `${Math.round(rate(postgres)).toLocaleString()} chars/s (${postgres.ingest.chunks.toLocaleString()} chunks, ${postgres.ingest.seconds.toFixed(1)} s); ${(rate(postgres) / rate(embedded)).toFixed(2)}× embedded`,
      },
      { label: 'search (embedded)', value: `${pcts(embedded.search)} (${queries} hybrid queries)` },
      {
        label: 'search (postgres)',
        value: `${pcts(postgres.search)} right after the ingest; ${pcts(postgres.analysed ?? [])} once analysed (${queries} hybrid queries)`,
      },
      { label: 'ask (embedded)', value: `${pcts(embedded.ask)} (${embedded.ask.length} asks on the demo)` },
      { label: 'ask (postgres)', value: `${pcts(postgres.ask)} (${postgres.ask.length} asks on the demo)` },
    ]);
  } finally {
    await db.drop();
    rmSync(dir, { recursive: true, force: true });
  }
};

async function measure(
  dataDir: string,
  overrides: Record<string, unknown>,
  corpus: string,
  queries: number,
  rounds: number,
): Promise<Figures> {
  const engine = await Engine.open(loadConfig({ env: {}, overrides: { dataDir, ...overrides } }));
  try {
    await loadDemo(engine);
    const index = await retrievalFor(engine);
    const t0 = performance.now();
    const summary = await index.ingestPaths([corpus]);
    const ingest = { chars: summary.chars, chunks: summary.chunks, seconds: (performance.now() - t0) / 1000 };
    const searches = () => searchTimes(index, queries);
    const search = await searches();
    // Right after a bulk ingest autovacuum has not yet analysed the new rows; a server running
    // for a while has, so both are measured.
    let analysed: number[] | undefined;
    if (engine.postgres) {
      await engine.postgres.query('ANALYZE');
      analysed = await searches();
    }
    const ask = askFor(engine);
    await ask.warm();
    const questions = loadQaQuestions()
      .filter((x) => x.tags.includes('demo'))
      .map((x) => x.question);
    for (const question of questions) await ask.ask(question, { principal: PUBLIC_PRINCIPAL });
    const asks: number[] = [];
    for (let round = 0; round < rounds; round++) {
      for (const question of questions) {
        const t = performance.now();
        await ask.ask(question, { principal: PUBLIC_PRINCIPAL });
        asks.push(performance.now() - t);
      }
    }
    return { ingest, search, ...(analysed ? { analysed } : {}), ask: asks };
  } finally {
    await engine.close();
  }
}

export default bench;
