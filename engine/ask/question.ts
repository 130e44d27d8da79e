import * as OpenCC from 'opencc-js/t2cn';
import { detectLanguage } from './language.js';
import { type Language, MAX_QUESTION_CHARS } from './schema.js';

const toSimplified = OpenCC.Converter({ from: 't', to: 'cn' });

export interface Question {
  /** As asked (cut to MAX_QUESTION_CHARS). */
  raw: string;
  /**
   * What linking and planning read: NFKC (full-width forms folded), traditional characters as
   * simplified, and no spaces between Chinese characters ("海 天 味 业" → "海天味业").
   */
  text: string;
  truncated: boolean;
}

export function normaliseQuestion(input: string): Question {
  const trimmed = input.trim();
  const truncated = trimmed.length > MAX_QUESTION_CHARS;
  const raw = truncated ? trimmed.slice(0, MAX_QUESTION_CHARS) : trimmed;
  const text = toSimplified(raw.normalize('NFKC'))
    .replace(/(?<=\p{Script=Han})\s+(?=\p{Script=Han})/gu, '')
    .replace(/\s+/g, ' ');
  return { raw, text, truncated };
}

/** The answer language: the one asked for, else the question's (entity names left out). */
export function languageOf(
  q: Question,
  masked: ReadonlyArray<{ start: number; end: number }>,
  asked?: Language,
): { language: Language; mixed: boolean } {
  const guess = detectLanguage(q.text, masked);
  return { language: asked ?? guess.language, mixed: guess.mixed };
}
