import { mentionedNames } from './correctness.js';
import { type Evidence, resolveMarker } from './evidence.js';
import { dateCovers, type Fact } from './facts.js';
import { type Analysis, MARKER, sentences, squash, type TextAnalyzer } from './text.js';

export interface SentenceSupport {
  text: string;
  supported: boolean;
  /** The evidence that supports it. */
  by?: string;
}

export interface FaithfulnessInput {
  answer: string;
  cited: readonly Evidence[];
  contexts: readonly Evidence[];
  gazetteer: readonly string[];
  /** Share of a sentence's content tokens the evidence must hold. */
  threshold: number;
}

/**
 * Faithfulness: the share of answer sentences supported by evidence the answer cites — by the
 * sentence's own markers when it has any, else by any citation. A sentence is supported when one
 * piece of evidence holds `threshold` of its content tokens, every number and date it states and
 * every known entity it names. Sentences without content (a heading, a bare marker) are not
 * counted; null when none is left.
 */
export function faithfulness(
  input: FaithfulnessInput,
  analyzer: TextAnalyzer,
): { score: number | null; sentences: SentenceSupport[] } {
  const results: SentenceSupport[] = [];
  for (const { text, markers } of withMarkers(input.answer)) {
    const analysis = analyzer.analyse(text);
    if (analysis.tokens.length === 0) continue;
    const pointed = markers
      .map((m) => resolveMarker(m, input.cited, input.contexts))
      .filter((e): e is Evidence => e !== undefined);
    // A sentence listing several facts, each with its own marker, is supported by its citations together.
    const joint =
      pointed.length > 1
        ? [{ id: pointed.map((e) => e.id).join('+'), text: pointed.map((e) => e.text).join('\n') }]
        : [];
    const candidates = pointed.length ? [...pointed, ...joint] : input.cited;
    const names = mentionedNames(text, input.gazetteer);
    const by = candidates.find((e) => supports(analysis, names, e, analyzer, input.threshold));
    results.push({ text, supported: by !== undefined, ...(by ? { by: by.id } : {}) });
  }
  if (results.length === 0) return { score: null, sentences: results };
  return { score: results.filter((s) => s.supported).length / results.length, sentences: results };
}

function supports(
  sentence: Analysis,
  names: readonly string[],
  evidence: Evidence,
  analyzer: TextAnalyzer,
  threshold: number,
): boolean {
  if (!evidence.text) return false;
  const context = analyzer.analyse(evidence.text);
  if (!sentence.facts.every((f) => holds(context.facts, f))) return false;
  const flat = squash(evidence.text);
  if (!names.every((n) => flat.includes(n))) return false;
  let found = 0;
  for (const token of sentence.tokenSet) if (context.tokenSet.has(token)) found++;
  return found / sentence.tokenSet.size >= threshold;
}

function holds(facts: readonly Fact[], fact: Fact): boolean {
  return facts.some(
    (f) => f.kind === fact.kind && (f.key === fact.key || (f.kind === 'date' && dateCovers(f.key, fact.key))),
  );
}

/**
 * Sentences with the markers they carry. Markers written after the full stop (…大脑。[1]) open
 * the next piece after splitting; they belong to the sentence before.
 */
function withMarkers(answer: string): Array<{ text: string; markers: string[] }> {
  const out: Array<{ text: string; markers: string[] }> = [];
  for (const piece of sentences(answer)) {
    const leading = /^[\s”’"'」』）)]*(?:\s*(?:\[[^\]]{1,80}\]|【[^】]{1,40}】))+/u.exec(piece)?.[0] ?? '';
    const previous = out.at(-1);
    if (leading && previous) previous.markers.push(...markersIn(leading));
    const rest = piece.slice(leading.length);
    if (rest.trim()) out.push({ text: rest, markers: markersIn(rest) });
  }
  return out;
}

function markersIn(text: string): string[] {
  return [...text.matchAll(MARKER)].flatMap((m) => (m[1] ?? m[2] ?? '').split(',').map((s) => s.trim()));
}
