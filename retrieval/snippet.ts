import type { Tokenizer } from './tokenize.js';

/** What highlighting needs: word spans (a caller's lens, or the shared tokenizer). */
export type SpanSource = Pick<Tokenizer, 'spans'>;

export const MARK_OPEN = '【';
export const MARK_CLOSE = '】';

/**
 * The window of `text` densest in query terms, with those terms wrapped in 【】 (plain-text
 * marks: safe in a terminal, JSON and HTML alike).
 */
export function highlight(
  text: string,
  queryTokens: ReadonlySet<string>,
  tokenizer: SpanSource,
  width = 160,
): string {
  const spans = tokenizer.spans(text).filter((s) => queryTokens.has(s.token));
  if (spans.length === 0) return ellipsis(text, 0, width);
  let bestStart = 0;
  let bestCount = -1;
  for (let i = 0; i < spans.length; i++) {
    let count = 0;
    for (let j = i; j < spans.length && spans[j]!.end <= spans[i]!.start + width; j++) count++;
    if (count > bestCount) {
      bestCount = count;
      bestStart = spans[i]!.start;
    }
  }
  const from = Math.max(0, bestStart - 20);
  const to = Math.min(text.length, from + width);
  let out = '';
  let at = from;
  for (const s of spans) {
    if (s.start < from || s.end > to) continue;
    out += text.slice(at, s.start) + MARK_OPEN + text.slice(s.start, s.end) + MARK_CLOSE;
    at = s.end;
  }
  out += text.slice(at, to);
  return `${from > 0 ? '…' : ''}${out}${to < text.length ? '…' : ''}`;
}

function ellipsis(text: string, from: number, width: number): string {
  return text.slice(from, from + width) + (text.length > from + width ? '…' : '');
}
