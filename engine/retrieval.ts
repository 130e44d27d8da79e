import type { RetrievalIndex } from '../retrieval/index.js';
import type { VectorStore } from '../retrieval/vectors/port.js';
import { UserError } from './errors.js';
import type { Engine } from './container.js';
import { perEngine } from './per-engine.js';

/**
 * The engine's document index, made once per engine: embeddings and vector store from the
 * config, documents and postings in the engine's document store (its SQLite file or the shared
 * PostgreSQL), Document/MENTIONS links in its graph, documents read by a worker within the
 * `ingest` limits. Modules load on first use so commands that never search do not pay for jieba.
 */
export const retrievalFor: (engine: Engine) => Promise<RetrievalIndex> = perEngine(async (engine) => {
  const [{ RetrievalIndex }, { createEmbeddings }] = await Promise.all([
    import('../retrieval/index.js'),
    import('../models/embeddings/index.js'),
  ]);
  const embeddings = createEmbeddings(engine.config.embeddings);
  const store = engine.state.documents;
  const vectors = await openVectorStore(engine, embeddings.dimensions);
  engine.onClose(() => vectors.close());
  const { ingest } = engine.config;
  const index = await RetrievalIndex.open({
    store,
    graph: engine.graph,
    embeddings,
    vectors,
    parser: {
      limits: {
        maxChars: ingest.maxChars,
        maxPages: ingest.maxPages,
        maxUnpackedBytes: Math.round(ingest.maxUnpackedMb * 1024 * 1024),
      },
      timeoutMs: ingest.parseSeconds * 1000,
      memoryMb: ingest.parserMemoryMb,
    },
  });
  engine.onClose(() => index.close());
  return index;
});

async function openVectorStore(engine: Engine, dimensions: number): Promise<VectorStore> {
  const { vectors } = engine.config;
  if (vectors.adapter === 'qdrant') {
    if (!vectors.qdrant)
      throw new UserError(
        'vectors.adapter is qdrant but QDRANT_URL is not set; set QDRANT_URL (and QDRANT_API_KEY)',
      );
    const { QdrantVectorStore } = await import('../retrieval/vectors/qdrant.js');
    return QdrantVectorStore.connect({ ...vectors.qdrant, dimensions });
  }
  const { EmbeddedVectorStore } = await import('../retrieval/vectors/embedded.js');
  return new EmbeddedVectorStore(engine.db, { dimensions });
}
