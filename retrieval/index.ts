import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { Database } from 'better-sqlite3';
import {
  canSee,
  edgeId,
  type GraphEdge,
  type GraphNode,
  nodeId,
  type Principal,
  SYSTEM_PRINCIPAL,
} from '../knowledge-graph/schema/index.js';
import { Bm25Index } from './bm25.js';
import type { ChunkOptions } from './chunk.js';
import { DocumentTable } from './docs.js';
import type { Embedder } from './embedder.js';
import { IngestError } from './errors.js';
import { expandPaths } from './files.js';
import { NameDictionary } from './dictionary.js';
import { type GraphAccess, LINKED_TYPES } from './graph.js';
import type { TextEncodingName } from './load/encoding.js';
import type { ParseLimits } from './load/limits.js';
import type { RawDocument } from './load/types.js';
import { DocumentParser, type ParserOptions } from './parser.js';
import { annotate, type ExtractedDocument, extractDocument, type PreparedDocument } from './prepare.js';
import { ensureSchema, getMeta, setMeta } from './schema.js';
import { hybridSearch, type SearchHit, type SearchOptions } from './search.js';
import type { Tokenizer } from './tokenize.js';
import { isTransactional, type VectorRecord, type VectorStore } from './vectors/port.js';

export type { SearchHit, SearchMode, SearchOptions } from './search.js';

export interface RetrievalDeps {
  db: Database;
  graph: GraphAccess;
  embeddings: Embedder;
  vectors: VectorStore;
  chunking?: ChunkOptions;
  /** Limits, time and memory of the worker that reads documents. */
  parser?: ParserOptions;
  now?: () => Date;
}

export interface IngestOptions {
  /** Overrides the documents' own visibility (front matter, JSON). */
  visibility?: string;
  maxBytes?: number;
  encoding?: TextEncodingName;
  onFile?: (result: FileResult, index: number, total: number) => void;
}

/** A file handed over by a caller (an API upload): read from memory, never from a path it chose. */
export interface Upload {
  bytes: Uint8Array;
  /** The file name shown in hits and errors. */
  name: string;
  /** The key the document is stored under: unique per tenant and file name. */
  source: string;
  visibility: string;
  limits?: Partial<ParseLimits>;
  /** Characters all documents of this visibility may hold together, this one included. */
  quotaChars?: number;
}

export type FileStatus = 'added' | 'updated' | 'unchanged' | 'duplicate' | 'failed';

export interface FileResult {
  file: string;
  status: FileStatus;
  docId?: string;
  title?: string;
  chunks?: number;
  chars?: number;
  message?: string;
  /** The file was refused by a limit (size, unpacked size, pages, characters, memory, quota). */
  tooLarge?: boolean;
  visibility?: string;
  /** When a re-ingest changed the document's visibility: the one it had before. */
  previousVisibility?: string;
}

export interface IngestSummary {
  files: number;
  added: number;
  updated: number;
  unchanged: number;
  duplicate: number;
  failed: number;
  chunks: number;
  chars: number;
  results: FileResult[];
  /** Documents whose visibility this ingest changed (their Document nodes in the graph). */
  visibilityChanges: Array<{ kind: 'node'; id: string; from: string; to: string }>;
}

export interface ConsistencyReport {
  documents: number;
  chunks: number;
  vectors: number;
  problems: string[];
}

const EMBED_BATCH = 64;
/** A running server rereads the graph's names at most this often, after the graph changed. */
const REFRESH_MS = 30_000;

/**
 * The document index: ingest (read in a worker → chunk → tokens, entities, vectors → one
 * transaction), hybrid search, and the Document/MENTIONS links in the knowledge graph. Entity
 * names come from the graph through a NameDictionary, reread when the graph changes; documents
 * linked against older names are linked again.
 */
export class RetrievalIndex {
  private readonly writing = new Map<string, Promise<unknown>>();
  private lastRefresh = 0;
  private refreshing: Promise<boolean> | undefined;

  private constructor(
    private readonly deps: RetrievalDeps,
    private readonly docs: DocumentTable,
    private readonly bm25: Bm25Index,
    private dictionary: NameDictionary,
    readonly parser: DocumentParser,
  ) {}

  static async open(deps: RetrievalDeps): Promise<RetrievalIndex> {
    ensureSchema(deps.db);
    const bm25 = new Bm25Index(deps.db);
    const index = new RetrievalIndex(
      deps,
      new DocumentTable(deps.db, bm25),
      bm25,
      await NameDictionary.build(deps.graph),
      new DocumentParser({ ...deps.parser, ...(deps.chunking ? { chunking: deps.chunking } : {}) }),
    );
    index.lastRefresh = Date.now();
    await index.reembedIfModelChanged();
    await index.relinkStale();
    return index;
  }

  /** The tokenizer every caller shares: jieba with the graph's public entity names. */
  get tokenizer(): Tokenizer {
    return this.dictionary.tokenizer;
  }

  /**
   * Rereads the graph's entity names if the graph changed since they were read, then links again
   * the documents linked against older names. Returns whether the names were reread.
   */
  async refresh(): Promise<boolean> {
    this.refreshing ??= (async () => {
      try {
        if ((await this.deps.graph.version(LINKED_TYPES)) === this.dictionary.graphVersion) return false;
        this.dictionary = await NameDictionary.build(this.deps.graph);
        this.lastRefresh = Date.now();
        await this.relinkStale();
        return true;
      } finally {
        this.refreshing = undefined;
      }
    })();
    return this.refreshing;
  }

  /** A refresh in the background, at most every REFRESH_MS, so a request never waits for one. */
  private refreshSoon(): void {
    if (this.refreshing || Date.now() - this.lastRefresh < REFRESH_MS) return;
    this.lastRefresh = Date.now();
    this.refresh().catch(() => {
      // The next refresh tries again; answering with the names already read is always safe.
    });
  }

  async close(): Promise<void> {
    await this.parser.close();
  }

  /** Ingests files and directories; a bad file is reported in the summary and the rest go on. */
  async ingestPaths(paths: readonly string[], options: IngestOptions = {}): Promise<IngestSummary> {
    this.refreshSoon();
    const { files, errors } = await expandPaths(paths);
    const results: FileResult[] = errors.map((e) => ({ file: e.file, status: 'failed', message: e.message }));
    const total = files.length + errors.length;
    results.forEach((r, i) => {
      options.onFile?.(r, i, total);
    });
    for (const file of files) {
      let fileResults: FileResult[];
      try {
        const extracted = await this.parser.parse(
          { kind: 'file', path: file, label: file },
          {
            ...(options.encoding ? { encoding: options.encoding } : {}),
            ...(options.visibility ? { visibility: options.visibility } : {}),
            ...(options.maxBytes ? { limits: { maxBytes: options.maxBytes } } : {}),
          },
        );
        fileResults = [];
        for (const doc of extracted) fileResults.push(await this.ingestExtracted(doc));
      } catch (error) {
        if (!(error instanceof IngestError)) throw error;
        fileResults = [
          { file, status: 'failed', message: error.message, ...(error.tooLarge ? { tooLarge: true } : {}) },
        ];
      }
      for (const r of fileResults) {
        results.push(r);
        options.onFile?.(r, results.length - 1, total);
      }
    }
    return summarise(results);
  }

  /**
   * Ingests an uploaded file from memory within its limits and its tenant's quota. Never throws for
   * a bad file: the result says why it failed, naming only the file, never a server path.
   */
  async ingestUpload(upload: Upload): Promise<FileResult> {
    this.refreshSoon();
    const copy = upload.bytes.slice();
    try {
      const [doc, ...more] = await this.parser.parse(
        { kind: 'bytes', bytes: copy.buffer, name: upload.name, source: upload.source, label: upload.name },
        { visibility: upload.visibility, ...(upload.limits ? { limits: upload.limits } : {}) },
      );
      if (!doc) return { file: upload.name, status: 'failed', message: `${upload.name}: holds no document` };
      if (more.length > 0) {
        return {
          file: upload.name,
          status: 'failed',
          message: `${upload.name}: holds ${more.length + 1} documents; upload one document per file`,
        };
      }
      return await this.ingestExtracted(doc, upload.quotaChars);
    } catch (error) {
      if (!(error instanceof IngestError)) throw error;
      return {
        file: upload.name,
        status: 'failed',
        message: error.message,
        ...(error.tooLarge ? { tooLarge: true } : {}),
      };
    }
  }

  /** Indexes one document (idempotent by content hash; a changed document replaces its old version). */
  async ingestDocument(raw: RawDocument, visibility?: string): Promise<FileResult> {
    return this.ingestExtracted(extractDocument(raw, this.deps.chunking, visibility));
  }

  /** One write per source at a time: two uploads of one file name by one tenant run in turn. */
  private ingestExtracted(doc: ExtractedDocument, quotaChars?: number): Promise<FileResult> {
    const before = this.writing.get(doc.source) ?? Promise.resolve();
    const run = before.then(() => this.write(doc, quotaChars));
    const settled = run.catch(() => undefined);
    this.writing.set(doc.source, settled);
    void settled.then(() => {
      if (this.writing.get(doc.source) === settled) this.writing.delete(doc.source);
    });
    return run;
  }

  private async write(extracted: ExtractedDocument, quotaChars?: number): Promise<FileResult> {
    const existing = this.docs.bySource(extracted.source);
    if (existing?.hash === extracted.hash)
      return { file: extracted.source, status: 'unchanged', docId: existing.id, title: existing.title };
    const twin = this.docs.byHash(extracted.hash);
    if (twin && twin.source !== extracted.source) {
      // Same hash means same visibility too: the twin is the caller's own file, and only its name is told.
      return {
        file: extracted.source,
        status: 'duplicate',
        docId: twin.id,
        message: `same content as ${twin.name}, not indexed twice`,
      };
    }
    if (quotaChars !== undefined) {
      let used = 0;
      for (const d of this.docs.all().values()) {
        if (d.visibility === extracted.visibility && d.rid !== existing?.rid) used += d.chars;
      }
      if (used + extracted.text.length > quotaChars) {
        return {
          file: extracted.source,
          status: 'failed',
          tooLarge: true,
          message: `${extracted.name}: would bring this tenant's documents to ${(used + extracted.text.length).toLocaleString('en')} characters, over its quota of ${quotaChars.toLocaleString('en')}; remove documents or ask for a larger quota`,
        };
      }
    }
    const doc = await annotate(extracted, this.dictionary.lensForDocument(extracted.visibility));
    const vectors = await this.embedChunks(doc);
    const ingestedAt = (this.deps.now?.() ?? new Date()).toISOString();
    const store = this.deps.vectors;
    let removed: number[] = [];
    let added: number[] = [];
    this.deps.db
      .transaction(() => {
        removed = existing ? this.docs.delete(existing.rid) : [];
        added = this.docs.insert(doc, ingestedAt);
        if (isTransactional(store)) store.writeSync(records(doc, added, vectors), removed);
      })
      .immediate();
    if (!isTransactional(store)) {
      // Written after the commit: search ignores vectors whose chunk is gone, and a re-ingest repairs a gap.
      if (removed.length) await store.delete(removed);
      await store.upsert(records(doc, added, vectors));
    }
    await this.link(doc, existing?.id);
    return {
      file: doc.source,
      status: existing ? 'updated' : 'added',
      docId: doc.id,
      title: doc.meta.title,
      chunks: doc.chunks.length,
      chars: doc.text.length,
      visibility: doc.visibility,
      ...(existing && existing.visibility !== doc.visibility
        ? { previousVisibility: existing.visibility }
        : {}),
    };
  }

  /** Removes a document from the index and its Document node (with MENTIONS edges) from the graph. */
  async remove(docId: string): Promise<boolean> {
    const doc = this.docs.byId(docId);
    if (!doc) return false;
    let removed: number[] = [];
    const store = this.deps.vectors;
    this.deps.db
      .transaction(() => {
        removed = this.docs.delete(doc.rid);
        if (isTransactional(store)) store.writeSync([], removed);
      })
      .immediate();
    if (!isTransactional(store)) await store.delete(removed);
    await this.deps.graph.remove({ nodes: [nodeId('Document', docId)] });
    return true;
  }

  search(query: string, options: SearchOptions): Promise<SearchHit[]> {
    this.refreshSoon();
    const graph = this.deps.graph;
    return hybridSearch(query, options, {
      docs: this.docs,
      bm25: this.bm25,
      vectors: this.deps.vectors,
      embeddings: this.deps.embeddings,
      dictionary: this.dictionary,
      visibleEntities: async (ids, principal) => (await graph.getNodes(ids, principal)).map((n) => n.id),
    });
  }

  documents(): Array<{
    id: string;
    name: string;
    title: string;
    docNo: string | null;
    date: string | null;
    visibility: string;
    chars: number;
  }> {
    return [...this.docs.all().values()].map(({ id, name, title, docNo, date, visibility, chars }) => ({
      id,
      name,
      title,
      docNo,
      date,
      visibility,
      chars,
    }));
  }

  /**
   * The documents the principal may read, each with its cleaned text: what an extractive answer
   * reads around a passage (the rest of a list, the items under a heading).
   */
  readable(principal: Principal): Array<{
    id: string;
    name: string;
    title: string;
    issuer: string | null;
    docNo: string | null;
    date: string | null;
    text: () => string;
  }> {
    return [...this.docs.all().values()]
      .filter((d) => canSee(principal, d.visibility))
      .map((d) => ({
        id: d.id,
        name: d.name,
        title: d.title,
        issuer: d.issuer,
        docNo: d.docNo,
        date: d.date,
        text: () => this.docs.text(d.rid),
      }));
  }

  /**
   * One document as a reader checks a citation in it: its text and where each chunk lies in it;
   * undefined when there is no such document or the principal may not read it, alike.
   */
  passages(
    id: string,
    principal: Principal,
  ):
    | {
        id: string;
        name: string;
        title: string;
        issuer: string | null;
        docNo: string | null;
        date: string | null;
        visibility: string;
        text: string;
        chunks: Array<{ seq: number; start: number; end: number }>;
      }
    | undefined {
    const doc = this.docs.byId(id);
    if (!doc || !canSee(principal, doc.visibility)) return undefined;
    return {
      id: doc.id,
      name: doc.name,
      title: doc.title,
      issuer: doc.issuer,
      docNo: doc.docNo,
      date: doc.date,
      visibility: doc.visibility,
      text: this.docs.text(doc.rid),
      chunks: this.docs.chunksOf(doc.rid).map(({ seq, start, end }) => ({ seq, start, end })),
    };
  }

  /** The cleaned text of every document (evaluation checks its labels against it). */
  documentTexts(): string[] {
    return [...this.docs.all().keys()].map((rid) => this.docs.text(rid));
  }

  /** Checks that every document is whole: chunks, postings, vectors and statistics agree. */
  async check(): Promise<ConsistencyReport> {
    const db = this.deps.db;
    const problems: string[] = [];
    const count = (sql: string) => (db.prepare(sql).pluck().get() as number) ?? 0;
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
    const vectors = await this.deps.vectors.count();
    if (isTransactional(this.deps.vectors) && vectors !== chunks)
      problems.push(`${vectors} vectors for ${chunks} chunks`);
    return { documents, chunks, vectors, problems };
  }

  private async embedChunks(doc: PreparedDocument): Promise<Float32Array[]> {
    const out: Float32Array[] = [];
    for (let i = 0; i < doc.chunks.length; i += EMBED_BATCH) {
      out.push(
        ...(await this.deps.embeddings.embed(
          doc.chunks.slice(i, i + EMBED_BATCH).map((c) => c.embedText),
          'document',
        )),
      );
    }
    return out;
  }

  /** A new embeddings model makes stored vectors meaningless: embed every chunk again. */
  private async reembedIfModelChanged(): Promise<void> {
    const { db, embeddings, vectors } = this.deps;
    const stored = getMeta(db, 'embeddings.id');
    if (stored === embeddings.id) return;
    const total = db.prepare('SELECT COUNT(*) FROM retrieval_chunks').pluck().get() as number;
    if (stored !== undefined || total > 0) {
      await vectors.clear();
      const rows = db
        .prepare(
          `SELECT c.rid, c.section, c.text, d.id AS docId, d.name, d.visibility
           FROM retrieval_chunks c JOIN retrieval_docs d ON d.rid = c.doc_rid ORDER BY c.rid`,
        )
        .all() as Array<{
        rid: number;
        section: string;
        text: string;
        docId: string;
        name: string;
        visibility: string;
      }>;
      for (let i = 0; i < rows.length; i += EMBED_BATCH) {
        const batch = rows.slice(i, i + EMBED_BATCH);
        const vecs = await embeddings.embed(
          batch.map((r) => `${(JSON.parse(r.section) as string[]).join(' ')}\n${r.text}`),
          'document',
        );
        await vectors.upsert(
          batch.map((r, j) => ({
            id: r.rid,
            vector: vecs[j]!,
            payload: { docId: r.docId, source: r.name, visibility: r.visibility },
          })),
        );
      }
    }
    setMeta(db, 'embeddings.id', embeddings.id);
  }

  /**
   * Links again every document whose links were made with other entity names than the current
   * ones (ingested before an import, during one, or before a crash between commit and link):
   * mentions are recomputed from its chunks and its MENTIONS edges rewritten.
   */
  private async relinkStale(): Promise<number> {
    const stale = [...this.docs.all().values()].filter(
      (d) => !d.linked || d.linkDict !== this.dictionary.fingerprintFor(d.visibility),
    );
    for (const doc of stale) {
      const lens = this.dictionary.lensForDocument(doc.visibility);
      const chunks = this.docs
        .chunkTexts(doc.rid)
        .map((c) => ({ ...c, entities: [...new Set(lens.entityIds(c.text))] }));
      this.deps.db.transaction(() => this.docs.setMentions(chunks)).immediate();
      const firstSeq = new Map<string, { seq: number; n: number }>();
      for (const c of chunks) {
        for (const e of c.entities) {
          const seen = firstSeq.get(e);
          if (seen) seen.n++;
          else firstSeq.set(e, { seq: c.seq, n: 1 });
        }
      }
      await this.writeLinks(
        {
          id: doc.id,
          name: doc.name,
          hash: doc.hash,
          title: doc.title,
          issuer: doc.issuer,
          docNo: doc.docNo,
          date: doc.date,
          visibility: doc.visibility,
        },
        [...firstSeq].map(([entity, v]) => ({ entity, ...v })),
        doc.id,
      );
      await yieldToEventLoop();
    }
    return stale.length;
  }

  private async link(doc: PreparedDocument, previousId: string | undefined): Promise<void> {
    const firstSeq = new Map<string, { seq: number; n: number }>();
    for (const c of doc.chunks) {
      for (const e of c.entities) {
        const seen = firstSeq.get(e);
        if (seen) seen.n++;
        else firstSeq.set(e, { seq: c.seq, n: 1 });
      }
    }
    await this.writeLinks(
      {
        id: doc.id,
        name: doc.name,
        hash: doc.hash,
        title: doc.meta.title,
        issuer: doc.meta.issuer ?? null,
        docNo: doc.meta.docNo ?? null,
        date: doc.meta.date ?? null,
        visibility: doc.visibility,
      },
      [...firstSeq].map(([entity, v]) => ({ entity, ...v })),
      previousId,
    );
  }

  private async writeLinks(
    doc: {
      id: string;
      name: string;
      hash: string;
      title: string;
      issuer: string | null;
      docNo: string | null;
      date: string | null;
      visibility: string;
    },
    mentions: ReadonlyArray<{ entity: string; seq: number; n: number }>,
    previousId: string | undefined,
  ): Promise<void> {
    const ingestedAt = (this.deps.now?.() ?? new Date()).toISOString();
    const dictionary = this.dictionary.fingerprintFor(doc.visibility);
    const id = nodeId('Document', doc.id);
    if (previousId) await this.deps.graph.remove({ nodes: [nodeId('Document', previousId)] });
    // An entity removed from the graph since the names were read is not linked to.
    const present = new Set(
      (await this.deps.graph.getNodes([...new Set(mentions.map((m) => m.entity))], SYSTEM_PRINCIPAL)).map(
        (n) => n.id,
      ),
    );
    const provenance = (record: string, confidence: number) => [
      { source: `document:${doc.id}`, record, ingestedAt, confidence },
    ];
    const node = {
      id,
      type: 'Document',
      name: doc.title,
      aliases: doc.docNo ? [doc.docNo] : [],
      props: {
        source: doc.name,
        hash: doc.hash,
        title: doc.title,
        ...(doc.issuer ? { issuer: doc.issuer } : {}),
        ...(doc.docNo ? { docNo: doc.docNo } : {}),
        ...(doc.date ? { date: doc.date } : {}),
      },
      provenance: provenance(doc.name, 1),
      visibility: doc.visibility,
    } as GraphNode;
    const edges: GraphEdge[] = mentions
      .filter((m) => present.has(m.entity))
      .map((m) => ({
        id: edgeId('MENTIONS', id, m.entity),
        type: 'MENTIONS',
        from: id,
        to: m.entity,
        props: { observations: m.n },
        provenance: provenance(`${doc.id}:${m.seq}`, 0.9),
        visibility: doc.visibility as GraphEdge['visibility'],
      }));
    await this.deps.graph.upsert({ nodes: [node], edges });
    this.docs.setLinked(doc.id, true, dictionary);
  }
}

function records(
  doc: PreparedDocument,
  rids: readonly number[],
  vectors: readonly Float32Array[],
): VectorRecord[] {
  return rids.map((id, i) => ({
    id,
    vector: vectors[i]!,
    payload: { docId: doc.id, source: doc.name, visibility: doc.visibility },
  }));
}

function summarise(results: FileResult[]): IngestSummary {
  const by = (s: FileStatus) => results.filter((r) => r.status === s).length;
  return {
    files: results.length,
    added: by('added'),
    updated: by('updated'),
    unchanged: by('unchanged'),
    duplicate: by('duplicate'),
    failed: by('failed'),
    chunks: results.reduce(
      (n, r) => n + (r.status === 'added' || r.status === 'updated' ? (r.chunks ?? 0) : 0),
      0,
    ),
    chars: results.reduce(
      (n, r) => n + (r.status === 'added' || r.status === 'updated' ? (r.chars ?? 0) : 0),
      0,
    ),
    results,
    visibilityChanges: results.flatMap((r) =>
      r.previousVisibility && r.docId
        ? [
            {
              kind: 'node' as const,
              id: nodeId('Document', r.docId),
              from: r.previousVisibility,
              to: r.visibility ?? '',
            },
          ]
        : [],
    ),
  };
}
