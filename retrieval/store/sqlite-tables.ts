import type { Database, Statement } from 'better-sqlite3';
import type { Bm25Index } from './sqlite-bm25.js';
import type { PreparedDocument } from '../prepare.js';
import type { ChunkRow, DocumentInfo } from './port.js';

const DOC_COLUMNS = `rid, id, source, name, format, hash, title, issuer, doc_no AS docNo, date, visibility, chars,
  ingested_at AS ingestedAt, linked, chunk_count AS chunkCount, token_count AS tokenCount, link_dict AS linkDict`;
const CHUNK_COLUMNS = 'rid, doc_rid AS docRid, seq, start, end, section, text, length';

/**
 * The document and chunk tables. Writes are synchronous so the caller can wrap a whole document
 * (rows, postings, mentions, vectors) in one transaction.
 */
export class DocumentTable {
  private readonly stmt: Record<string, Statement>;
  private cache: Map<number, DocumentInfo> | undefined;
  private cacheVersion = -1;

  constructor(
    private readonly db: Database,
    private readonly bm25: Bm25Index,
  ) {
    this.stmt = {
      bySource: db.prepare(`SELECT ${DOC_COLUMNS} FROM retrieval_docs WHERE source = ?`),
      byHash: db.prepare(`SELECT ${DOC_COLUMNS} FROM retrieval_docs WHERE hash = ?`),
      byId: db.prepare(`SELECT ${DOC_COLUMNS} FROM retrieval_docs WHERE id = ?`),
      all: db.prepare(`SELECT ${DOC_COLUMNS} FROM retrieval_docs ORDER BY rid`),
      insertDoc: db.prepare(
        `INSERT INTO retrieval_docs(id, source, name, format, hash, title, issuer, doc_no, date, visibility, text, chars, ingested_at, chunk_count, token_count)
         VALUES (@id, @source, @name, @format, @hash, @title, @issuer, @docNo, @date, @visibility, @text, @chars, @ingestedAt, @chunkCount, @tokenCount)`,
      ),
      insertChunk: db.prepare(
        'INSERT INTO retrieval_chunks(doc_rid, seq, start, end, section, text, length) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ),
      insertMention: db.prepare(
        'INSERT OR IGNORE INTO retrieval_mentions(entity_id, chunk_rid) VALUES (?, ?)',
      ),
      chunksOf: db.prepare('SELECT rid, length FROM retrieval_chunks WHERE doc_rid = ?'),
      dropMentions: db.prepare('DELETE FROM retrieval_mentions WHERE chunk_rid = ?'),
      dropChunks: db.prepare('DELETE FROM retrieval_chunks WHERE doc_rid = ?'),
      dropDoc: db.prepare('DELETE FROM retrieval_docs WHERE rid = ?'),
      docText: db.prepare('SELECT text FROM retrieval_docs WHERE rid = ?'),
      setLinked: db.prepare('UPDATE retrieval_docs SET linked = ?, link_dict = ? WHERE id = ?'),
      chunkTexts: db.prepare('SELECT rid, seq, text FROM retrieval_chunks WHERE doc_rid = ? ORDER BY seq'),
    };
  }

  bySource(source: string): DocumentInfo | undefined {
    return this.stmt.bySource!.get(source) as DocumentInfo | undefined;
  }

  byHash(hash: string): DocumentInfo | undefined {
    return this.stmt.byHash!.get(hash) as DocumentInfo | undefined;
  }

  byId(id: string): DocumentInfo | undefined {
    return this.stmt.byId!.get(id) as DocumentInfo | undefined;
  }

  /** All documents by rid, cached until this or another connection writes. */
  all(): Map<number, DocumentInfo> {
    const version = this.db.pragma('data_version', { simple: true }) as number;
    if (!this.cache || version !== this.cacheVersion) {
      this.cache = new Map((this.stmt.all!.all() as DocumentInfo[]).map((d) => [d.rid, d]));
      this.cacheVersion = version;
    }
    return this.cache;
  }

  text(docRid: number): string {
    return (this.stmt.docText!.get(docRid) as { text: string } | undefined)?.text ?? '';
  }

  /** Inserts a document with its chunks, postings and mentions; returns the new chunk rids in order. */
  insert(doc: PreparedDocument, ingestedAt: string): number[] {
    this.cache = undefined;
    const docRid = Number(
      this.stmt.insertDoc!.run({
        id: doc.id,
        source: doc.source,
        name: doc.name,
        format: doc.format,
        hash: doc.hash,
        title: doc.meta.title,
        issuer: doc.meta.issuer ?? null,
        docNo: doc.meta.docNo ?? null,
        date: doc.meta.date ?? null,
        visibility: doc.visibility,
        text: doc.text,
        chars: doc.text.length,
        ingestedAt,
        chunkCount: doc.chunks.length,
        tokenCount: doc.chunks.reduce((n, c) => n + c.tokens.length, 0),
      }).lastInsertRowid,
    );
    return doc.chunks.map((c) => {
      const rid = Number(
        this.stmt.insertChunk!.run(
          docRid,
          c.seq,
          c.start,
          c.end,
          JSON.stringify(c.section),
          c.text,
          c.tokens.length,
        ).lastInsertRowid,
      );
      this.bm25.add(rid, c.tokens);
      for (const entity of c.entities) this.stmt.insertMention!.run(entity, rid);
      return rid;
    });
  }

  /** Deletes a document and everything hanging off it; returns the removed chunk rids. */
  delete(docRid: number): number[] {
    this.cache = undefined;
    const chunks = this.stmt.chunksOf!.all(docRid) as Array<{ rid: number; length: number }>;
    this.bm25.remove(chunks);
    for (const c of chunks) this.stmt.dropMentions!.run(c.rid);
    this.stmt.dropChunks!.run(docRid);
    this.stmt.dropDoc!.run(docRid);
    return chunks.map((c) => c.rid);
  }

  setLinked(id: string, linked: boolean, dictionary: string | null = null): void {
    this.cache = undefined;
    this.stmt.setLinked!.run(linked ? 1 : 0, dictionary, id);
  }

  chunkTexts(docRid: number): Array<{ rid: number; seq: number; text: string }> {
    return this.stmt.chunkTexts!.all(docRid) as Array<{ rid: number; seq: number; text: string }>;
  }

  /** Replaces the entity mentions of a document's chunks. */
  setMentions(chunks: ReadonlyArray<{ rid: number; entities: readonly string[] }>): void {
    for (const c of chunks) {
      this.stmt.dropMentions!.run(c.rid);
      for (const entity of c.entities) this.stmt.insertMention!.run(entity, c.rid);
    }
  }

  chunks(rids: readonly number[]): Map<number, ChunkRow> {
    const out = new Map<number, ChunkRow>();
    for (let i = 0; i < rids.length; i += 500) {
      const part = rids.slice(i, i + 500);
      const rows = this.db
        .prepare(
          `SELECT ${CHUNK_COLUMNS} FROM retrieval_chunks WHERE rid IN (${part.map(() => '?').join(',')})`,
        )
        .all(...part) as ChunkRow[];
      for (const r of rows) out.set(r.rid, r);
    }
    return out;
  }

  /** A document's chunks in order, with their offsets into its text. */
  chunksOf(docRid: number): ChunkRow[] {
    return this.db
      .prepare(`SELECT ${CHUNK_COLUMNS} FROM retrieval_chunks WHERE doc_rid = ? ORDER BY seq`)
      .all(docRid) as ChunkRow[];
  }

  mentioning(entityIds: readonly string[]): Map<number, number> {
    const counts = new Map<number, number>();
    const stmt = this.db.prepare('SELECT chunk_rid AS rid FROM retrieval_mentions WHERE entity_id = ?');
    for (const id of entityIds) {
      for (const { rid } of stmt.all(id) as Array<{ rid: number }>)
        counts.set(rid, (counts.get(rid) ?? 0) + 1);
    }
    return counts;
  }
}
