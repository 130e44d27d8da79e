import { QdrantClient } from '@qdrant/js-client-rest';
import {
  type VectorFilter,
  type VectorHit,
  type VectorRecord,
  type VectorStore,
  VectorStoreError,
} from './port.js';

export interface QdrantOptions {
  url: string;
  apiKey?: string;
  collection: string;
  dimensions: number;
  /** Points per upsert request. */
  batchSize?: number;
}

/**
 * The Qdrant adapter: one collection of cosine vectors whose payload carries docId, source and
 * visibility, with keyword indexes on the filtered fields; upserts go in batches and wait for
 * the write to apply, so a search right after an ingest sees it.
 */
export class QdrantVectorStore implements VectorStore {
  readonly kind = 'qdrant';
  readonly shared = true;
  readonly dimensions: number;

  private constructor(
    private readonly client: QdrantClient,
    private readonly options: QdrantOptions,
  ) {
    this.dimensions = options.dimensions;
  }

  get name(): string {
    return `qdrant:${this.options.collection}`;
  }

  static async connect(options: QdrantOptions): Promise<QdrantVectorStore> {
    const client = new QdrantClient({
      url: options.url,
      ...(options.apiKey ? { apiKey: options.apiKey } : {}),
      checkCompatibility: false,
    });
    const store = new QdrantVectorStore(client, options);
    await store.ensureCollection();
    return store;
  }

  private async call<T>(what: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      throw new VectorStoreError(
        `Qdrant ${what} failed at ${this.options.url} (collection ${this.options.collection}): ${(error as Error).message}`,
      );
    }
  }

  /**
   * Uses the collection, creating it when absent. A collection is shared by every replica, so one
   * with another dimension is refused, never dropped; a replica creating it at the same moment as
   * another finds it made and goes on.
   */
  private async ensureCollection(): Promise<void> {
    const name = this.options.collection;
    const { exists } = await this.call('collection check', () => this.client.collectionExists(name));
    if (exists) return this.checkDimensions();
    try {
      await this.client.createCollection(name, { vectors: { size: this.dimensions, distance: 'Cosine' } });
    } catch (error) {
      if (!alreadyExists(error)) {
        throw new VectorStoreError(
          `Qdrant collection create failed at ${this.options.url} (collection ${name}): ${(error as Error).message}`,
        );
      }
      return this.checkDimensions();
    }
    for (const field of ['visibility', 'source', 'docId']) {
      await this.call('payload index', () =>
        this.client.createPayloadIndex(name, { field_name: field, field_schema: 'keyword', wait: true }),
      );
    }
  }

  private async checkDimensions(): Promise<void> {
    const name = this.options.collection;
    const info = await this.call('collection info', () => this.client.getCollection(name));
    const vectors = info.config.params.vectors;
    const size = vectors && 'size' in vectors ? vectors.size : undefined;
    if (size !== undefined && size !== this.dimensions) {
      throw new VectorStoreError(
        `Qdrant collection ${name} holds ${size}-dimensional vectors but the configured embeddings give ${this.dimensions}; other replicas may use it, so it is not dropped: set QDRANT_COLLECTION to a new name for these embeddings (documents are embedded into it at start)`,
      );
    }
  }

  async upsert(records: readonly VectorRecord[]): Promise<void> {
    const size = this.options.batchSize ?? 256;
    for (let i = 0; i < records.length; i += size) {
      const points = records
        .slice(i, i + size)
        .map((r) => ({ id: r.id, vector: Array.from(r.vector), payload: { ...r.payload } }));
      await this.call('upsert', () => this.client.upsert(this.options.collection, { wait: true, points }));
    }
  }

  async delete(ids: readonly number[]): Promise<void> {
    if (ids.length === 0) return;
    await this.call('delete', () =>
      this.client.delete(this.options.collection, { wait: true, points: [...ids] }),
    );
  }

  async search(vector: Float32Array, k: number, filter?: VectorFilter): Promise<VectorHit[]> {
    const must = [
      ...(filter?.visibilities ? [{ key: 'visibility', match: { any: [...filter.visibilities] } }] : []),
      ...(filter?.sources ? [{ key: 'source', match: { any: [...filter.sources] } }] : []),
    ];
    const hits = await this.call('search', () =>
      this.client.search(this.options.collection, {
        vector: Array.from(vector),
        limit: k,
        with_payload: false,
        ...(must.length ? { filter: { must } } : {}),
      }),
    );
    return hits.map((h) => ({ id: Number(h.id), score: h.score }));
  }

  async count(): Promise<number> {
    return (await this.call('count', () => this.client.count(this.options.collection, { exact: true })))
      .count;
  }

  async missing(ids: readonly number[]): Promise<number[]> {
    const present = new Set<number>();
    const size = this.options.batchSize ?? 256;
    for (let i = 0; i < ids.length; i += size) {
      const points = await this.call('retrieve', () =>
        this.client.retrieve(this.options.collection, {
          ids: ids.slice(i, i + size),
          with_payload: false,
          with_vector: false,
        }),
      );
      for (const p of points) present.add(Number(p.id));
    }
    return ids.filter((id) => !present.has(id));
  }

  /** Deletes every point but keeps the collection, which other replicas may hold open. */
  async clear(): Promise<void> {
    await this.call('clear', () => this.client.delete(this.options.collection, { wait: true, filter: {} }));
  }

  async close(): Promise<void> {}
}

/** Qdrant answers 409 Conflict when another client created the collection first. */
function alreadyExists(error: unknown): boolean {
  const status = (error as { status?: number }).status;
  return status === 409 || /already exists/i.test((error as Error).message ?? '');
}
