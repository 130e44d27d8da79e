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
  readonly dimensions: number;

  private constructor(
    private readonly client: QdrantClient,
    private readonly options: QdrantOptions,
  ) {
    this.dimensions = options.dimensions;
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

  private async ensureCollection(): Promise<void> {
    const name = this.options.collection;
    const { exists } = await this.call('collection check', () => this.client.collectionExists(name));
    if (exists) {
      const info = await this.call('collection info', () => this.client.getCollection(name));
      const vectors = info.config.params.vectors;
      const size = vectors && 'size' in vectors ? vectors.size : undefined;
      if (size !== undefined && size !== this.dimensions) {
        throw new VectorStoreError(
          `Qdrant collection ${name} holds ${size}-dimensional vectors but the embeddings give ${this.dimensions}; set QDRANT_COLLECTION to a new name`,
        );
      }
      return;
    }
    await this.call('collection create', () =>
      this.client.createCollection(name, { vectors: { size: this.dimensions, distance: 'Cosine' } }),
    );
    for (const field of ['visibility', 'source', 'docId']) {
      await this.call('payload index', () =>
        this.client.createPayloadIndex(name, { field_name: field, field_schema: 'keyword', wait: true }),
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

  async clear(): Promise<void> {
    await this.call('collection drop', () => this.client.deleteCollection(this.options.collection));
    await this.ensureCollection();
  }

  async close(): Promise<void> {}
}
