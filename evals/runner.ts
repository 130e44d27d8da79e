import { z } from 'zod';
import type { Engine } from '../engine/container.js';
import { UserError } from '../engine/errors.js';
import { PrincipalSchema, PUBLIC_PRINCIPAL } from '../knowledge-graph/schema/index.js';
import { type Answerer, askAnswerer, searchAnswerer } from './answerers.js';
import { findSuite, SUITES, type Suite, suiteItems } from './catalog.js';
import type { ItemError } from './dataset/load.js';
import type { EvalItem } from './dataset/schema.js';
import type { Judge } from './metrics/judge.js';
import { type ScoreOptions, type ScoreResult, scoreItems } from './score.js';

export const RunOptionsSchema = z.object({
  /** Keep only items carrying this tag (e.g. `heldout`, `ci`). */
  split: z.string().min(1).max(100).optional(),
  /** Score only the first n items: a quick look. */
  limit: z.number().int().positive().max(100_000).optional(),
  /** Who asks. Public by default, so a report never shows data that needs a grant. */
  principal: PrincipalSchema.optional(),
});
export type RunOptions = z.input<typeof RunOptionsSchema>;

export interface SuiteRun extends ScoreResult {
  suite: string;
  mode: Suite['mode'];
  /** The items with the system's answers and evidence filled in, for reports. */
  answered: EvalItem[];
  /** Dataset lines skipped as malformed. */
  skipped: ItemError[];
  seconds: number;
}

/**
 * Runs the engine over a suite's questions and scores what comes back. The engine must already
 * hold the suite's corpus (`withSuiteEngine` makes one that does).
 */
export async function runSuite(
  engine: Engine,
  suite: Suite | string,
  options: RunOptions = {},
  scoring: { options?: ScoreOptions; judge?: Judge; onItem?: (done: number, total: number) => void } = {},
): Promise<SuiteRun> {
  const started = performance.now();
  const resolved = typeof suite === 'string' ? suiteNamed(suite) : suite;
  const opts = RunOptionsSchema.parse(options);
  const principal = opts.principal ?? PUBLIC_PRINCIPAL;
  const answerer: Answerer =
    resolved.mode === 'ask' ? await askAnswerer(engine, principal) : await searchAnswerer(engine, principal);
  const { items, errors } = await suiteItems(resolved, opts.split);
  const selected = opts.limit ? items.slice(0, opts.limit) : items;
  if (selected.length === 0)
    throw new UserError(`suite ${resolved.name} has no items${opts.split ? ` tagged ${opts.split}` : ''}`);
  const answered: EvalItem[] = [];
  for (const item of selected) {
    const got = await answerer(item.question);
    // The dataset's intent labels the question; the engine's fills in where it has none.
    answered.push({ ...item, ...got, ...(item.intent ? { intent: item.intent } : {}) });
    scoring.onItem?.(answered.length, selected.length);
  }
  const result = await scoreItems(answered, scoring.options, scoring.judge);
  return {
    suite: resolved.name,
    mode: resolved.mode,
    ...result,
    answered,
    skipped: errors,
    seconds: Math.round((performance.now() - started) / 10) / 100,
  };
}

export function suiteNamed(name: string): Suite {
  const suite = findSuite(name);
  if (!suite)
    throw new UserError(`unknown suite "${name}"; available: ${SUITES.map((s) => s.name).join(', ')}`);
  return suite;
}
