import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';

let jieba: Jieba | undefined;

/**
 * Where jieba's general dictionary puts word boundaries in a text: a name that starts inside an
 * ordinary word ("两种树脂" → 种树脂) is less likely meant than one that starts on a boundary.
 */
export function wordsOf(text: string): { starts: ReadonlySet<number>; words: ReadonlySet<string> } {
  jieba ??= Jieba.withDict(dict);
  const starts = new Set<number>();
  const words = new Set<string>();
  let at = 0;
  for (const w of jieba.cut(text, true)) {
    starts.add(at);
    words.add(w);
    at += w.length;
  }
  starts.add(at);
  return { starts, words };
}
