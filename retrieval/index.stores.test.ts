import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { enterprisePrincipal, PUBLIC_PRINCIPAL } from '../knowledge-graph/schema/index.js';
import {
  postgresSkipReason,
  type ScratchDatabase,
  scratchDatabase,
} from '../knowledge-graph/store/postgres.test-support.js';
import { SqliteGraphStore } from '../knowledge-graph/store/sqlite.js';
import { openDatabase, type SqliteDatabase } from '../knowledge-graph/store/sqlite-db.js';
import { HashEmbeddings } from '../models/embeddings/hash.js';
import { GRAPH_NODES } from './harness.test-support.js';
import { RetrievalIndex } from './index.js';
import type { DocumentStore } from './store/port.js';
import { PostgresDocumentStore } from './store/postgres.js';
import { SqliteDocumentStore } from './store/sqlite.js';
import { EmbeddedVectorStore } from './vectors/embedded.js';

/** A vector store other replicas share (as Qdrant is), kept in a local file for the test. */
class SharedVectorStore extends EmbeddedVectorStore {
  override readonly shared = true;
  override readonly name = 'shared:test';
}

const skip = await postgresSkipReason();
let scratch: ScratchDatabase | undefined;
const cleanups: Array<() => Promise<void> | void> = [];

afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});
afterAll(async () => scratch?.drop());

async function documentStore(kind: string, db: SqliteDatabase): Promise<DocumentStore> {
  if (kind === 'sqlite') return new SqliteDocumentStore(db);
  scratch ??= await scratchDatabase();
  await scratch.pool.query(
    'DROP TABLE IF EXISTS ibrain_migrations, documents, document_chunks, document_postings, document_terms, document_stats, document_mentions, document_meta CASCADE',
  );
  return PostgresDocumentStore.open(scratch.pool);
}

async function world(kind: string, options: { shared?: boolean; dimensions?: number } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'ibrain-stores-'));
  const db = openDatabase(join(dir, 'ibrain.sqlite'));
  cleanups.push(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const graph = SqliteGraphStore.open(db);
  await graph.upsert({ nodes: GRAPH_NODES });
  const store = await documentStore(kind, db);
  const open = async (embeddingDims = options.dimensions ?? 64) => {
    const Vectors = options.shared ? SharedVectorStore : EmbeddedVectorStore;
    const vectors = new Vectors(db, { dimensions: embeddingDims });
    const index = await RetrievalIndex.open({
      store,
      graph,
      embeddings: new HashEmbeddings(embeddingDims),
      vectors,
    });
    cleanups.push(() => index.close());
    return { index, vectors };
  };
  return { ...(await open()), open };
}

const NOTICE = {
  source: '/docs/notice.txt',
  name: 'notice.txt',
  format: 'txt' as const,
  text: '关于产业大脑揭榜挂帅工作的通知\n农业领域揭榜主体为各区县农业农村主管部门。工业领域揭榜主体为各区县人民政府。',
  meta: {},
};
const SECRET = {
  source: '/docs/secret.md',
  name: 'secret.md',
  format: 'md' as const,
  text: '# 产能共享\n宗申动力2025年发动机缸体外协产能为每月12万件，主要供应商位于璧山区。',
  meta: { visibility: 'enterprise:001696' },
};

for (const kind of ['sqlite', 'postgres']) {
  const skipped = kind === 'postgres' ? skip : undefined;
  if (skipped) describe(`RetrievalIndex on ${kind}`, () => it.skip(skipped, () => {}));
  describe.skipIf(!!skipped)(`RetrievalIndex on ${kind}`, () => {
    it('ingests, searches within what the principal may read, and removes', async () => {
      const { index } = await world(kind);
      expect((await index.ingestDocument(NOTICE)).status).toBe('added');
      expect((await index.ingestDocument(SECRET)).status).toBe('added');
      expect((await index.ingestDocument(NOTICE)).status).toBe('unchanged');
      for (const mode of ['bm25', 'dense', 'hybrid'] as const) {
        const outsider = await index.search('宗申动力 缸体 产能', {
          principal: enterprisePrincipal('600000'),
          mode,
          k: 50,
        });
        expect(
          outsider.some((h) => h.source === 'secret.md'),
          mode,
        ).toBe(false);
        const insider = await index.search('宗申动力 缸体 产能', {
          principal: enterprisePrincipal('001696'),
          mode,
        });
        expect(insider[0]?.source, mode).toBe('secret.md');
      }
      const [hit] = await index.search('农业领域的揭榜主体', { principal: PUBLIC_PRINCIPAL });
      expect(hit?.text).toContain('农业农村主管部门');
      expect((await index.readable(PUBLIC_PRINCIPAL)).map((d) => d.name)).toEqual(['notice.txt']);
      const notice = (await index.documents()).find((d) => d.name === 'notice.txt')!;
      expect(await index.passages(notice.id, PUBLIC_PRINCIPAL)).toMatchObject({ name: 'notice.txt' });
      const secret = (await index.documents()).find((d) => d.name === 'secret.md')!;
      expect(await index.passages(secret.id, PUBLIC_PRINCIPAL)).toBeUndefined();
      expect((await index.check()).problems).toEqual([]);
      expect(await index.remove(notice.id)).toBe(true);
      expect(await index.search('揭榜主体', { principal: PUBLIC_PRINCIPAL, mode: 'bm25' })).toEqual([]);
      expect((await index.check()).problems).toEqual([]);
    });

    it('reports chunks without vectors and writes them again when the document is ingested again', async () => {
      const { index, vectors } = await world(kind);
      await index.ingestDocument(NOTICE);
      const before = await index.check();
      expect(before.missingVectors).toBe(0);
      // A vector write that failed after the chunks committed (an external store down).
      const [first] = await vectors.search(new Float32Array(64).fill(0.125), 1);
      await vectors.delete([first!.id]);
      const gap = await index.check();
      expect(gap.missingVectors).toBe(1);
      expect(gap.problems.join('\n')).toContain('1 chunks without a vector');
      const again = await index.ingestDocument(NOTICE);
      expect(again).toMatchObject({ status: 'unchanged', message: '1 missing vectors written again' });
      expect(await index.check()).toMatchObject({ missingVectors: 0, problems: [] });
    });

    it('refuses to replace shared vectors made by other embeddings, and drops none of them', async () => {
      const { index, open, vectors } = await world(kind, { shared: true });
      await index.ingestDocument(NOTICE);
      expect((await index.check()).problems).toEqual([]);
      await vectors.clear();
      // Another embeddings id over the same shared vectors: refused, and nothing is dropped.
      await vectors.upsert([
        {
          id: 1,
          vector: new Float32Array(64).fill(0.125),
          payload: { docId: 'd', source: 's', visibility: 'public' },
        },
      ]);
      await expect(open(32)).rejects.toThrow(/shared:test.*hash.*QDRANT_COLLECTION/s);
      expect(await vectors.count()).toBe(1);
    });
  });
}
