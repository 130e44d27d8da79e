import type { NodeType } from '../../../knowledge-graph/schema/index.js';
import type { IntentParams } from '../intents.js';
import type { Intent } from '../schema.js';

/** One listed thing in an answer, with its citation marker ("[3]") already assigned. */
export interface Row {
  name: string;
  cite: string;
  value?: number;
  depth?: number;
  via?: string;
  relation?: string;
  members?: string[];
}

/**
 * What an answer says, language-neutral: the composer fills it from the tools' outputs and the
 * Chinese or English writer turns it into sentences.
 */
export interface AnswerView {
  intent: Intent;
  answered: boolean;
  subject?: { name: string; type: NodeType };
  second?: string;
  total: number;
  rows: Row[];
  /** The marker of the citation for the list as a whole (its count and the rows shown). */
  listCite?: string;
  params: IntentParams;
  filters?: { product?: string; industry?: string; region?: string };
  groupBy?: string;
  path?: {
    steps: Array<{ name: string; relation?: string; forward?: boolean }>;
    cite: string;
    hops: number;
    more: number;
  };
  docs?: Array<{ title: string; docNo?: string; text: string; cite: string }>;
  identity?: { text: string; cite: string; props: Record<string, unknown>; counts: Record<string, number> };
  series?: Array<{ text: string; cite: string }>;
  risk?: { score: number; level: string; factors: Array<{ text: string; cite: string }> };
  scenario?: {
    shocks: string[];
    products: number;
    enterprises: number;
    top: Array<{ name: string; impact: number }>;
  };
  /** Names the question used that match nothing the caller may see. */
  unknown: string[];
  /** Why a tool found nothing (its note), for the unanswered sentence. */
  note?: string;
  /** What is known nearby when the data does not answer: facts about the subject, or documents. */
  nearby?: AnswerView;
  truncated: boolean;
}

export interface Writer {
  write(view: AnswerView): string;
}
