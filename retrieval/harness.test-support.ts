import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { node } from '../knowledge-graph/store/fixtures.js';
import { SqliteGraphStore } from '../knowledge-graph/store/sqlite.js';
import { openDatabase, type SqliteDatabase } from '../knowledge-graph/store/sqlite-db.js';
import { HashEmbeddings } from '../models/embeddings/hash.js';
import { RetrievalIndex } from './index.js';
import { SqliteDocumentStore } from './store/sqlite.js';
import { EmbeddedVectorStore } from './vectors/embedded.js';

/** A retrieval index on a temporary SQLite file with a small graph, for tests. */
export interface Harness {
  dir: string;
  db: SqliteDatabase;
  graph: SqliteGraphStore;
  index: RetrievalIndex;
  vectors: EmbeddedVectorStore;
  close(): Promise<void>;
}

export const GRAPH_NODES = [
  node('Enterprise', '宗申动力', { key: '001696', aliases: ['宗申集团'] }),
  node('Enterprise', '重庆忽米网络科技有限公司', { key: 'humi', aliases: ['忽米网'] }),
  node('Region', '重庆市', { aliases: ['重庆'] }),
  node('Industry', '汽摩', {}),
];

export async function openHarness(
  dir = mkdtempSync(join(tmpdir(), 'ibrain-retrieval-')),
  annThreshold?: number,
): Promise<Harness> {
  const db = openDatabase(join(dir, 'ibrain.sqlite'));
  const graph = SqliteGraphStore.open(db);
  await graph.upsert({ nodes: GRAPH_NODES });
  const embeddings = new HashEmbeddings(256);
  const vectors = new EmbeddedVectorStore(db, { dimensions: 256, ...(annThreshold ? { annThreshold } : {}) });
  const index = await RetrievalIndex.open({
    store: new SqliteDocumentStore(db),
    graph,
    embeddings,
    vectors,
  });
  return {
    dir,
    db,
    graph,
    index,
    vectors,
    async close() {
      await index.close();
      await graph.close();
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
