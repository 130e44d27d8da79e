import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../engine/config/load.js';
import { Engine } from '../../engine/container.js';
import { retrievalFor } from '../../engine/retrieval.js';
import { openDatabase } from '../../knowledge-graph/store/sqlite-db.js';
import { HashEmbeddings } from '../../models/embeddings/hash.js';
import { EmbeddedVectorStore } from '../../retrieval/vectors/embedded.js';
import { type Bench, percentile, report } from './bench.js';
import { document, rng, searchTimes, sentence } from './corpus.js';

/**
 * Retrieval benchmark on synthetic policy-like text (no shared data needed):
 * 1. ingest throughput (characters/s) of a corpus of ≥ 10,000 chunks, end to end (load, clean,
 *    chunk, jieba, BM25, hash embeddings, SQLite);
 * 2. hybrid search latency p50/p95 over that corpus;
 * 3. the embedded store's HNSW index against exact search at 100,000 vectors: recall@10 and
 *    queries per second side by side.
 * Args: [--docs N] [--vectors N] [--dims D] [--queries Q].
 */
const arg = (args: string[], name: string, fallback: number) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};

const bench: Bench = async (args) => {
  const docs = arg(args, '--docs', 560);
  const vectorCount = arg(args, '--vectors', 100_000);
  const dims = arg(args, '--dims', 256);
  const queries = arg(args, '--queries', 200);
  const dir = mkdtempSync(join(tmpdir(), 'ibrain-bench-retrieval-'));
  try {
    const r = rng(7);
    const corpus = join(dir, 'corpus');
    mkdirSync(corpus);
    let chars = 0;
    for (let i = 0; i < docs; i++) {
      const text = document(i, r);
      chars += text.length;
      writeFileSync(join(corpus, `policy-${String(i).padStart(4, '0')}.txt`), text);
    }
    const engine = await Engine.open(loadConfig({ env: {}, overrides: { dataDir: join(dir, 'data') } }));
    let ingestRow: string;
    let latencyRow: string;
    let chunkCount: number;
    try {
      const index = await retrievalFor(engine);
      const t0 = performance.now();
      const summary = await index.ingestPaths([corpus]);
      const seconds = (performance.now() - t0) / 1000;
      chunkCount = summary.chunks;
      ingestRow = `${Math.round(chars / seconds).toLocaleString()} chars/s (${chars.toLocaleString()} chars, ${summary.chunks.toLocaleString()} chunks, ${seconds.toFixed(1)} s)`;
      const times = (await searchTimes(index, queries)).sort((a, b) => a - b);
      latencyRow = `p50 ${percentile(times, 50).toFixed(1)} ms, p95 ${percentile(times, 95).toFixed(1)} ms (${queries} hybrid queries)`;
    } finally {
      await engine.close();
    }

    // ANN vs exact at scale: hash embeddings of distinct synthetic passages.
    const embeddings = new HashEmbeddings(dims);
    const store = new EmbeddedVectorStore(openDatabase(join(dir, 'vectors.sqlite')), {
      dimensions: dims,
      annThreshold: 20_000,
    });
    const vr = rng(12345);
    const batch = 5_000;
    for (let start = 0; start < vectorCount; start += batch) {
      const texts = Array.from(
        { length: Math.min(batch, vectorCount - start) },
        () => `${sentence(vr)}${sentence(vr)}`,
      );
      const vecs = await embeddings.embed(texts);
      await store.upsert(
        vecs.map((vector, i) => ({
          id: start + i + 1,
          vector,
          payload: { docId: 'd', source: 's', visibility: 'public' },
        })),
      );
    }
    const tb = performance.now();
    const annOn = store.usesAnn;
    const buildSeconds = (performance.now() - tb) / 1000;
    const qr = rng(777);
    const qv = await embeddings.embed(Array.from({ length: queries }, () => sentence(qr)));
    const te = performance.now();
    const exact = qv.map((v) => store.searchSync(v, 10, undefined, 'exact'));
    const exactQps = queries / ((performance.now() - te) / 1000);
    const ta = performance.now();
    const ann = qv.map((v) => store.searchSync(v, 10));
    const annQps = queries / ((performance.now() - ta) / 1000);
    let found = 0;
    ann.forEach((hits, i) => {
      const truth = new Set(exact[i]!.map((h) => h.id));
      found += hits.filter((h) => truth.has(h.id)).length;
    });
    const recall = found / (queries * 10);

    return report('retrieval bench', [
      { label: 'ingest throughput', value: ingestRow },
      {
        label: 'search latency',
        value: `${latencyRow} over ${chunkCount.toLocaleString()} chunks`,
        ok: chunkCount >= 10_000,
        target: '≥ 10,000 chunks',
      },
      {
        label: 'HNSW build',
        value: `${buildSeconds.toFixed(1)} s for ${vectorCount.toLocaleString()} × ${dims}-d vectors (ANN ${annOn ? 'on' : 'off'})`,
      },
      {
        label: 'ANN recall@10 vs exact',
        value: recall.toFixed(3),
        ok: recall >= 0.95 && annOn,
        target: '≥ 0.95',
      },
      {
        label: 'queries per second',
        value: `HNSW ${Math.round(annQps).toLocaleString()} q/s, exact ${Math.round(exactQps).toLocaleString()} q/s`,
      },
    ]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};

export default bench;
