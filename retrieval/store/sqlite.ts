import type { Database } from 'better-sqlite3';
import { canSee, type Principal } from '../../knowledge-graph/schema/index.js';
import { Bm25Index } from './sqlite-bm25.js';
import { DocumentTable } from './sqlite-tables.js';
import type { PreparedDocument } from '../prepare.js';
import { ensureSchema, getMeta, setMeta } from './sqlite-schema.js';
import { isTransactional, type TransactionalVectorStore, type VectorStore } from '../vectors/port.js';
import {
  type Bm25Hit,
  type ChunkRow,
  type DocumentInfo,
  type DocumentStore,
  type EmbeddableChunk,
  embedText,
  type JointVectorWrite,
  type SearchScope,
  type StoreReport,
  type WriteResult,
} from './port.js';

/**
 * The embedded DocumentStore: tables in the engine's SQLite file (sqlite-schema.ts), so one transaction
 * covers a document, its chunks, postings, mentions and the embedded store's vectors. The
 * document records are cached in memory until any connection writes (sqlite-tables.ts), which keeps
 * visibility filtering and corpus statistics per request cheap.
 */
export class SqliteDocumentStore implements DocumentStore {
  readonly kind = 'sqlite';
  private readonly docs: DocumentTable;
  private readonly bm25: Bm25Index;

  constructor(private readonly db: Database) {
    ensureSchema(db);
    this.bm25 = new Bm25Index(db);
    this.docs = new DocumentTable(db, this.bm25);
  }

  joins(vectors: VectorStore): vectors is TransactionalVectorStore {
    // The embedded vector store lives in the engine's SQLite file, the one this store writes.
    return isTransactional(vectors);
  }

  async bySource(source: string): Promise<DocumentInfo | undefined> {
    return this.docs.bySource(source);
  }

  async byHash(hash: string): Promise<DocumentInfo | undefined> {
    return this.docs.byHash(hash);
  }

  async byId(id: string): Promise<DocumentInfo | undefined> {
    return this.docs.byId(id);
  }

  async byRids(rids: readonly number[]): Promise<Map<number, DocumentInfo>> {
    const all = this.docs.all();
    const out = new Map<number, DocumentInfo>();
    for (const rid of rids) {
      const d = all.get(rid);
      if (d) out.set(rid, d);
    }
    return out;
  }

  async list(): Promise<DocumentInfo[]> {
    return [...this.docs.all().values()];
  }

  async readable(principal: Principal): Promise<DocumentInfo[]> {
    return [...this.docs.all().values()].filter((d) => canSee(principal, d.visibility));
  }

  async charsOf(visibility: string, exceptSource: string): Promise<number> {
    let used = 0;
    for (const d of this.docs.all().values()) {
      if (d.visibility === visibility && d.source !== exceptSource) used += d.chars;
    }
    return used;
  }

  async text(docRid: number): Promise<string> {
    return this.docs.text(docRid);
  }

  async texts(docRids: readonly number[]): Promise<Map<number, string>> {
    return new Map(docRids.map((rid) => [rid, this.docs.text(rid)]));
  }

  async chunksOf(docRid: number): Promise<ChunkRow[]> {
    return this.docs.chunksOf(docRid);
  }

  async chunks(rids: readonly number[], scope?: SearchScope): Promise<Map<number, ChunkRow>> {
    const rows = this.docs.chunks(rids);
    if (!scope) return rows;
    const all = this.docs.all();
    for (const [rid, row] of rows) {
      const doc = all.get(row.docRid);
      if (!doc || !inScope(doc, scope)) rows.delete(rid);
    }
    return rows;
  }

  async embeddable(afterRid: number, limit: number): Promise<EmbeddableChunk[]> {
    const rows = this.db
      .prepare(
        `SELECT c.rid, c.section, c.text, d.id AS docId, d.name, d.visibility
         FROM retrieval_chunks c JOIN retrieval_docs d ON d.rid = c.doc_rid
         WHERE c.rid > ? ORDER BY c.rid LIMIT ?`,
      )
      .all(afterRid, limit) as Array<Omit<EmbeddableChunk, 'embedText'> & { section: string; text: string }>;
    return rows.map(({ section, text, ...rest }) => ({ ...rest, embedText: embedText(section, text) }));
  }

  async write(doc: PreparedDocument, ingestedAt: string, joint?: JointVectorWrite): Promise<WriteResult> {
    return this.db
      .transaction((): WriteResult => {
        const existing = this.docs.bySource(doc.source);
        if (existing?.hash === doc.hash) return { status: 'unchanged', existing };
        const twin = this.docs.byHash(doc.hash);
        if (twin) return { status: 'duplicate', twin };
        const removed = existing ? this.docs.delete(existing.rid) : [];
        const added = this.docs.insert(doc, ingestedAt);
        joint?.store.writeSync(joint.records(added), removed);
        return { status: 'written', added, removed, ...(existing ? { previous: existing } : {}) };
      })
      .immediate();
  }

  async delete(id: string, joint?: TransactionalVectorStore): Promise<number[] | undefined> {
    return this.db
      .transaction(() => {
        const doc = this.docs.byId(id);
        if (!doc) return undefined;
        const removed = this.docs.delete(doc.rid);
        joint?.writeSync([], removed);
        return removed;
      })
      .immediate();
  }

  async setLinked(id: string, linked: boolean, dictionary: string | null): Promise<void> {
    this.docs.setLinked(id, linked, dictionary);
  }

  async chunkTexts(docRid: number): Promise<Array<{ rid: number; seq: number; text: string }>> {
    return this.docs.chunkTexts(docRid);
  }

  async setMentions(chunks: ReadonlyArray<{ rid: number; entities: readonly string[] }>): Promise<void> {
    this.db
      .transaction(() => {
        // Another process may have replaced the document since its chunks were read.
        const present = this.docs.chunks(chunks.map((c) => c.rid));
        this.docs.setMentions(chunks.filter((c) => present.has(c.rid)));
      })
      .immediate();
  }

  async mentioning(entityIds: readonly string[], within: readonly number[]): Promise<Map<number, number>> {
    const wanted = new Set(within);
    const counts = this.docs.mentioning(entityIds);
    for (const rid of counts.keys()) if (!wanted.has(rid)) counts.delete(rid);
    return counts;
  }

  async getMeta(key: string): Promise<string | undefined> {
    return getMeta(this.db, key);
  }

  async setMeta(key: string, value: string): Promise<void> {
    setMeta(this.db, key, value);
  }

  async visibilities(principal: Principal): Promise<string[] | undefined> {
    if (principal.grants.includes('*')) return undefined;
    const present = new Set([...this.docs.all().values()].map((d) => d.visibility));
    return [...present].filter((v) => canSee(principal, v));
  }

  async score(queryTokens: readonly string[], scope: SearchScope, limit: number): Promise<Bm25Hit[]> {
    const visible = new Set<number>();
    const allowed = new Set<number>();
    let chunks = 0;
    let totalLength = 0;
    for (const d of this.docs.all().values()) {
      if (!canSee(scope.principal, d.visibility)) continue;
      visible.add(d.rid);
      chunks += d.chunkCount;
      totalLength += d.tokenCount;
      if (inScope(d, scope)) allowed.add(d.rid);
    }
    if (allowed.size === 0) return [];
    return this.bm25
      .score(queryTokens, visible, { chunks, totalLength })
      .filter((h) => allowed.has(h.docRid))
      .slice(0, limit);
  }

  async stats(): Promise<{ chunks: number; totalLength: number }> {
    return this.bm25.stats();
  }

  async check(): Promise<StoreReport> {
    const problems: string[] = [];
    const count = (sql: string) => (this.db.prepare(sql).pluck().get() as number) ?? 0;
    const documents = count('SELECT COUNT(*) FROM retrieval_docs');
    const chunks = count('SELECT COUNT(*) FROM retrieval_chunks');
    const empty = count(
      'SELECT COUNT(*) FROM retrieval_docs d WHERE NOT EXISTS (SELECT 1 FROM retrieval_chunks c WHERE c.doc_rid = d.rid)',
    );
    if (empty) problems.push(`${empty} documents without chunks`);
    const orphans = count(
      'SELECT COUNT(*) FROM retrieval_chunks c WHERE NOT EXISTS (SELECT 1 FROM retrieval_docs d WHERE d.rid = c.doc_rid)',
    );
    if (orphans) problems.push(`${orphans} chunks without a document`);
    const stray = count(
      'SELECT COUNT(*) FROM retrieval_postings p WHERE NOT EXISTS (SELECT 1 FROM retrieval_chunks c WHERE c.rid = p.chunk_rid)',
    );
    if (stray) problems.push(`${stray} postings without a chunk`);
    const unindexed = count(
      'SELECT COUNT(*) FROM retrieval_chunks c WHERE c.length > 0 AND NOT EXISTS (SELECT 1 FROM retrieval_postings p WHERE p.chunk_rid = c.rid)',
    );
    if (unindexed) problems.push(`${unindexed} chunks without postings`);
    const stats = this.bm25.stats();
    const length = count('SELECT COALESCE(SUM(length), 0) FROM retrieval_chunks');
    if (stats.chunks !== chunks || stats.totalLength !== length) {
      problems.push(
        `BM25 statistics (${stats.chunks} chunks, ${stats.totalLength} tokens) disagree with the table (${chunks}, ${length})`,
      );
    }
    return { documents, chunks, problems };
  }

  async close(): Promise<void> {}
}

/** Whether a document passes a search's filters (visibility first). */
function inScope(doc: DocumentInfo, scope: SearchScope): boolean {
  if (!canSee(scope.principal, doc.visibility)) return false;
  if (scope.sources && !scope.sources.includes(doc.name)) return false;
  if (scope.types && !scope.types.includes(doc.format)) return false;
  if ((scope.dateFrom || scope.dateTo) && !doc.date) return false;
  if (scope.dateFrom && doc.date! < scope.dateFrom) return false;
  if (scope.dateTo && doc.date! > scope.dateTo) return false;
  return true;
}
