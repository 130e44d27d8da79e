import { afterAll } from 'vitest';
import {
  postgresSkipReason,
  type ScratchDatabase,
  scratchDatabase,
} from '../../knowledge-graph/store/postgres.test-support.js';
import { blobStoreContract } from './contract.test-suite.js';
import { PostgresBlobStore } from './postgres.js';

const skip = await postgresSkipReason();
let scratch: ScratchDatabase | undefined;

blobStoreContract(
  'PostgreSQL',
  async () => {
    scratch ??= await scratchDatabase();
    await PostgresBlobStore.open(scratch.pool);
    await scratch.pool.query('TRUNCATE blobs');
    return PostgresBlobStore.open(scratch.pool);
  },
  skip,
);

afterAll(async () => scratch?.drop());
