import type { EvalItem } from '../dataset/schema.js';
import { HEADLINE } from '../metrics/names.js';
import type { ItemScore } from '../score.js';

/** Below this a headline score marks the item as failed in reports. */
export const FAIL_BELOW = 0.5;

export interface Failure {
  item: EvalItem;
  score: ItemScore;
  /** The headline metrics that fell below the line. */
  failed: string[];
}

export function failures(items: readonly EvalItem[], scores: readonly ItemScore[]): Failure[] {
  const out: Failure[] = [];
  scores.forEach((score, i) => {
    const failed = HEADLINE.filter((m) => {
      const value = score.scores[m];
      return typeof value === 'number' && value < FAIL_BELOW;
    });
    if (failed.length) out.push({ item: items[i]!, score, failed });
  });
  return out;
}
