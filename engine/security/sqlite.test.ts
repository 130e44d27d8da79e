import { afterAll } from 'vitest';
import { auditStoreContract } from './audit.contract.test-suite.js';
import { sqliteBackend } from './backends.test-support.js';
import { keyStoreContract } from './keys.contract.test-suite.js';
import { sessionStoreContract } from './sessions.contract.test-suite.js';

const backend = sqliteBackend();
afterAll(() => backend.close());

keyStoreContract(backend);
sessionStoreContract(backend);
auditStoreContract(backend);
