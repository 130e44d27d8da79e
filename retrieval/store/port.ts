import type { Principal } from '../../knowledge-graph/schema/index.js';
import type { PreparedDocument } from '../prepare.js';
import type { TransactionalVectorStore, VectorRecord, VectorStore } from '../vectors/port.js';

/**
 * The DocumentStore port: documents, their chunks, BM25 postings, entity mentions and the
 * index's settings. Two adapters: the engine's SQLite file (sqlite.ts) and a shared PostgreSQL
 * (postgres.ts). Chunk rids come from one sequence per store because they are the vector ids
 * every replica shares. Visibility is filtered inside the store, so a caller can never read a
 * document its principal may not see by forgetting a filter.
 */

/** A document row as search and the CLI see it (without its text). */
export interface DocumentInfo {
  rid: number;
  id: string;
  source: string;
  name: string;
  format: string;
  hash: string;
  title: string;
  issuer: string | null;
  docNo: string | null;
  date: string | null;
  visibility: string;
  chars: number;
  ingestedAt: string;
  linked: number;
  chunkCount: number;
  tokenCount: number;
  /** The fingerprint of the entity names the document's links were made with (dictionary.ts). */
  linkDict: string | null;
}

export interface ChunkRow {
  rid: number;
  docRid: number;
  seq: number;
  start: number;
  end: number;
  section: string;
  text: string;
  length: number;
}

/** A chunk with what its vector is made of and carries: for re-embedding and repairing gaps. */
export interface EmbeddableChunk {
  rid: number;
  embedText: string;
  docId: string;
  name: string;
  visibility: string;
}

/** What a search may return: the principal's documents, narrowed by the caller's filters. */
export interface SearchScope {
  principal: Principal;
  /** File names (document `name`). */
  sources?: readonly string[];
  /** Document formats. */
  types?: readonly string[];
  /** Inclusive ISO dates on the document date; undated documents are excluded when set. */
  dateFrom?: string;
  dateTo?: string;
}

export interface Bm25Hit {
  chunkRid: number;
  docRid: number;
  score: number;
}

/** A vector store that commits with the document store's own transaction. */
export interface JointVectorWrite {
  store: TransactionalVectorStore;
  records(added: readonly number[]): VectorRecord[];
}

export type WriteResult =
  /** The source already holds this content (another replica wrote it first). */
  | { status: 'unchanged'; existing: DocumentInfo }
  /** Another source holds this content (written by another replica meanwhile); nothing was written. */
  | { status: 'duplicate'; twin: DocumentInfo }
  | { status: 'written'; added: number[]; removed: number[]; previous?: DocumentInfo };

export interface StoreReport {
  documents: number;
  chunks: number;
  problems: string[];
}

export interface DocumentStore {
  readonly kind: string;
  /** Whether `vectors` can join this store's transactions (the embedded store in the same SQLite file). */
  joins(vectors: VectorStore): vectors is TransactionalVectorStore;

  bySource(source: string): Promise<DocumentInfo | undefined>;
  byHash(hash: string): Promise<DocumentInfo | undefined>;
  byId(id: string): Promise<DocumentInfo | undefined>;
  byRids(rids: readonly number[]): Promise<Map<number, DocumentInfo>>;
  /** Every document's record, in ingest order: for operators (listing, relinking), not per request. */
  list(): Promise<DocumentInfo[]>;
  /** The records of the documents the principal may read, in ingest order. */
  readable(principal: Principal): Promise<DocumentInfo[]>;
  /** Characters held by the documents of one visibility, except the one stored under `exceptSource`. */
  charsOf(visibility: string, exceptSource: string): Promise<number>;
  text(docRid: number): Promise<string>;
  texts(docRids: readonly number[]): Promise<Map<number, string>>;
  chunksOf(docRid: number): Promise<ChunkRow[]>;
  /** Chunks by rid; with a scope, only those of documents in it. */
  chunks(rids: readonly number[], scope?: SearchScope): Promise<Map<number, ChunkRow>>;
  /** Chunks by rid after `afterRid`, in rid order, with what their vectors hold. */
  embeddable(afterRid: number, limit: number): Promise<EmbeddableChunk[]>;

  /**
   * Replaces whatever document is stored under `doc.source` with `doc`, in one transaction that
   * holds the source against other writers (other replicas included), unless that source already
   * holds this content or another source does. Returns the new chunk rids in order and the
   * removed ones.
   */
  write(doc: PreparedDocument, ingestedAt: string, joint?: JointVectorWrite): Promise<WriteResult>;
  /** Deletes a document and all hanging off it; undefined when there is none. */
  delete(id: string, joint?: TransactionalVectorStore): Promise<number[] | undefined>;
  setLinked(id: string, linked: boolean, dictionary: string | null): Promise<void>;
  chunkTexts(docRid: number): Promise<Array<{ rid: number; seq: number; text: string }>>;
  /** Replaces the entity mentions of a document's chunks. */
  setMentions(chunks: ReadonlyArray<{ rid: number; entities: readonly string[] }>): Promise<void>;
  /** How many of the entities each of `within` mentions (chunks mentioning none are left out). */
  mentioning(entityIds: readonly string[], within: readonly number[]): Promise<Map<number, number>>;

  getMeta(key: string): Promise<string | undefined>;
  setMeta(key: string, value: string): Promise<void>;

  /** The visibilities present that the principal may read; undefined when it may read all. */
  visibilities(principal: Principal): Promise<string[] | undefined>;
  /**
   * BM25 over the chunks in scope, best first, at most `limit`, with the corpus statistics (chunk
   * count, average length, document frequencies) taken over the documents the principal may read:
   * what other tenants indexed changes neither which chunks come back nor their order.
   */
  score(queryTokens: readonly string[], scope: SearchScope, limit: number): Promise<Bm25Hit[]>;
  /** The statistics kept with the postings, over every document. */
  stats(): Promise<{ chunks: number; totalLength: number }>;
  /** Checks that documents, chunks, postings and statistics agree. */
  check(): Promise<StoreReport>;
  close(): Promise<void>;
}

/** Okapi BM25 parameters, shared so both adapters rank alike. */
export const BM25 = { k1: 1.2, b: 0.75 } as const;

/** Query-term weights: a term asked twice counts twice. */
export function termWeights(tokens: readonly string[]): Map<string, number> {
  const weights = new Map<string, number>();
  for (const t of tokens) weights.set(t, (weights.get(t) ?? 0) + 1);
  return weights;
}

/** What a chunk's vector is made of, as annotate() builds it: its section path, then its text. */
export function embedText(section: string, text: string): string {
  return `${(JSON.parse(section) as string[]).join(' ')}\n${text}`;
}
