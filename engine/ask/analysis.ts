import type { Principal } from '../../knowledge-graph/schema/index.js';
import { classify, type IntentParams } from './intents.js';
import { detectLanguage } from './language.js';
import type { EntityDictionary } from './linking.js';
import { type Intent, type Language, type LinkedEntity, MAX_QUESTION_CHARS } from './schema.js';

export interface Analysis {
  /** The question as analysed (cut to MAX_QUESTION_CHARS). */
  question: string;
  truncated: boolean;
  language: Language;
  mixed: boolean;
  entities: LinkedEntity[];
  /** Stock codes and the like that matched nothing the caller may see. */
  unknown: Array<{ text: string; start: number; end: number }>;
  intent: Intent;
  params: IntentParams;
  rule: string;
}

/** Question → language, linked entities and intent, all by rules (deterministic, no network). */
export function analyse(
  raw: string,
  principal: Principal,
  dictionary: EntityDictionary,
  lang?: Language,
): Analysis {
  const trimmed = raw.trim();
  const truncated = trimmed.length > MAX_QUESTION_CHARS;
  const question = truncated ? trimmed.slice(0, MAX_QUESTION_CHARS) : trimmed;
  const { entities, unknown } = dictionary.link(question, principal);
  const guess = detectLanguage(question, entities);
  const { intent, params, rule } = classify(question, entities);
  return {
    question,
    truncated,
    language: lang ?? guess.language,
    mixed: guess.mixed,
    entities,
    unknown,
    intent,
    params,
    rule,
  };
}
