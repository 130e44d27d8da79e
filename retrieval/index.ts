import type { Database } from 'better-sqlite3';
import {
  edgeId,
  type GraphEdge,
  type GraphNode,
  nodeId,
  SYSTEM_PRINCIPAL,
} from '../knowledge-graph/schema/index.js';
import { Bm25Index } from './bm25.js';
import type { ChunkOptions } from './chunk.js';
import { DocumentTable } from './docs.js';
import type { Embedder } from './embedder.js';
import { IngestError } from './errors.js';
import { expandPaths } from './files.js';
import { type GraphAccess, LINKED_TYPES } from './graph.js';
import { type DictionaryEntry, EntityLinker } from './link.js';
import { loadFile } from './load/loaders.js';
import type { TextEncodingName } from './load/encoding.js';
import type { RawDocument } from './load/types.js';
import { type PreparedDocument, prepareDocument } from './prepare.js';
import { ensureSchema, getMeta, setMeta } from './schema.js';
import { hybridSearch, type SearchHit, type SearchOptions } from './search.js';
import { Tokenizer } from './tokenize.js';
import { isTransactional, type VectorRecord, type VectorStore } from './vectors/port.js';

export type { SearchHit, SearchMode, SearchOptions } from './search.js';

export interface RetrievalDeps {
  db: Database;
  graph: GraphAccess;
  embeddings: Embedder;
  vectors: VectorStore;
  chunking?: ChunkOptions;
  now?: () => Date;
}

export interface IngestOptions {
  /** Overrides the documents' own visibility (front matter, JSON). */
  visibility?: string;
  maxBytes?: number;
  encoding?: TextEncodingName;
  onFile?: (result: FileResult, index: number, total: number) => void;
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

/**
 * The document index: ingest (load → clean → chunk → tokens, entities, vectors → one
 * transaction), hybrid search, and the Document/MENTIONS links in the knowledge graph.
 */
export class RetrievalIndex {
  private constructor(
    private readonly deps: RetrievalDeps,
    private readonly docs: DocumentTable,
    private readonly bm25: Bm25Index,
    readonly tokenizer: Tokenizer,
    readonly linker: EntityLinker,
  ) {}

  static async open(deps: RetrievalDeps): Promise<RetrievalIndex> {
    ensureSchema(deps.db);
    const entries: DictionaryEntry[] = [];
    for await (const node of deps.graph.scanNodes(LINKED_TYPES, SYSTEM_PRINCIPAL)) {
      entries.push({ id: node.id, name: node.name, aliases: node.aliases });
    }
    const tokenizer = new Tokenizer(entries.flatMap((e) => [e.name, ...(e.aliases ?? [])]));
    const bm25 = new Bm25Index(deps.db);
    const index = new RetrievalIndex(
      deps,
      new DocumentTable(deps.db, bm25),
      bm25,
      tokenizer,
      new EntityLinker(entries),
    );
    await index.reembedIfModelChanged();
    await index.relinkPending();
    return index;
  }

  /** Ingests files and directories; a bad file is reported in the summary and the rest go on. */
  async ingestPaths(paths: readonly string[], options: IngestOptions = {}): Promise<IngestSummary> {
    const { files, errors } = await expandPaths(paths);
    const results: FileResult[] = errors.map((e) => ({ file: e.file, status: 'failed', message: e.message }));
    const total = files.length + errors.length;
    results.forEach((r, i) => {
      options.onFile?.(r, i, total);
    });
    for (const file of files) {
      let fileResults: FileResult[];
      try {
        const raws = await loadFile(file, {
          ...(options.maxBytes ? { maxBytes: options.maxBytes } : {}),
          ...(options.encoding ? { encoding: options.encoding } : {}),
        });
        fileResults = [];
        for (const raw of raws) fileResults.push(await this.ingestDocument(raw, options.visibility));
      } catch (error) {
        if (!(error instanceof IngestError)) throw error;
        fileResults = [{ file, status: 'failed', message: error.message }];
      }
      for (const r of fileResults) {
        results.push(r);
        options.onFile?.(r, results.length - 1, total);
      }
    }
    return summarise(results);
  }

  /** Indexes one document (idempotent by content hash; a changed document replaces its old version). */
  async ingestDocument(raw: RawDocument, visibility?: string): Promise<FileResult> {
    const doc = prepareDocument(
      raw,
      { tokenizer: this.tokenizer, linker: this.linker, chunking: this.deps.chunking },
      visibility,
    );
    const existing = this.docs.bySource(doc.source);
    if (existing?.hash === doc.hash)
      return { file: raw.source, status: 'unchanged', docId: existing.id, title: existing.title };
    const twin = this.docs.byHash(doc.hash);
    if (twin && twin.source !== doc.source) {
      return {
        file: raw.source,
        status: 'duplicate',
        docId: twin.id,
        message: `same content as ${twin.source}, not indexed twice`,
      };
    }
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
      file: raw.source,
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
    return hybridSearch(query, options, {
      docs: this.docs,
      bm25: this.bm25,
      vectors: this.deps.vectors,
      embeddings: this.deps.embeddings,
      tokenizer: this.tokenizer,
      linker: this.linker,
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

  /** Documents committed before their graph links were written (a crash in between) get linked now. */
  private async relinkPending(): Promise<void> {
    const pending = [...this.docs.all().values()].filter((d) => !d.linked);
    for (const doc of pending) {
      const rows = this.deps.db
        .prepare(
          `SELECT m.entity_id AS entity, MIN(c.seq) AS seq, COUNT(*) AS n FROM retrieval_mentions m
           JOIN retrieval_chunks c ON c.rid = m.chunk_rid WHERE c.doc_rid = ? GROUP BY m.entity_id`,
        )
        .all(doc.rid) as Array<{ entity: string; seq: number; n: number }>;
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
        rows,
        undefined,
      );
    }
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
    const id = nodeId('Document', doc.id);
    if (previousId) await this.deps.graph.remove({ nodes: [nodeId('Document', previousId)] });
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
    const edges: GraphEdge[] = mentions.map((m) => ({
      id: edgeId('MENTIONS', id, m.entity),
      type: 'MENTIONS',
      from: id,
      to: m.entity,
      props: { observations: m.n },
      provenance: provenance(`${doc.id}:${m.seq}`, 0.9),
      visibility: doc.visibility as GraphEdge['visibility'],
    }));
    await this.deps.graph.upsert({ nodes: [node], edges });
    this.docs.setLinked(doc.id, true);
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
