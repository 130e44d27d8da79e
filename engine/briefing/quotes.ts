import { MARK_CLOSE, MARK_OPEN } from '../../retrieval/snippet.js';

/**
 * Sentences about the document rather than its subject: demo and fiction notices, disclaimers,
 * copyright and reprint lines. Matched by kind of statement, so a source's own wording of the
 * same notice is dropped too.
 */
const NOTICE_PATTERNS: readonly RegExp[] = [
  /虚构|杜撰|演示(数据|用途|文件)|示例(文件|数据|材料)|仅供(参考|演示|学习|测试)|不代表.{0,16}(真实|立场|观点|意见)|免责|版权(所有|声明)|未经.{0,8}(许可|授权).{0,8}(转载|使用)|如需转载/,
  /\b(fictional|fictitious|made[- ]up|for (demonstration|illustration|testing) (purposes )?only|illustrative only|disclaimer|do(es)? not (represent|reflect)|all rights reserved|reproduced with permission)\b/i,
];

export function isNotice(sentence: string): boolean {
  return NOTICE_PATTERNS.some((p) => p.test(sentence));
}

/** A line that titles a section or addresses a reader (一、发展目标; 某某公司：), not a statement. */
function isHeadingLine(line: string): boolean {
  if (/[：:]$/.test(line)) return true;
  if (/[。！？!?.;；]["”’」』）)]*$/.test(line)) return false;
  return line.length <= 30;
}

const SENTENCE_END = /[。！？!?.;；]["”’」』）)]*$/;
/** List markers that open a line: （一） 一、 1. 1、 (1). */
const ENUMERATOR = /^(（[一二三四五六七八九十\d]+）|[一二三四五六七八九十]+、|\d+[.．、]|\(\d+\))\s*/;
/** Shorter than this, a "sentence" is a run-in heading (做强电芯和电池系统。), not a statement. */
const MIN_SENTENCE = 12;

/** The complete sentences of a text, without headings, notices or search highlight marks. */
export function sentences(text: string, lang: 'zh' | 'en'): string[] {
  const plain = text.split(MARK_OPEN).join('').split(MARK_CLOSE).join('');
  const segmenter = new Intl.Segmenter(lang === 'zh' ? 'zh' : 'en', { granularity: 'sentence' });
  const out: string[] = [];
  for (const raw of plain.split(/\n+/)) {
    const line = raw.trim().replace(ENUMERATOR, '');
    if (!line || isHeadingLine(line)) continue;
    for (const { segment } of segmenter.segment(line)) {
      const s = segment.trim();
      if (s.length >= MIN_SENTENCE && SENTENCE_END.test(s) && !isNotice(s) && !s.startsWith('…')) out.push(s);
    }
  }
  return out;
}

/**
 * A quotable passage: the sentence that best matches the subject and the words asked about,
 * with the sentences after it while they fit in `maxChars`. It always starts and ends on a
 * sentence boundary; undefined when no sentence is about the subject or those words.
 */
export function quote(
  text: string,
  subject: string,
  words: readonly string[],
  lang: 'zh' | 'en',
  maxChars = 160,
): string | undefined {
  const list = sentences(text, lang);
  const score = (s: string) => (s.includes(subject) ? 3 : 0) + words.filter((w) => w && s.includes(w)).length;
  let best = -1;
  let bestScore = 0;
  for (const [i, s] of list.entries()) {
    const v = score(s);
    if (v > bestScore) {
      best = i;
      bestScore = v;
    }
  }
  if (best < 0) return undefined;
  const picked = [list[best]!];
  let length = picked[0]!.length;
  for (let i = best + 1; i < list.length && length + list[i]!.length <= maxChars; i++) {
    picked.push(list[i]!);
    length += list[i]!.length;
  }
  return picked.join(lang === 'zh' ? '' : ' ');
}
