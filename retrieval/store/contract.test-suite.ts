import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import {
  enterprisePrincipal,
  PUBLIC_PRINCIPAL,
  SYSTEM_PRINCIPAL,
} from '../../knowledge-graph/schema/index.js';
import { annotate, extractDocument, type PreparedDocument } from '../prepare.js';
import { Tokenizer } from '../tokenize.js';
import type { DocumentStore } from './port.js';

/** An empty store, and a way to open another store on the same database (another replica). */
export interface OpenedStore {
  store: DocumentStore;
  twin(): Promise<DocumentStore>;
}

const tokenizer = new Tokenizer(['宗申动力', '忽米网']);

/** A document as ingest prepares it: jieba tokens, small chunks, mentions of the names it holds. */
export async function prepared(
  name: string,
  text: string,
  options: { visibility?: string; date?: string } = {},
): Promise<PreparedDocument> {
  const extracted = extractDocument(
    {
      source: `/docs/${name}`,
      name,
      format: name.endsWith('.md') ? 'md' : 'txt',
      text,
      meta: { ...(options.date ? { date: options.date } : {}) },
    },
    { targetChars: 60, maxChars: 90, minChars: 10, overlapChars: 0 },
    options.visibility,
  );
  return annotate(extracted, {
    tokens: (t) => tokenizer.tokens(t),
    entityIds: (t) => (t.includes('宗申动力') ? ['Enterprise:001696'] : []),
  });
}

/** A small Chinese corpus: ranking on it must agree between adapters. */
export const CORPUS: ReadonlyArray<[name: string, text: string, visibility?: string]> = [
  [
    'notice.txt',
    '关于开展产业大脑揭榜挂帅工作的通知。农业领域揭榜主体为各区县农业农村主管部门。工业领域揭榜主体为各区县人民政府。申报材料应于2025年3月18日前报送。',
  ],
  [
    'news.md',
    '# 重点行业率先试水产业大脑\n忽米网已与宗申集团合作，搭建起汽摩产业大脑。目前大脑已链接了330多家上下游关联企业。',
  ],
  [
    'lithium.txt',
    '碳酸锂价格本周上涨，电池成本随之上升，部分企业调整采购节奏。隔膜价格保持平稳，正极材料需求回暖。',
  ],
  [
    'policy.txt',
    '重庆市支持汽摩产业数字化转型，对建设产业大脑的企业给予资金补助。补助标准按项目投资额的百分之十确定。',
  ],
  [
    'secret.md',
    '宗申动力2025年发动机缸体外协产能为每月12万件，主要供应商位于璧山区。产业大脑平台接入供应商产能数据。',
    'enterprise:001696',
  ],
];

export const QUERIES = ['产业大脑', '揭榜主体', '碳酸锂 价格', '汽摩 产业', '供应商 产能', '补助 标准'];

export async function ingestCorpus(store: DocumentStore): Promise<void> {
  for (const [name, text, visibility] of CORPUS) {
    await store.write(await prepared(name, text, visibility ? { visibility } : {}), '2025-06-01T00:00:00Z');
  }
}

/**
 * The expectations every DocumentStore adapter meets; each adapter's test file runs it (the
 * PostgreSQL one on a scratch database, skipped with the reason when none answers).
 */
export function documentStoreContract(name: string, open: () => Promise<OpenedStore>, skip?: string): void {
  if (skip) describe(`${name} DocumentStore contract`, () => it.skip(skip, () => {}));
  (skip ? describe.skip : describe)(`${name} DocumentStore contract`, () => {
    let opened: OpenedStore;
    let store: DocumentStore;
    const others: DocumentStore[] = [];
    const tenant = enterprisePrincipal('001696');
    const other = enterprisePrincipal('601127');
    const at = '2025-06-01T00:00:00Z';

    beforeEach(async () => {
      opened = await open();
      store = opened.store;
    });
    afterAll(async () => {
      for (const s of others) await s.close();
    });

    it('writes a document with its chunks and finds it by source, hash and id', async () => {
      const doc = await prepared('notice.txt', CORPUS[0]![1]);
      const written = await store.write(doc, at);
      expect(written.status).toBe('written');
      if (written.status !== 'written') return;
      expect(written.added).toHaveLength(doc.chunks.length);
      expect(written.removed).toEqual([]);
      const found = await store.bySource(doc.source);
      expect(found).toMatchObject({
        id: doc.id,
        hash: doc.hash,
        visibility: 'public',
        chunkCount: doc.chunks.length,
      });
      expect((await store.byHash(doc.hash))?.id).toBe(doc.id);
      expect((await store.byId(doc.id))?.source).toBe(doc.source);
      expect(await store.text(found!.rid)).toBe(doc.text);
      const chunks = await store.chunksOf(found!.rid);
      expect(chunks.map((c) => c.rid)).toEqual(written.added);
      expect(chunks.map((c) => c.text)).toEqual(doc.chunks.map((c) => c.text));
      expect(await store.stats()).toEqual({
        chunks: doc.chunks.length,
        totalLength: doc.chunks.reduce((n, c) => n + c.tokens.length, 0),
      });
      expect((await store.check()).problems).toEqual([]);
    });

    it('replaces the document of a source, and skips a write of the content it holds', async () => {
      const first = await prepared('notice.txt', CORPUS[0]![1]);
      const firstWrite = await store.write(first, at);
      const again = await store.write(first, at);
      expect(again.status).toBe('unchanged');
      const changed = await prepared('notice.txt', `${CORPUS[0]![1]}补充说明：逾期不予受理。`);
      const second = await store.write(changed, at);
      expect(second.status).toBe('written');
      if (second.status !== 'written' || firstWrite.status !== 'written') return;
      expect(second.previous?.id).toBe(first.id);
      expect(second.removed).toEqual(firstWrite.added);
      expect(Math.min(...second.added)).toBeGreaterThan(Math.max(...firstWrite.added));
      expect(await store.byId(first.id)).toBeUndefined();
      expect((await store.list()).map((d) => d.id)).toEqual([changed.id]);
      expect((await store.check()).problems).toEqual([]);
    });

    it('deletes a document with everything hanging off it', async () => {
      await ingestCorpus(store);
      const doc = (await store.bySource('/docs/news.md'))!;
      const chunks = await store.chunksOf(doc.rid);
      expect(await store.delete(doc.id)).toEqual(chunks.map((c) => c.rid));
      expect(await store.delete(doc.id)).toBeUndefined();
      expect((await store.chunks(chunks.map((c) => c.rid))).size).toBe(0);
      expect(await store.score(['忽米网'], { principal: SYSTEM_PRINCIPAL }, 10)).toEqual([]);
      expect((await store.check()).problems).toEqual([]);
    });

    it('never returns an enterprise document to another principal', async () => {
      await ingestCorpus(store);
      const secret = (await store.bySource('/docs/secret.md'))!;
      const names = async (p: typeof tenant) => (await store.readable(p)).map((d) => d.name);
      expect(await names(PUBLIC_PRINCIPAL)).not.toContain('secret.md');
      expect(await names(other)).not.toContain('secret.md');
      expect(await names(tenant)).toContain('secret.md');
      expect(await store.visibilities(other)).toEqual(['public']);
      expect((await store.visibilities(tenant))?.sort()).toEqual(['enterprise:001696', 'public']);
      expect(await store.visibilities(SYSTEM_PRINCIPAL)).toBeUndefined();
      const query = tokenizer.tokens('宗申动力 供应商 产能');
      for (const principal of [PUBLIC_PRINCIPAL, other]) {
        const hits = await store.score(query, { principal }, 50);
        expect(hits.some((h) => h.docRid === secret.rid)).toBe(false);
        const secretChunks = (await store.chunksOf(secret.rid)).map((c) => c.rid);
        expect((await store.chunks(secretChunks, { principal })).size).toBe(0);
      }
      expect((await store.score(query, { principal: tenant }, 50))[0]?.docRid).toBe(secret.rid);
    });

    it('scores with statistics over what the principal may read only', async () => {
      await ingestCorpus(store);
      const query = tokenizer.tokens('产业大脑');
      const publicHits = await store.score(query, { principal: other }, 50);
      // The enterprise document changes neither the public ranking nor its scores.
      await store.delete((await store.bySource('/docs/secret.md'))!.id);
      expect(await store.score(query, { principal: PUBLIC_PRINCIPAL }, 50)).toEqual(publicHits);
    });

    it('narrows search to sources, formats and dates', async () => {
      await ingestCorpus(store);
      await store.write(await prepared('dated.txt', '产业大脑年度报告。', { date: '2025-01-02' }), at);
      const query = tokenizer.tokens('产业大脑');
      const docNames = async (scope: Parameters<DocumentStore['score']>[1]) => {
        const hits = await store.score(query, scope, 50);
        const docs = await store.byRids(hits.map((h) => h.docRid));
        return [...new Set(hits.map((h) => docs.get(h.docRid)!.name))].sort();
      };
      expect(await docNames({ principal: PUBLIC_PRINCIPAL, sources: ['news.md'] })).toEqual(['news.md']);
      expect(await docNames({ principal: PUBLIC_PRINCIPAL, types: ['md'] })).toEqual(['news.md']);
      expect(
        await docNames({ principal: PUBLIC_PRINCIPAL, dateFrom: '2025-01-01', dateTo: '2025-01-31' }),
      ).toEqual(['dated.txt']);
    });

    it('keeps mentions, linked flags, settings and quotas', async () => {
      await ingestCorpus(store);
      const secret = (await store.bySource('/docs/secret.md'))!;
      const rids = (await store.chunksOf(secret.rid)).map((c) => c.rid);
      const counts = await store.mentioning(['Enterprise:001696'], rids);
      expect([...counts.values()].every((n) => n === 1)).toBe(true);
      expect(counts.size).toBeGreaterThan(0);
      await store.setMentions(rids.map((rid) => ({ rid, entities: [] })));
      expect((await store.mentioning(['Enterprise:001696'], rids)).size).toBe(0);
      // Mentions of chunks gone meanwhile (a document replaced by another replica) are not kept.
      await store.setMentions([{ rid: 999_999, entities: ['Enterprise:001696'] }]);
      expect((await store.mentioning(['Enterprise:001696'], [999_999])).size).toBe(0);
      await store.setLinked(secret.id, true, 'dict-1');
      expect(await store.byId(secret.id)).toMatchObject({ linked: 1, linkDict: 'dict-1' });
      expect(await store.getMeta('embeddings.id')).toBeUndefined();
      await store.setMeta('embeddings.id', 'hash:256');
      await store.setMeta('embeddings.id', 'hash:128');
      expect(await store.getMeta('embeddings.id')).toBe('hash:128');
      expect(await store.charsOf('enterprise:001696', 'elsewhere')).toBe(secret.chars);
      expect(await store.charsOf('enterprise:001696', secret.source)).toBe(0);
    });

    it('pages through every chunk with what its vector is made of', async () => {
      await ingestCorpus(store);
      const first = await store.embeddable(0, 3);
      expect(first).toHaveLength(3);
      const rest = await store.embeddable(first[2]!.rid, 1000);
      const all = [...first, ...rest];
      expect(all.length).toBe((await store.stats()).chunks);
      expect(all.every((c, i) => i === 0 || c.rid > all[i - 1]!.rid)).toBe(true);
      expect(all.find((c) => c.visibility === 'enterprise:001696')?.embedText).toContain('宗申动力');
    });

    describe('two stores on one database', () => {
      let twin: DocumentStore;
      beforeEach(async () => {
        twin = await opened.twin();
        others.push(twin);
      });

      it('give distinct chunk ids to concurrent ingests', async () => {
        const docs = await Promise.all(
          Array.from({ length: 8 }, (_, i) =>
            prepared(`parallel-${i}.txt`, `第${i}份文件。${CORPUS[i % 4]![1]}`),
          ),
        );
        const results = await Promise.all(docs.map((d, i) => (i % 2 ? twin : opened.store).write(d, at)));
        const ids = results.flatMap((r) => (r.status === 'written' ? r.added : []));
        expect(ids.length).toBe(docs.reduce((n, d) => n + d.chunks.length, 0));
        expect(new Set(ids).size).toBe(ids.length);
        expect((await opened.store.check()).problems).toEqual([]);
      });

      it('keep one copy of one content ingested under two sources at once', async () => {
        const text = '同样的内容。产业大脑。';
        const [a, b] = await Promise.all([prepared('a.txt', text), prepared('b.txt', text)]);
        const results = await Promise.all([opened.store.write(a, at), twin.write(b, at)]);
        expect(results.map((r) => r.status).sort()).toEqual(['duplicate', 'written']);
        expect(await opened.store.list()).toHaveLength(1);
      });

      it('keep one copy when both ingest the same source at once', async () => {
        const a = await prepared('same.txt', '同一文件的第一版。产业大脑。');
        const b = await prepared('same.txt', '同一文件的第二版。产业大脑。');
        await Promise.all([opened.store.write(a, at), twin.write(b, at), opened.store.write(b, at)]);
        const copies = (await opened.store.list()).filter((d) => d.source === a.source);
        expect(copies).toHaveLength(1);
        expect((await opened.store.check()).problems).toEqual([]);
      });
    });
  });
}
