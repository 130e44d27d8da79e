import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import { STOPWORDS } from './stopwords.js';

/**
 * Word tokens for BM25: jieba (search mode, so 产业大脑 also yields 产业 and 大脑) over Chinese,
 * with the graph's entity names and aliases added as a user dictionary so 宗申动力 or 忽米网
 * stay whole; lower-cased, lightly stemmed words for English; stopwords and punctuation dropped.
 */
export class Tokenizer {
  private readonly jieba: Jieba;
  /** Identifies the user dictionary; postings made with another dictionary may tokenise differently. */
  readonly dictionaryId: string;

  constructor(userWords: Iterable<string> = []) {
    this.jieba = Jieba.withDict(dict);
    const words = [
      ...new Set(Array.from(userWords, (w) => w.trim()).filter((w) => w.length >= 2 && !/\s/.test(w))),
    ].sort();
    if (words.length) this.jieba.loadDict(Buffer.from(words.map((w) => `${w} 100000 n`).join('\n')));
    this.dictionaryId = `jieba:${words.length}`;
  }

  tokens(text: string): string[] {
    const out: string[] = [];
    for (const raw of this.jieba.cutForSearch(text.normalize('NFKC'), true)) {
      const token = normalise(raw);
      if (token && !STOPWORDS.has(token)) out.push(token);
    }
    return out;
  }

  /** Tokens as they occur, with their character offsets (for highlighting). */
  spans(text: string): Array<{ token: string; start: number; end: number }> {
    const out: Array<{ token: string; start: number; end: number }> = [];
    let at = 0;
    for (const raw of this.jieba.cut(text, true)) {
      const start = at;
      at += raw.length;
      const token = normalise(raw);
      if (token && !STOPWORDS.has(token)) out.push({ token, start, end: at });
    }
    return out;
  }
}

const WORDISH = /[\p{L}\p{N}]/u;

function normalise(raw: string): string | undefined {
  const token = raw.trim().toLowerCase();
  if (!token || !WORDISH.test(token)) return undefined;
  return /^[a-z]+$/.test(token) ? stem(token) : token;
}

/** Just enough English stemming for plurals and -ing/-ed to meet their stems. */
function stem(word: string): string {
  if (word.length <= 3) return word;
  if (word.endsWith('ies') && word.length > 4) return `${word.slice(0, -3)}y`;
  if (word.endsWith('ing') && word.length > 5) return word.slice(0, -3);
  if (word.endsWith('ed') && word.length > 4) return word.slice(0, -2);
  if (word.endsWith('s') && !word.endsWith('ss') && !word.endsWith('us')) return word.slice(0, -1);
  return word;
}
