import { beforeEach, describe, expect, it, vi } from 'vitest';

/** What the adapter asked of Qdrant, and what the fake answers. */
const server = vi.hoisted(() => ({
  exists: false,
  size: 8,
  createFails: undefined as Error | undefined,
  points: new Set<number>(),
  calls: [] as string[],
}));

vi.mock('@qdrant/js-client-rest', () => ({
  QdrantClient: class {
    async collectionExists() {
      server.calls.push('collectionExists');
      return { exists: server.exists };
    }
    async getCollection() {
      server.calls.push('getCollection');
      return { config: { params: { vectors: { size: server.size, distance: 'Cosine' } } } };
    }
    async createCollection() {
      server.calls.push('createCollection');
      if (server.createFails) throw server.createFails;
      server.exists = true;
      return true;
    }
    async createPayloadIndex() {
      server.calls.push('createPayloadIndex');
      return {};
    }
    async deleteCollection() {
      server.calls.push('deleteCollection');
      return true;
    }
    async delete(_name: string, selector: { filter?: object; points?: number[] }) {
      server.calls.push(`delete ${JSON.stringify(selector.filter ?? selector.points)}`);
      if (selector.filter) server.points.clear();
      return {};
    }
    async retrieve(_name: string, request: { ids: number[] }) {
      return request.ids.filter((id) => server.points.has(id)).map((id) => ({ id }));
    }
  },
}));

const { QdrantVectorStore } = await import('./qdrant.js');
const connect = (dimensions = 8) =>
  QdrantVectorStore.connect({ url: 'http://qdrant:6333', collection: 'ibrain_chunks', dimensions });

beforeEach(() => {
  Object.assign(server, { exists: false, size: 8, createFails: undefined, points: new Set(), calls: [] });
});

describe('the Qdrant collection, shared by replicas', () => {
  it('goes on with the collection another replica created at the same moment', async () => {
    server.createFails = Object.assign(new Error('Conflict'), { status: 409 });
    await expect(connect()).resolves.toBeInstanceOf(QdrantVectorStore);
    expect(server.calls).toEqual(['collectionExists', 'createCollection', 'getCollection']);
  });

  it('refuses a collection of another dimension, naming it and what to do, and drops nothing', async () => {
    server.exists = true;
    server.size = 16;
    await expect(connect(8)).rejects.toThrow(
      /collection ibrain_chunks holds 16-dimensional vectors but the configured embeddings give 8.*QDRANT_COLLECTION/,
    );
    expect(server.calls).not.toContain('deleteCollection');
  });

  it('empties the collection without dropping it, and tells which ids have no vector', async () => {
    const store = await connect();
    server.points = new Set([1, 2]);
    expect(await store.missing([1, 2, 3])).toEqual([3]);
    await store.clear();
    expect(server.calls).toContain('delete {}');
    expect(server.calls).not.toContain('deleteCollection');
    expect(await store.missing([1, 2])).toEqual([1, 2]);
  });

  it('reports other creation failures with the server and collection', async () => {
    server.createFails = Object.assign(new Error('Forbidden'), { status: 403 });
    await expect(connect()).rejects.toThrow(
      /collection create failed at http:\/\/qdrant:6333 \(collection ibrain_chunks\): Forbidden/,
    );
  });
});
