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
    const history = new PostgresBriefingHistory(scratch.pool);
    await history.list({ id: 'setup', grants: [] }); // brings the schema up, so the table exists to be emptied
    await scratch.pool.query('TRUNCATE briefing_history');
    return history;
  },
  skip,
);
