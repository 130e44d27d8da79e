import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Bench } from './bench.js';

/**
 * `npm run bench -- <name> [args]`: runs `<name>.bench.ts` beside this file; with no name, lists
 * them. Each bench prints its own figures and exits non-zero when a must-hold target is missed.
 */
const here = dirname(fileURLToPath(import.meta.url));
const ext = fileURLToPath(import.meta.url).endsWith('.ts') ? '.ts' : '.js';
const available = readdirSync(here)
  .filter((f) => f.endsWith(`.bench${ext}`))
  .map((f) => f.slice(0, -`.bench${ext}`.length))
  .sort();

const [name, ...args] = process.argv.slice(2);
if (!name || name === '--help') {
  process.stdout.write(`usage: npm run bench -- <${available.join('|')}> [args]\n`);
  process.exit(name ? 0 : 2);
}
if (!available.includes(name)) {
  process.stderr.write(`bench: unknown benchmark "${name}"; available: ${available.join(', ')}\n`);
  process.exit(2);
}
const bench = (await import(join(here, `${name}.bench${ext}`))) as { default: Bench };
const ok = await bench.default(args);
process.exitCode = ok ? 0 : 1;
