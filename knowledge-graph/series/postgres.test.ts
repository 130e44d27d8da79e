import { afterAll } from 'vitest';
import { postgresSkipReason, type ScratchDatabase, scratchDatabase } from '../store/postgres.test-support.js';
import { seriesStoreContract } from './contract.test-suite.js';
import { PostgresSeriesStore } from './postgres.js';

const skip = await postgresSkipReason();
let scratch: ScratchDatabase | undefined;

afterAll(async () => scratch?.drop());

seriesStoreContract(
  'PostgreSQL',
  async () => {
    scratch ??= await scratchDatabase();
    const store = new PostgresSeriesStore(scratch.pool);
    await store.remove([]); // brings the schema up, so the tables exist to be emptied
    await scratch.pool.query('TRUNCATE series_values, series_links, series_nodes');
    return store;
  },
  skip,
);
