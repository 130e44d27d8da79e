import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { enterprisePrincipal, type GraphNode, PUBLIC_PRINCIPAL } from '../knowledge-graph/schema/index.js';
import { node } from '../knowledge-graph/store/fixtures.js';
import { SqliteGraphStore } from '../knowledge-graph/store/sqlite.js';
import { openDatabase } from '../knowledge-graph/store/sqlite-db.js';
import { HashEmbeddings } from '../models/embeddings/hash.js';
import { SqliteDocumentStore } from './store/sqlite.js';
import { RetrievalIndex, type SearchHit } from './index.js';
import { EmbeddedVectorStore } from './vectors/embedded.js';

/**
 * What a public search returns must not depend on what other tenants indexed or named: the same
 * public corpus is searched in a world without tenant E2 and in one with E2's private documents
 * and private entities, and the public caller must not be able to tell them apart.
 */
const dirs: string[] = [];
const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function world(nodes: GraphNode[]): Promise<RetrievalIndex> {
  const dir = mkdtempSync(join(tmpdir(), 'ibrain-isolation-'));
  dirs.push(dir);
  const db = openDatabase(join(dir, 'ibrain.sqlite'));
  const graph = SqliteGraphStore.open(db);
  await graph.upsert({ nodes: [node('Product', '碳酸锂'), node('Product', '隔膜'), ...nodes] });
  const index = await RetrievalIndex.open({
    store: new SqliteDocumentStore(db),
    graph,
    embeddings: new HashEmbeddings(128),
    vectors: new EmbeddedVectorStore(db, { dimensions: 128 }),
  });
  closers.push(async () => {
    await index.close();
    db.close();
  });
  return index;
}

const PUBLIC_DOCS = [
  { title: '锂价周报', text: '碳酸锂价格本周上涨，电池成本随之上升，部分企业调整采购节奏。' },
  { title: '隔膜观察', text: '隔膜产能继续扩张，价格小幅下降，湿法隔膜占比提高。' },
  {
    title: '供应链简报',
    text: '正极材料与碳酸锂库存偏低，隔膜企业开工率稳定，乙方机密配方一词首次出现在公开报道中。',
  },
  { title: '政策摘要', text: '支持动力电池回收利用，鼓励碳酸锂提纯技术攻关与隔膜国产化。' },
];

async function ingestPublic(index: RetrievalIndex): Promise<void> {
  for (const [i, d] of PUBLIC_DOCS.entries()) {
    await index.ingestDocument({
      source: `/public/${i}.md`,
      name: `${i}.md`,
      format: 'md',
      text: `# ${d.title}\n${d.text}`,
      meta: { title: d.title },
    });
  }
}

async function ingestTenantE2(index: RetrievalIndex): Promise<void> {
  for (let i = 0; i < 25; i++) {
    await index.ingestDocument(
      {
        source: `/e2/${i}.md`,
        name: `e2-${i}.md`,
        format: 'md',
        text: `# 乙方内部${i}\n乙方机密配方用于碳酸锂提纯，碳酸锂碳酸锂碳酸锂回收率第${i}批次提升，价格保密。`,
        meta: { title: `乙方内部${i}` },
      },
      'enterprise:E2',
    );
  }
}

const QUERIES = ['碳酸锂价格', '隔膜 价格', '碳酸锂 隔膜', '乙方机密配方', '提纯技术', '电池成本'];

function shape(hits: SearchHit[]) {
  return hits.map((h) => ({
    source: h.source,
    bm25: h.components.bm25,
    snippet: h.snippet,
    entities: h.components.entities,
  }));
}

describe('a public search cannot see other tenants', () => {
  it('ranks, scores and highlights exactly as if tenant E2 and its private names did not exist', async () => {
    const alone = await world([]);
    await ingestPublic(alone);
    const shared = await world([
      node('Product', '乙方机密配方', { key: '乙材料', visibility: 'enterprise:E2' }),
    ]);
    await ingestPublic(shared);
    await ingestTenantE2(shared);
    for (const query of QUERIES) {
      for (const mode of ['bm25', 'hybrid'] as const) {
        const a = await alone.search(query, { principal: PUBLIC_PRINCIPAL, k: 10, mode });
        const b = await shared.search(query, { principal: PUBLIC_PRINCIPAL, k: 10, mode });
        expect(shape(b), `${mode}: ${query}`).toEqual(shape(a));
      }
    }
  });

  it('the tenant itself sees its private name whole, and its own documents', async () => {
    const shared = await world([
      node('Product', '乙方机密配方', { key: '乙材料', visibility: 'enterprise:E2' }),
    ]);
    await ingestPublic(shared);
    await ingestTenantE2(shared);
    const own = await shared.search('乙方机密配方', { principal: enterprisePrincipal('E2'), k: 5 });
    expect(own[0]?.snippet).toContain('【乙方机密配方】');
    const outsider = await shared.search('乙方机密配方', { principal: PUBLIC_PRINCIPAL, k: 5 });
    expect(outsider.every((h) => h.visibility === 'public')).toBe(true);
    expect(JSON.stringify(outsider)).not.toContain('【乙方机密配方】');
    expect(shared.tokenizer.tokens('乙方机密配方')).not.toContain('乙方机密配方');
  });
});
