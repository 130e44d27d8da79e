import { readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { type ItemError, loadItems } from './dataset/load.js';
import type { EvalItem } from './dataset/schema.js';

/**
 * Where a suite's answers come from: `ask` runs the engine's ask; `retrieve` runs hybrid search
 * only, so just the context metrics apply.
 */
export const SuiteModeSchema = z.enum(['ask', 'retrieve']);
/**
 * What the engine must hold: `demo` (the shipped demo graph and policies, in a fresh data
 * directory), `shared-policies` (../shared/data/policies, in a fresh data directory) or
 * `configured` (whatever the configured engine holds).
 */
export const CorpusSchema = z.enum(['demo', 'shared-policies', 'configured']);

export const SuiteSchema = z.object({
  name: z.string(),
  description: z.string(),
  /** A JSON-lines file, or a folder of them, relative to evals/. */
  dataset: z.string(),
  corpus: CorpusSchema,
  mode: SuiteModeSchema,
});
export type Suite = z.infer<typeof SuiteSchema>;

export const SUITES: readonly Suite[] = [
  {
    name: 'demo',
    description: 'policy questions over the shipped demo data, answered by the engine’s ask',
    dataset: 'datasets/demo/policies.jsonl',
    corpus: 'demo',
    mode: 'ask',
  },
  {
    name: 'demo-retrieval',
    description: 'the demo questions through hybrid search only (context metrics)',
    dataset: 'datasets/demo/policies.jsonl',
    corpus: 'demo',
    mode: 'retrieve',
  },
  {
    name: 'retrieval',
    description: 'the retrieval issue’s policy questions over ../shared/data/policies, search only',
    dataset: 'datasets/retrieval/policies.jsonl',
    corpus: 'shared-policies',
    mode: 'retrieve',
  },
  {
    name: 'qa-demo',
    description: 'the ask issue’s demo question set over the shipped demo data, answered by ask',
    dataset: 'datasets/qa/demo.jsonl',
    corpus: 'demo',
    mode: 'ask',
  },
  {
    name: 'qa',
    description: 'the ask issue’s question set, answered by the configured engine',
    dataset: 'datasets/qa',
    corpus: 'configured',
    mode: 'ask',
  },
];

const EVALS_DIR = dirname(fileURLToPath(import.meta.url));

export function findSuite(name: string): Suite | undefined {
  return SUITES.find((s) => s.name === name);
}

/** A suite's items, with the lines skipped as malformed; `split` keeps items carrying that tag. */
export async function suiteItems(
  suite: Suite,
  split?: string,
): Promise<{ items: EvalItem[]; errors: ItemError[] }> {
  const path = join(EVALS_DIR, suite.dataset);
  const files = statSync(path, { throwIfNoEntry: false })?.isDirectory()
    ? readdirSync(path)
        .filter((f) => f.endsWith('.jsonl'))
        .sort()
        .map((f) => join(path, f))
    : [path];
  const items: EvalItem[] = [];
  const errors: ItemError[] = [];
  for (const file of files) {
    const loaded = await loadItems(file);
    items.push(...loaded.items);
    errors.push(...loaded.errors.map((e) => ({ ...e, message: `${file}: ${e.message}` })));
  }
  return { items: split ? items.filter((i) => i.tags.includes(split)) : items, errors };
}
