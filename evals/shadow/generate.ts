import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildShadowSet } from './build.js';
import { type DataPaths, defaultPaths, loadContext, missingData } from './context.js';
import { toLine } from './item.js';

export const DEFAULT_OUT = join(import.meta.dirname, 'qa-shadow.jsonl');

/** The file's whole text: one item per line, a newline at the end. */
export function renderShadowSet(paths: DataPaths = defaultPaths()): string {
  return `${buildShadowSet(loadContext(paths)).map(toLine).join('\n')}\n`;
}

function main(argv: string[]): number {
  const out = resolve(argv[0] ?? DEFAULT_OUT);
  const paths = defaultPaths();
  const missing = missingData(paths);
  if (missing) {
    console.error(
      `shadow set: ${missing} is missing; point IBRAIN_SHARED_DATA or IBRAIN_DEMO_DATA at the data`,
    );
    return 2;
  }
  try {
    const text = renderShadowSet(paths);
    writeFileSync(out, text);
    console.log(`wrote ${text.split('\n').length - 1} questions to ${out}`);
    return 0;
  } catch (error) {
    // A failed lookup means the data changed under a question: say which, write nothing.
    console.error((error as Error).message);
    return 1;
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href)
  process.exitCode = main(process.argv.slice(2));
