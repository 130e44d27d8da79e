import type { DevItem } from './dataset.js';

/** The set's normalisation: NFKC, lower case, no whitespace. */
export function normalise(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/gu, '');
}

export interface DevVerdict {
  pass: boolean;
  hits: string[];
  /** `expect_none_of` strings the answer contains. */
  forbidden: string[];
  cited: boolean;
  /** Why it failed, in words, when it did. */
  reason?: string;
}

/**
 * The development set's scoring rule (../shared/evals/README.md): enough distinct keys occur in the
 * answer, none of the forbidden strings does, and the answer cites something unless it is a refusal.
 * A key containing another key is not counted beside it, so one mention never counts twice.
 */
export function scoreDevItem(item: DevItem, answer: string, citations: number): DevVerdict {
  const text = normalise(answer);
  const keys = [...new Set(item.expect_any_of.map(normalise))].filter((k) => k !== '');
  const distinct = keys.filter((k) => !keys.some((other) => other !== k && k.includes(other)));
  const hits = distinct.filter((k) => text.includes(k));
  const forbidden = (item.expect_none_of ?? []).filter((k) => text.includes(normalise(k)));
  const cited = item.refusal || citations > 0;
  const reasons: string[] = [];
  if (hits.length < item.min_hits) reasons.push(`${hits.length}/${item.min_hits} keys`);
  if (forbidden.length) reasons.push(`says ${forbidden.join(', ')}`);
  if (!cited) reasons.push('no citation');
  return {
    pass: reasons.length === 0,
    hits,
    forbidden,
    cited,
    ...(reasons.length ? { reason: reasons.join('; ') } : {}),
  };
}
