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
    const store = await PostgresSeriesStore.open(scratch.pool);
    await scratch.pool.query('TRUNCATE series_values, series_links, series_nodes');
    return store;
  },
  skip,
);
