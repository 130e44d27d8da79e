import { dateCovers, type Fact } from './facts.js';
import { type Analysis, squash } from './text.js';

/** SQuAD-style F1 over the multisets of content tokens (numbers and dates in canonical form). */
export function tokenF1(answer: Analysis, reference: Analysis): number {
  if (answer.tokens.length === 0 || reference.tokens.length === 0) {
    return answer.tokens.length === reference.tokens.length ? 1 : 0;
  }
  const counts = new Map<string, number>();
  for (const t of reference.tokens) counts.set(t, (counts.get(t) ?? 0) + 1);
  let common = 0;
  for (const t of answer.tokens) {
    const left = counts.get(t) ?? 0;
    if (left > 0) {
      common++;
      counts.set(t, left - 1);
    }
  }
  if (common === 0) return 0;
  const precision = common / answer.tokens.length;
  const recall = common / reference.tokens.length;
  return (2 * precision * recall) / (precision + recall);
}

/** Names of the gazetteer the text mentions, leaving out names seen only inside a longer one (宗申 in 宗申动力). */
export function mentionedNames(text: string, names: readonly string[]): string[] {
  const haystack = squash(text);
  const found = [...new Set(names.map(squash))].filter((n) => n && haystack.includes(n));
  return found.filter(
    (name) =>
      !found.some(
        (longer) =>
          longer !== name && longer.includes(name) && !haystack.replaceAll(longer, '\u0000').includes(name),
      ),
  );
}

/**
 * Entity-set precision and recall: recall over the expected entities the answer names;
 * precision over the known names it mentions (the gazetteer plus the expected ones).
 */
export function entityScores(
  answer: string,
  expected: readonly string[],
  gazetteer: readonly string[],
): { precision: number | null; recall: number | null } {
  const wanted = new Set(expected.map(squash));
  const mentioned = mentionedNames(answer, [...gazetteer, ...expected]);
  const hits = mentioned.filter((n) => wanted.has(n)).length;
  return {
    precision: mentioned.length ? hits / mentioned.length : null,
    recall: wanted.size ? hits / wanted.size : null,
  };
}

/**
 * The share of the reference's numbers (and percentages) and dates the answer states, compared
 * by value after unit normalisation; a more specific date states a less specific one.
 */
export function factRecall(
  answer: readonly Fact[],
  reference: readonly Fact[],
): { number: number | null; date: number | null } {
  const key = (f: Fact) => `${f.kind}:${f.key}`;
  const stated = new Set(answer.filter((f) => f.kind !== 'date').map(key));
  const numbers = [...new Set(reference.filter((f) => f.kind !== 'date').map(key))];
  const answerDates = answer.filter((f) => f.kind === 'date').map((f) => f.key);
  const dates = [...new Set(reference.filter((f) => f.kind === 'date').map((f) => f.key))];
  return {
    number: numbers.length ? numbers.filter((k) => stated.has(k)).length / numbers.length : null,
    date: dates.length
      ? dates.filter((d) => answerDates.some((a) => dateCovers(a, d))).length / dates.length
      : null,
  };
}

/** Weight of the key facts (numbers, dates, entities) against wording, as answer correctness in RAGAS. */
const FACT_WEIGHT = 0.75;

/**
 * The headline correctness: when the reference states key facts, 0.75 × their mean recall +
 * 0.25 × token F1, so a paraphrase with the right facts scores near a verbatim answer; token F1
 * alone when it states none.
 */
export function answerCorrectness(f1: number, keyFacts: ReadonlyArray<number | null>): number {
  const present = keyFacts.filter((s): s is number => s !== null);
  if (present.length === 0) return f1;
  const mean = present.reduce((a, b) => a + b, 0) / present.length;
  return FACT_WEIGHT * mean + (1 - FACT_WEIGHT) * f1;
}
