import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type DataPaths, defaultPaths, loadContext, missingData } from '../shadow/context.js';
import { toLine } from '../shadow/item.js';
import { buildSecondSet } from './build.js';
import type { SecondItem } from './collect.js';

export const DEFAULT_OUT = join(import.meta.dirname, 'qa-shadow2.jsonl');

/** The questions with the entities each one asks about (the file does not carry the latter). */
export function secondSet(paths: DataPaths = defaultPaths()): SecondItem[] {
  return buildSecondSet(loadContext(paths));
}

/** The file's whole text: one item per line, a newline at the end. */
export function render(items: readonly SecondItem[]): string {
  return `${items.map(({ item }) => toLine(item)).join('\n')}\n`;
}

export function renderSecondSet(paths: DataPaths = defaultPaths()): string {
  return render(secondSet(paths));
}

function main(argv: string[]): number {
  const out = resolve(argv[0] ?? DEFAULT_OUT);
  const paths = defaultPaths();
  const missing = missingData(paths);
  if (missing) {
    console.error(
      `second shadow set: ${missing} is missing; point IBRAIN_SHARED_DATA or IBRAIN_DEMO_DATA at the data`,
    );
    return 2;
  }
  try {
    const text = renderSecondSet(paths);
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
