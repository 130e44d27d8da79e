import { join } from 'node:path';
import type { Engine } from '../container.js';
import type { BlobStore } from './port.js';

export type { BlobStore, StoredBlob } from './port.js';

/** The engine's blob store: `<dataDir>/blobs`, or the shared PostgreSQL when `state.adapter` is postgres. */
export function blobsOf(engine: Engine): Promise<BlobStore> {
  return engine.service('blobs', async () => {
    if (engine.postgres) {
      const { PostgresBlobStore } = await import('./postgres.js');
      return PostgresBlobStore.open(engine.postgres);
    }
    const { DiskBlobStore } = await import('./disk.js');
    return new DiskBlobStore(join(engine.dataDir, 'blobs'));
  });
}
