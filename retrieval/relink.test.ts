import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { nodeId, SYSTEM_PRINCIPAL } from '../knowledge-graph/schema/index.js';
import { node } from '../knowledge-graph/store/fixtures.js';
import { SqliteGraphStore } from '../knowledge-graph/store/sqlite.js';
import { openDatabase, type SqliteDatabase } from '../knowledge-graph/store/sqlite-db.js';
import { HashEmbeddings } from '../models/embeddings/hash.js';
import { SqliteDocumentStore } from './store/sqlite.js';
import { RetrievalIndex } from './index.js';
import { EmbeddedVectorStore } from './vectors/embedded.js';

/** The entities the document below names, as an import would bring them. */
const ENTITIES = [
  node('Enterprise', '宗申动力', { key: '001696' }),
  node('Enterprise', '忽米网', { key: 'humi' }),
  node('Region', '重庆市', { aliases: ['重庆'] }),
  node('Region', '璧山区'),
  node('Product', '发动机'),
  node('Product', '缸体'),
];
const TEXT = '# 合作\n宗申动力与忽米网在重庆合作，璧山区的缸体外协产能供应发动机生产。\n';

let dir: string;
let db: SqliteDatabase;
let graph: SqliteGraphStore;
const open: RetrievalIndex[] = [];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ibrain-relink-'));
  db = openDatabase(join(dir, 'ibrain.sqlite'));
  graph = SqliteGraphStore.open(db);
  writeFileSync(join(dir, 'news.md'), TEXT);
});
afterEach(async () => {
  for (const index of open.splice(0)) await index.close();
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

async function index(): Promise<RetrievalIndex> {
  const opened = await RetrievalIndex.open({
    store: new SqliteDocumentStore(db),
    graph,
    embeddings: new HashEmbeddings(64),
    vectors: new EmbeddedVectorStore(db, { dimensions: 64 }),
  });
  open.push(opened);
  return opened;
}

async function linked(docId: string): Promise<string[]> {
  const found = await graph.neighbours(
    nodeId('Document', docId),
    { edgeTypes: ['MENTIONS'] },
    SYSTEM_PRINCIPAL,
  );
  return found.map((n) => n.node.name).sort();
}

const ALL = ENTITIES.map((e) => e.name).sort();

describe('entity links follow the graph', () => {
  it('a document ingested before the import is linked when the ingest is run again', async () => {
    const first = await index();
    const [result] = (await first.ingestPaths([join(dir, 'news.md')])).results;
    expect(await linked(result!.docId!)).toEqual([]);
    await graph.upsert({ nodes: ENTITIES });
    const again = await (await index()).ingestPaths([join(dir, 'news.md')]);
    expect(again.unchanged).toBe(1);
    expect(await linked(result!.docId!)).toEqual(ALL);
  });

  it('a document ingested during an import (half the entities there) is repaired by a running index', async () => {
    await graph.upsert({ nodes: ENTITIES.slice(0, 2) });
    const running = await index();
    const [result] = (await running.ingestPaths([join(dir, 'news.md')])).results;
    expect(await linked(result!.docId!)).toEqual(
      ENTITIES.slice(0, 2)
        .map((e) => e.name)
        .sort(),
    );
    await graph.upsert({ nodes: ENTITIES.slice(2) });
    expect(await running.refresh()).toBe(true);
    expect(await linked(result!.docId!)).toEqual(ALL);
    // Search sees the repaired mentions: the entity boost counts the newly linked region.
    const [hit] = await running.search('璧山区', { principal: SYSTEM_PRINCIPAL, k: 1 });
    expect(hit?.components.entities).toBe(1);
    expect(await running.refresh()).toBe(false);
  });

  it('links to an entity removed from the graph are dropped at the next refresh', async () => {
    await graph.upsert({ nodes: ENTITIES });
    const running = await index();
    const [result] = (await running.ingestPaths([join(dir, 'news.md')])).results;
    expect(await linked(result!.docId!)).toEqual(ALL);
    await graph.remove({ nodes: [nodeId('Region', '璧山区')] });
    await running.refresh();
    expect(await linked(result!.docId!)).toEqual(ALL.filter((n) => n !== '璧山区'));
  });
});
