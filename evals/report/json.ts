import type { ItemError } from '../dataset/load.js';
import type { ScoreResult } from '../score.js';

/** The machine-readable report: `{items: [{id, scores}], summary}`, plus the lines skipped as malformed. */
export interface JsonReport extends ScoreResult {
  suite?: string;
  skipped: ItemError[];
}

export function jsonReport(result: ScoreResult, skipped: readonly ItemError[], suite?: string): JsonReport {
  return { ...(suite ? { suite } : {}), items: result.items, summary: result.summary, skipped: [...skipped] };
}
