import type { Evidence } from './evidence.js';
import { dateCovers } from './facts.js';
import type { Analysis, TextAnalyzer } from './text.js';

/**
 * The share of the reference's distinct content tokens found in the evidence; a reference date
 * counts as found when the evidence states it or a more specific date within it.
 */
export function coverage(reference: Analysis, evidence: readonly Analysis[]): number {
  if (reference.tokenSet.size === 0) return 1;
  const dates = evidence.flatMap((e) => e.facts.filter((f) => f.kind === 'date').map((f) => f.key));
  let found = 0;
  for (const token of reference.tokenSet) {
    if (evidence.some((e) => e.tokenSet.has(token))) found++;
    else if (token.startsWith('@') && dates.some((d) => dateCovers(d, token.slice(1)))) found++;
  }
  return found / reference.tokenSet.size;
}

/**
 * Whether a context is relevant: its human label when given, else whether it covers at least
 * `threshold` of the reference; undefined when there is neither.
 */
export function relevance(
  context: Evidence,
  reference: Analysis | undefined,
  analyzer: TextAnalyzer,
  threshold: number,
): boolean | undefined {
  if (context.relevant !== undefined) return context.relevant;
  if (!reference || !context.text) return reference ? false : undefined;
  return coverage(reference, [analyzer.analyse(context.text)]) >= threshold;
}

/** Context recall: how much of the reference the retrieved contexts hold together. */
export function contextRecall(
  reference: Analysis,
  contexts: readonly Evidence[],
  analyzer: TextAnalyzer,
): number {
  return coverage(
    reference,
    contexts.map((c) => analyzer.analyse(c.text)),
  );
}

/**
 * Context precision as rank-aware average precision: the mean of precision@k over the ranks k
 * holding a relevant context; 0 when none is relevant.
 */
export function contextPrecision(relevant: readonly boolean[]): number {
  let hits = 0;
  let sum = 0;
  relevant.forEach((r, i) => {
    if (!r) return;
    hits++;
    sum += hits / (i + 1);
  });
  return hits ? sum / hits : 0;
}
