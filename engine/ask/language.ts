import type { Language } from './schema.js';

const HAN = /\p{Script=Han}/gu;
const LATIN_WORD = /[A-Za-z]{2,}/g;

export interface LanguageGuess {
  language: Language;
  /** Both scripts carry words (entity names aside). */
  mixed: boolean;
}

/**
 * The answer language: Chinese unless the question is mostly English. Entity names are left out
 * first (`masked` spans), so "Who produces 电解液?" is English and "宁德时代 supplier 有哪些" Chinese.
 * A Chinese word is about two characters, so an English word counts as two Han characters.
 */
export function detectLanguage(
  question: string,
  masked: ReadonlyArray<{ start: number; end: number }> = [],
): LanguageGuess {
  let text = '';
  let at = 0;
  for (const span of [...masked].sort((a, b) => a.start - b.start)) {
    if (span.start < at) continue;
    text += `${question.slice(at, span.start)} `;
    at = span.end;
  }
  text += question.slice(at);
  const han = text.match(HAN)?.length ?? 0;
  const english = (text.match(LATIN_WORD)?.length ?? 0) * 2;
  return { language: english > han ? 'en' : 'zh', mixed: han > 0 && english > 0 };
}
