import { describe, it } from 'vitest';
import { vectorStoreContract } from './contract.test-suite.js';
import { QdrantVectorStore } from './qdrant.js';

const url = process.env.QDRANT_URL;

describe.skipIf(!!url)('Qdrant adapter', () => {
  it.skip('skipped: set QDRANT_URL (e.g. http://127.0.0.1:6333) to run the VectorStore contract against Qdrant', () => {});
});

vectorStoreContract(
  'qdrant',
  () =>
    QdrantVectorStore.connect({
      url: url ?? 'http://127.0.0.1:6333',
      ...(process.env.QDRANT_API_KEY ? { apiKey: process.env.QDRANT_API_KEY } : {}),
      collection: `ibrain_contract_${process.pid}`,
      dimensions: 8,
    }),
  !!url,
);
