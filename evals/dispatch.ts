import { readdirSync } from 'node:fs';
import { join } from 'node:path';

/** A benchmark or eval suite: takes its CLI args, prints its figures, returns whether every target held. */
export type Runnable = (args: string[]) => Promise<boolean>;

/**
 * Runs `<dir>/<name><suffix>.ts|js` named by the first CLI argument, so each bench or suite is a
 * file of its own and adding one needs no registry edit. Exit code: 0 all targets held, 1 a target
 * was missed, 2 a usage error.
 */
export async function dispatch(dir: string, suffix: string, command: string): Promise<void> {
  const ext = import.meta.url.endsWith('.ts') ? '.ts' : '.js';
  const tail = `${suffix}${ext}`;
  const available = readdirSync(dir)
    .filter((f) => f.endsWith(tail))
    .map((f) => f.slice(0, -tail.length))
    .sort();
  const [name, ...args] = process.argv.slice(2);
  if (!name || name === '--help') {
    process.stdout.write(`usage: ${command} -- <${available.join('|')}> [args]\n`);
    process.exitCode = name ? 0 : 2;
    return;
  }
  if (!available.includes(name)) {
    process.stderr.write(`${command}: unknown "${name}"; available: ${available.join(', ')}\n`);
    process.exitCode = 2;
    return;
  }
  const module = (await import(join(dir, `${name}${tail}`))) as { default: Runnable };
  process.exitCode = (await module.default(args)) ? 0 : 1;
}
