import { isQuestionWord } from './common-words.js';

/** Names this long or longer may be matched with one character wrong; shorter ones are too easily other words. */
const MIN_LENGTH = 4;
const MAX_LENGTH = 8;
const HAN_RUN = /\p{Script=Han}+/gu;

export interface TypoMatch {
  id: string;
  text: string;
  start: number;
  end: number;
}

/**
 * One-character typos of enterprise and product names (伊例股份 → 伊利股份): every name of 4–8
 * Chinese characters is indexed once per position with that character masked. A stretch of the
 * question no name covers matches when exactly one name fits it with one character changed.
 */
export class TypoIndex {
  private readonly masked = new Map<string, string | null>();

  add(name: string, id: string): void {
    const chars = [...name];
    if (chars.length < MIN_LENGTH || chars.length > MAX_LENGTH || !/^\p{Script=Han}+$/u.test(name)) return;
    for (let i = 0; i < chars.length; i++) {
      const key = `${chars.slice(0, i).join('')}?${chars.slice(i + 1).join('')}`;
      const seen = this.masked.get(key);
      this.masked.set(key, seen === undefined || seen === id ? id : null);
    }
  }

  find(
    text: string,
    taken: ReadonlyArray<{ start: number; end: number }>,
    visible: (id: string) => boolean,
    /** Whether the stretch holds a character no ordinary word covers: where a typo can be. */
    irregular: (start: number, end: number) => boolean,
  ): TypoMatch[] {
    const out: TypoMatch[] = [];
    for (const run of text.matchAll(HAN_RUN)) {
      const chars = [...run[0]];
      for (let length = Math.min(MAX_LENGTH, chars.length); length >= MIN_LENGTH; length--) {
        for (let i = 0; i + length <= chars.length; i++) {
          const start = run.index + i;
          const end = start + length;
          if ([...taken, ...out].some((t) => start < t.end && t.start < end)) continue;
          const word = chars.slice(i, i + length);
          if (isQuestionWord(word.join('')) || !irregular(start, end)) continue;
          const ids = new Set<string>();
          for (let p = 0; p < length; p++) {
            const id = this.masked.get(`${word.slice(0, p).join('')}?${word.slice(p + 1).join('')}`);
            if (id === null) ids.add('\u0000ambiguous');
            else if (id) ids.add(id);
          }
          const [only] = ids;
          if (ids.size === 1 && only && !only.startsWith('\u0000') && visible(only))
            out.push({ id: only, text: word.join(''), start, end });
        }
      }
    }
    return out;
  }
}
