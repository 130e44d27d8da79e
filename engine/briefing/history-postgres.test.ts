import { afterAll } from 'vitest';
import {
  postgresSkipReason,
  type ScratchDatabase,
  scratchDatabase,
} from '../../knowledge-graph/store/postgres.test-support.js';
import { briefingHistoryContract } from './history-contract.test-suite.js';
import { PostgresBriefingHistory } from './history-postgres.js';

const skip = await postgresSkipReason();
let scratch: ScratchDatabase | undefined;

afterAll(async () => scratch?.drop());

briefingHistoryContract(
  'PostgreSQL',
  async () => {
    scratch ??= await scratchDatabase();
    const history = await PostgresBriefingHistory.open(scratch.pool);
    await scratch.pool.query('TRUNCATE briefing_history');
    return history;
  },
  skip,
);
