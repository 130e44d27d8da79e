import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { dispatch } from './dispatch.js';

/** `npm run eval -- <suite> [args]`: runs `suites/<suite>.eval.ts`. */
await dispatch(join(dirname(fileURLToPath(import.meta.url)), 'suites'), '.eval', 'npm run eval');
