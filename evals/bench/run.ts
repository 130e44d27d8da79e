import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { dispatch } from '../dispatch.js';

/** `npm run bench -- <name> [args]`: runs `<name>.bench.ts` beside this file. */
await dispatch(dirname(fileURLToPath(import.meta.url)), '.bench', 'npm run bench');
