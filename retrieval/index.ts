import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import {
  canSee,
  edgeId,
  type GraphEdge,
  type GraphNode,
  nodeId,
  type Principal,
  SYSTEM_PRINCIPAL,
} from '../knowledge-graph/schema/index.js';
import type { ChunkOptions } from './chunk.js';
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
import { hybridSearch, type SearchHit, type SearchOptions } from './search.js';
import { type DocumentInfo, type DocumentStore, type EmbeddableChunk, embedText } from './store/port.js';
import type { Tokenizer } from './tokenize.js';
import { type VectorRecord, type VectorStore, VectorStoreError } from './vectors/port.js';

export type { SearchHit, SearchMode, SearchOptions } from './search.js';

export interface RetrievalDeps {
  /** Documents, chunks and postings: SqliteDocumentStore or PostgresDocumentStore. */
  store: DocumentStore;
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
  /** Chunks the vector store holds no vector for. */
  missingVectors: number;
  problems: string[];
}

/** A document's record as listings show it. */
export type DocumentSummary = Pick<
  DocumentInfo,
  'id' | 'name' | 'title' | 'docNo' | 'date' | 'visibility' | 'chars'
>;

/** A readable document with its cleaned text at hand (an extractive answer reads around a passage). */
export interface ReadableDocument {
  id: string;
  name: string;
  title: string;
  issuer: string | null;
  docNo: string | null;
  date: string | null;
  text: () => string;
}

const EMBED_BATCH = 64;
/**
 * Chunk ids a catch-up rescans behind the last one seen: ids are taken when a write starts and
 * become visible when it commits, so a long write can show up below ids already seen.
 */
const CATCH_UP_WINDOW = 5_000;
/** Characters of document text kept in memory for extractive answers (texts never change under an id). */
const TEXT_CACHE_CHARS = 32_000_000;
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
  /** The vector cache (see vectorsAreCache): filled up to this chunk id, at the corpus seen then. */
  private filledUpTo = 0;
  private cacheSignature = '';
  private catchingUp: Promise<void> | undefined;
  private refreshing: Promise<boolean> | undefined;

  private readonly texts = new Map<string, string>();
  private textChars = 0;

  private constructor(
    private readonly deps: RetrievalDeps,
    private readonly docs: DocumentStore,
    private dictionary: NameDictionary,
    readonly parser: DocumentParser,
  ) {}

  static async open(deps: RetrievalDeps): Promise<RetrievalIndex> {
    const index = new RetrievalIndex(
      deps,
      deps.store,
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
    const existing = await this.docs.bySource(extracted.source);
    if (existing?.hash === extracted.hash) return this.unchanged(existing);
    const twin = await this.docs.byHash(extracted.hash);
    if (twin) return duplicate(extracted.source, twin);
    if (quotaChars !== undefined) {
      const used = await this.docs.charsOf(extracted.visibility, extracted.source);
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
    const joint = this.docs.joins(store)
      ? { store, records: (added: readonly number[]) => records(doc, added, vectors) }
      : undefined;
    const written = await this.docs.write(doc, ingestedAt, joint);
    // Another replica wrote the same content under this source while this one was reading it.
    if (written.status === 'unchanged') return this.unchanged(written.existing);
    if (written.status === 'duplicate') return duplicate(doc.source, written.twin);
    const { added, removed, previous } = written;
    if (!joint) {
      // Written after the commit: search ignores vectors whose chunk is gone, and a re-ingest repairs a gap.
      if (removed.length) await store.delete(removed);
      await store.upsert(records(doc, added, vectors));
    }
    await this.link(doc, previous?.id);
    return {
      file: doc.source,
      status: previous ? 'updated' : 'added',
      docId: doc.id,
      title: doc.meta.title,
      chunks: doc.chunks.length,
      chars: doc.text.length,
      visibility: doc.visibility,
      ...(previous && previous.visibility !== doc.visibility
        ? { previousVisibility: previous.visibility }
        : {}),
    };
  }

  /** An unchanged document is skipped, but vectors a failed write left out are made again. */
  private async unchanged(doc: DocumentInfo): Promise<FileResult> {
    const repaired = await this.embedMissing(
      (await this.docs.chunksOf(doc.rid)).map((c) => ({
        rid: c.rid,
        embedText: embedText(c.section, c.text),
        docId: doc.id,
        name: doc.name,
        visibility: doc.visibility,
      })),
    );
    return {
      file: doc.source,
      status: 'unchanged',
      docId: doc.id,
      title: doc.title,
      ...(repaired ? { message: `${repaired} missing vectors written again` } : {}),
    };
  }

  /** Removes a document from the index and its Document node (with MENTIONS edges) from the graph. */
  async remove(docId: string): Promise<boolean> {
    const store = this.deps.vectors;
    const joint = this.docs.joins(store) ? store : undefined;
    const removed = await this.docs.delete(docId, joint);
    if (!removed) return false;
    if (!joint) await store.delete(removed);
    await this.deps.graph.remove({ nodes: [nodeId('Document', docId)] });
    return true;
  }

  async search(query: string, options: SearchOptions): Promise<SearchHit[]> {
    this.refreshSoon();
    if (this.vectorsAreCache()) await this.catchUpVectors();
    const graph = this.deps.graph;
    return hybridSearch(query, options, {
      store: this.docs,
      vectors: this.deps.vectors,
      embeddings: this.deps.embeddings,
      dictionary: this.dictionary,
      visibleEntities: async (ids, principal) => (await graph.getNodes(ids, principal)).map((n) => n.id),
    });
  }

  /** Every document's record, for operators and for callers that filter by visibility themselves. */
  async documents(): Promise<DocumentSummary[]> {
    return (await this.docs.list()).map(summary);
  }

  /** The records of the documents the principal may read, filtered by the store. */
  async readableDocuments(principal: Principal): Promise<DocumentSummary[]> {
    return (await this.docs.readable(principal)).map(summary);
  }

  /**
   * The documents the principal may read, each with its cleaned text: what an extractive answer
   * reads around a passage (the rest of a list, the items under a heading). Texts are cached by
   * document id, which is a hash of the content, so a cached text is never stale.
   */
  async readable(principal: Principal): Promise<ReadableDocument[]> {
    const docs = await this.docs.readable(principal);
    const wanted = docs.filter((d) => !this.texts.has(d.id));
    if (wanted.length) {
      const read = await this.docs.texts(wanted.map((d) => d.rid));
      for (const d of wanted) this.cacheText(d.id, read.get(d.rid) ?? '');
    }
    // Read now: the cache may evict a text before an answer asks for it.
    const texts = new Map(docs.map((d) => [d.id, this.texts.get(d.id) ?? '']));
    return docs.map((d) => ({
      id: d.id,
      name: d.name,
      title: d.title,
      issuer: d.issuer,
      docNo: d.docNo,
      date: d.date,
      text: () => texts.get(d.id)!,
    }));
  }

  private cacheText(id: string, text: string): void {
    this.texts.set(id, text);
    this.textChars += text.length;
    for (const [old, t] of this.texts) {
      if (this.textChars <= TEXT_CACHE_CHARS) break;
      this.texts.delete(old);
      this.textChars -= t.length;
    }
  }

  /**
   * One document as a reader checks a citation in it: its text and where each chunk lies in it;
   * undefined when there is no such document or the principal may not read it, alike.
   */
  async passages(
    id: string,
    principal: Principal,
  ): Promise<
    | (DocumentSummary & {
        issuer: string | null;
        text: string;
        chunks: Array<{ seq: number; start: number; end: number }>;
      })
    | undefined
  > {
    const doc = await this.docs.byId(id);
    if (!doc || !canSee(principal, doc.visibility)) return undefined;
    return {
      ...summary(doc),
      issuer: doc.issuer,
      text: await this.docs.text(doc.rid),
      chunks: (await this.docs.chunksOf(doc.rid)).map(({ seq, start, end }) => ({ seq, start, end })),
    };
  }

  /** The cleaned text of every document (evaluation checks its labels against it). */
  async documentTexts(): Promise<string[]> {
    const docs = await this.docs.list();
    const texts = await this.docs.texts(docs.map((d) => d.rid));
    return docs.map((d) => texts.get(d.rid) ?? '');
  }

  /**
   * Checks that every document is whole: chunks, postings and statistics agree (the store), and
   * every chunk has its vector, whatever the vector store.
   */
  async check(): Promise<ConsistencyReport> {
    const report = await this.docs.check();
    let missingVectors = 0;
    await this.eachChunkPage(async (page) => {
      missingVectors += (await this.deps.vectors.missing(page.map((c) => c.rid))).length;
    });
    const problems = [...report.problems];
    if (missingVectors) {
      problems.push(
        `${missingVectors} chunks without a vector in the ${this.deps.vectors.kind} store; ingest the same files again to write them`,
      );
    }
    const vectors = await this.deps.vectors.count();
    if (this.docs.joins(this.deps.vectors) && vectors !== report.chunks)
      problems.push(`${vectors} vectors for ${report.chunks} chunks`);
    return { ...report, vectors, missingVectors, problems };
  }

  private async eachChunkPage(visit: (page: EmbeddableChunk[]) => Promise<void>, from = 0): Promise<void> {
    let after = from;
    for (;;) {
      const page = await this.docs.embeddable(after, 512);
      if (page.length === 0) return;
      await visit(page);
      after = page[page.length - 1]!.rid;
    }
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

  /** Embeds stored chunks and writes their vectors (a new model, a new collection, a gap). */
  private async embedInto(chunks: readonly EmbeddableChunk[]): Promise<void> {
    for (let i = 0; i < chunks.length; i += EMBED_BATCH) {
      const batch = chunks.slice(i, i + EMBED_BATCH);
      const vecs = await this.deps.embeddings.embed(
        batch.map((c) => c.embedText),
        'document',
      );
      await this.deps.vectors.upsert(
        batch.map((c, j) => ({
          id: c.rid,
          vector: vecs[j]!,
          payload: { docId: c.docId, source: c.name, visibility: c.visibility },
        })),
      );
    }
  }

  /**
   * Vectors made by another embeddings model are meaningless: a private store is emptied and
   * every chunk embedded again. A shared one (Qdrant) is never emptied, since other replicas
   * search it: new embeddings need a new collection, which is then filled here. A private store
   * beside a shared document store is this replica's cache: it is filled with every chunk it lacks.
   */
  private async reembedIfModelChanged(): Promise<void> {
    const { embeddings, vectors } = this.deps;
    if (!vectors.shared) {
      // Older data directories recorded the embeddings with the documents, in the same SQLite file.
      const stored =
        (await vectors.recordedEmbeddings?.()) ??
        (this.docs.joins(vectors) ? await this.docs.getMeta('embeddings.id') : undefined);
      const changed = stored !== embeddings.id && (stored !== undefined || (await vectors.count()) > 0);
      if (changed) await vectors.clear();
      if (changed || this.vectorsAreCache()) this.filledUpTo = await this.fillMissingVectors(0);
      await vectors.recordEmbeddings?.(embeddings.id);
      if (this.docs.joins(vectors)) await this.docs.setMeta('embeddings.id', embeddings.id);
      return;
    }
    const key = `embeddings.id@${vectors.name}`;
    const stored = await this.docs.getMeta(key);
    if (stored === embeddings.id) return;
    if (stored !== undefined) {
      throw new VectorStoreError(
        `the vectors in ${vectors.name} were made by embeddings ${stored} but this replica is configured with ${embeddings.id}; other replicas search them, so they are not replaced: configure the same embeddings, or set QDRANT_COLLECTION to a new name to embed the documents into it`,
      );
    }
    if ((await this.docs.stats()).chunks > 0) await this.eachChunkPage((page) => this.embedInto(page));
    await this.docs.setMeta(key, embeddings.id);
  }

  /**
   * Gives the chunks other replicas wrote since the last look their vectors here, before a search
   * reads them: a document uploaded through one replica ranks the same on every other at once.
   */
  private catchUpVectors(): Promise<void> {
    this.catchingUp ??= (async () => {
      try {
        const { chunks, totalLength } = await this.docs.stats();
        const signature = `${chunks}/${totalLength}`;
        if (signature === this.cacheSignature) return;
        this.filledUpTo = await this.fillMissingVectors(Math.max(0, this.filledUpTo - CATCH_UP_WINDOW));
        this.cacheSignature = signature;
      } finally {
        this.catchingUp = undefined;
      }
    })();
    return this.catchingUp;
  }

  /** This replica's own vectors beside documents every replica writes: they lag until filled. */
  private vectorsAreCache(): boolean {
    return !this.deps.vectors.shared && !this.docs.joins(this.deps.vectors);
  }

  /**
   * Embeds the chunks after `afterRid` that have no vector here; returns the last chunk id seen.
   * Chunk ids come from one sequence but commit out of order, so callers rescan a window behind it.
   */
  private async fillMissingVectors(afterRid: number): Promise<number> {
    let last = afterRid;
    await this.eachChunkPage(async (page) => {
      await this.embedMissing(page);
      last = page[page.length - 1]!.rid;
    }, afterRid);
    return last;
  }

  /** Embeds those of `chunks` the vector store holds no vector for; returns how many. */
  private async embedMissing(chunks: readonly EmbeddableChunk[]): Promise<number> {
    const missing = new Set(await this.deps.vectors.missing(chunks.map((c) => c.rid)));
    const todo = chunks.filter((c) => missing.has(c.rid));
    if (todo.length) await this.embedInto(todo);
    return todo.length;
  }

  /**
   * Links again every document whose links were made with other entity names than the current
   * ones (ingested before an import, during one, or before a crash between commit and link):
   * mentions are recomputed from its chunks and its MENTIONS edges rewritten.
   */
  private async relinkStale(): Promise<number> {
    const stale = (await this.docs.list()).filter(
      (d) => !d.linked || d.linkDict !== this.dictionary.fingerprintFor(d.visibility),
    );
    for (const doc of stale) {
      const lens = this.dictionary.lensForDocument(doc.visibility);
      const chunks = (await this.docs.chunkTexts(doc.rid)).map((c) => ({
        ...c,
        entities: [...new Set(lens.entityIds(c.text))],
      }));
      await this.docs.setMentions(chunks);
      await this.writeLinks(doc, mentionsOf(chunks), doc.id);
      await yieldToEventLoop();
    }
    return stale.length;
  }

  private async link(doc: PreparedDocument, previousId: string | undefined): Promise<void> {
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
      mentionsOf(doc.chunks),
      previousId,
    );
  }

  private async writeLinks(
    doc: Pick<DocumentInfo, 'id' | 'name' | 'hash' | 'title' | 'issuer' | 'docNo' | 'date' | 'visibility'>,
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
    await this.docs.setLinked(doc.id, true, dictionary);
  }
}

/** Each entity the chunks mention, with the first chunk naming it and how many chunks do. */
function mentionsOf(
  chunks: Iterable<{ seq: number; entities: readonly string[] }>,
): Array<{ entity: string; seq: number; n: number }> {
  const firstSeq = new Map<string, { seq: number; n: number }>();
  for (const c of chunks) {
    for (const e of c.entities) {
      const seen = firstSeq.get(e);
      if (seen) seen.n++;
      else firstSeq.set(e, { seq: c.seq, n: 1 });
    }
  }
  return [...firstSeq].map(([entity, v]) => ({ entity, ...v }));
}

/** Same hash means same visibility too: the twin is the caller's own file, and only its name is told. */
function duplicate(file: string, twin: DocumentInfo): FileResult {
  return {
    file,
    status: 'duplicate',
    docId: twin.id,
    message: `same content as ${twin.name}, not indexed twice`,
  };
}

function summary({ id, name, title, docNo, date, visibility, chars }: DocumentInfo): DocumentSummary {
  return { id, name, title, docNo, date, visibility, chars };
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
