import type { Database, Statement } from 'better-sqlite3';
import { getMeta, setMeta } from './sqlite-schema.js';
import { BM25, type Bm25Hit, termWeights } from './port.js';

/**
 * Okapi BM25 over postings persisted in SQLite. Adds and deletes run inside the caller's
 * transaction and keep the corpus statistics (chunk count, total length) with them, so the index
 * is incremental and always agrees with the chunk table.
 */
export class Bm25Index {
  private readonly termId: Statement;
  private readonly addTerm: Statement;
  private readonly addPosting: Statement;
  private readonly postings: Statement;
  private readonly dropPostings: Statement;

  constructor(private readonly db: Database) {
    this.termId = db.prepare('SELECT tid FROM retrieval_terms WHERE term = ?');
    this.addTerm = db.prepare('INSERT INTO retrieval_terms(term) VALUES (?)');
    this.addPosting = db.prepare('INSERT INTO retrieval_postings(tid, chunk_rid, tf) VALUES (?, ?, ?)');
    this.postings = db.prepare(
      `SELECT p.chunk_rid AS chunkRid, p.tf AS tf, c.length AS length, c.doc_rid AS docRid
       FROM retrieval_postings p JOIN retrieval_chunks c ON c.rid = p.chunk_rid WHERE p.tid = ?`,
    );
    this.dropPostings = db.prepare('DELETE FROM retrieval_postings WHERE chunk_rid = ?');
  }

  /** Indexes one chunk's tokens; call inside the document's transaction. */
  add(chunkRid: number, tokens: readonly string[]): void {
    const tf = new Map<string, number>();
    for (const t of tokens) tf.set(t, (tf.get(t) ?? 0) + 1);
    for (const [term, count] of tf) {
      const row = this.termId.get(term) as { tid: number } | undefined;
      const tid = row ? row.tid : Number(this.addTerm.run(term).lastInsertRowid);
      this.addPosting.run(tid, chunkRid, count);
    }
    this.bumpStats(1, tokens.length);
  }

  /** Removes chunks' postings; `lengths` are the token counts they were indexed with. */
  remove(chunks: ReadonlyArray<{ rid: number; length: number }>): void {
    let total = 0;
    for (const c of chunks) {
      this.dropPostings.run(c.rid);
      total += c.length;
    }
    if (chunks.length) this.bumpStats(-chunks.length, -total);
  }

  stats(): { chunks: number; totalLength: number } {
    return {
      chunks: Number(getMeta(this.db, 'bm25.chunks') ?? 0),
      totalLength: Number(getMeta(this.db, 'bm25.length') ?? 0),
    };
  }

  private bumpStats(chunks: number, length: number): void {
    const s = this.stats();
    setMeta(this.db, 'bm25.chunks', String(s.chunks + chunks));
    setMeta(this.db, 'bm25.length', String(s.totalLength + length));
  }

  /**
   * Every chunk of the `visible` documents holding a query term, scored with statistics (chunk
   * count, average length, document frequencies) taken over those documents only: what other
   * tenants indexed changes neither which chunks come back nor their order.
   */
  score(
    queryTokens: readonly string[],
    visible: ReadonlySet<number>,
    corpus: { chunks: number; totalLength: number },
  ): Bm25Hit[] {
    const n = corpus.chunks;
    if (n === 0) return [];
    const avgdl = corpus.totalLength / n || 1;
    const scores = new Map<number, Bm25Hit>();
    const { k1, b } = BM25;
    for (const [term, qtf] of termWeights(queryTokens)) {
      const row = this.termId.get(term) as { tid: number } | undefined;
      if (!row) continue;
      const rows = (
        this.postings.all(row.tid) as Array<{ chunkRid: number; tf: number; length: number; docRid: number }>
      ).filter((r) => visible.has(r.docRid));
      if (rows.length === 0) continue;
      const idf = Math.log(1 + (n - rows.length + 0.5) / (rows.length + 0.5));
      for (const r of rows) {
        const part = (qtf * idf * (r.tf * (k1 + 1))) / (r.tf + k1 * (1 - b + (b * r.length) / avgdl));
        const hit = scores.get(r.chunkRid);
        if (hit) hit.score += part;
        else scores.set(r.chunkRid, { chunkRid: r.chunkRid, docRid: r.docRid, score: part });
      }
    }
    return [...scores.values()].sort((a, b) => b.score - a.score || a.chunkRid - b.chunkRid);
  }
}
