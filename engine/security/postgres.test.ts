import { afterAll } from 'vitest';
import { postgresSkipReason } from '../../knowledge-graph/store/postgres.test-support.js';
import { auditStoreContract } from './audit.contract.test-suite.js';
import { postgresBackend } from './backends.test-support.js';
import { keyStoreContract } from './keys.contract.test-suite.js';
import { sessionStoreContract } from './sessions.contract.test-suite.js';

const backend = postgresBackend(await postgresSkipReason());
afterAll(() => backend.close());

keyStoreContract(backend);
sessionStoreContract(backend);
auditStoreContract(backend);
