import { coverage } from './contexts.js';
import type { Evidence } from './evidence.js';
import type { Analysis, TextAnalyzer } from './text.js';

/** Citation precision: the share of citations that point at relevant evidence. */
export function citationPrecision(relevant: readonly boolean[]): number | null {
  return relevant.length ? relevant.filter(Boolean).length / relevant.length : null;
}

/** Citation recall: how much of the reference the cited evidence holds together. */
export function citationRecall(
  reference: Analysis,
  cited: readonly Evidence[],
  analyzer: TextAnalyzer,
): number {
  return coverage(
    reference,
    cited.filter((c) => c.text).map((c) => analyzer.analyse(c.text)),
  );
}
