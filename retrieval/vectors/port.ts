/**
 * The VectorStore port: chunk vectors with the payload search filters on. Ids are the chunk rids
 * of the document index. Scores are cosine similarities (vectors arrive unit-length).
 */
export interface VectorPayload {
  docId: string;
  /** File name of the document (the `source` filter). */
  source: string;
  visibility: string;
}

export interface VectorRecord {
  id: number;
  vector: Float32Array;
  payload: VectorPayload;
}

export interface VectorFilter {
  /** Only these visibilities; undefined means all (a principal holding `*`). */
  visibilities?: readonly string[];
  sources?: readonly string[];
}

export interface VectorHit {
  id: number;
  score: number;
}

export interface VectorStore {
  readonly kind: string;
  /** Names where the vectors live (the embeddings they were made with are recorded per name). */
  readonly name: string;
  /** Other replicas read and write these vectors too: never drop them wholesale. */
  readonly shared: boolean;
  readonly dimensions: number;
  upsert(records: readonly VectorRecord[]): Promise<void>;
  delete(ids: readonly number[]): Promise<void>;
  search(vector: Float32Array, k: number, filter?: VectorFilter): Promise<VectorHit[]>;
  count(): Promise<number>;
  /** Which of `ids` have no vector: gaps left by a write that failed after its chunks committed. */
  missing(ids: readonly number[]): Promise<number[]>;
  /** Drops every vector (the embeddings model changed). */
  clear(): Promise<void>;
  /**
   * A private store records which embeddings made its vectors itself, since it may sit beside a
   * shared document store (then it is this replica's cache of their vectors).
   */
  recordedEmbeddings?(): Promise<string | undefined>;
  recordEmbeddings?(id: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * A store whose writes can join the caller's SQLite transaction, so a document's vectors commit
 * or roll back with its chunks. Stores without it are written after the commit.
 */
export interface TransactionalVectorStore extends VectorStore {
  writeSync(upserts: readonly VectorRecord[], deletes: readonly number[]): void;
}

export function isTransactional(store: VectorStore): store is TransactionalVectorStore {
  return typeof (store as Partial<TransactionalVectorStore>).writeSync === 'function';
}

export class VectorStoreError extends Error {
  readonly userFacing = true;
  override readonly name = 'VectorStoreError';
}

export function matches(payload: VectorPayload, filter: VectorFilter | undefined): boolean {
  if (!filter) return true;
  if (filter.visibilities && !filter.visibilities.includes(payload.visibility)) return false;
  if (filter.sources && !filter.sources.includes(payload.source)) return false;
  return true;
}
