import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';

let jieba: Jieba | undefined;

/**
 * Where jieba's general dictionary puts word boundaries in a text: a name that starts inside an
 * ordinary word ("两种树脂" → 种树脂) is less likely meant than one that starts on a boundary.
 */
export function wordsOf(
  text: string,
  guessUnknown = true,
): {
  starts: ReadonlySet<number>;
  words: ReadonlySet<string>;
  spans: ReadonlyArray<{ start: number; end: number }>;
} {
  jieba ??= Jieba.withDict(dict);
  const starts = new Set<number>();
  const words = new Set<string>();
  const spans: Array<{ start: number; end: number }> = [];
  let at = 0;
  // Without the HMM guesser, characters no dictionary word covers come out one by one.
  for (const w of jieba.cut(text, guessUnknown)) {
    starts.add(at);
    words.add(w);
    spans.push({ start: at, end: at + w.length });
    at += w.length;
  }
  starts.add(at);
  return { starts, words, spans };
}

/** Every word jieba's search mode finds in a text (long words and the words inside them). */
export function searchWords(text: string): string[] {
  jieba ??= Jieba.withDict(dict);
  return jieba
    .cutForSearch(text.normalize('NFKC'), true)
    .map((w) => w.trim().toLowerCase())
    .filter(Boolean);
}
