import { z } from 'zod';

export interface ChatMessage {
  role: 'system' | 'user';
  content: string;
}

/** One chat completion: messages in, the model's text out. Any provider fits behind it. */
export type ChatFn = (messages: ChatMessage[]) => Promise<string>;

export interface JudgeInput {
  question: string;
  answer: string;
  reference?: string;
  contexts: readonly string[];
}

/** An optional model-graded score in [0, 1], reported beside the deterministic metrics, never instead of them. */
export interface Judge {
  score(input: JudgeInput): Promise<number | null>;
}

const VerdictSchema = z.object({ score: z.number().min(0).max(1) });

const SYSTEM = [
  'You grade answers of an industry-insight system. Chinese and English answers are graded alike.',
  'Score 1 when the answer states the reference facts (numbers, dates, names) and claims nothing the evidence does not support;',
  '0 when it is wrong or unsupported; partial credit in between. A refusal is correct only when the reference is absent and the evidence does not answer the question.',
  'Reply with JSON only: {"score": <number between 0 and 1>}',
].join(' ');

/** Evidence beyond this many characters is cut: the judge needs the gist, and prompts cost. */
const EVIDENCE_CHARS = 6000;

/** A judge asking a chat model for a score. A reply that is not a valid verdict scores null, never 0. */
export function llmJudge(chat: ChatFn): Judge {
  return {
    async score(input) {
      const evidence = input.contexts
        .map((c, i) => `[${i + 1}] ${c}`)
        .join('\n')
        .slice(0, EVIDENCE_CHARS);
      const user = [
        `Question: ${input.question}`,
        `Reference: ${input.reference ?? '(none: the data may not answer this)'}`,
        `Evidence:\n${evidence || '(none)'}`,
        `Answer: ${input.answer}`,
      ].join('\n\n');
      const reply = await chat([
        { role: 'system', content: SYSTEM },
        { role: 'user', content: user },
      ]);
      return parseVerdict(reply);
    },
  };
}

export function parseVerdict(reply: string): number | null {
  const json = /\{[^{}]*\}/u.exec(reply)?.[0];
  if (!json) return null;
  try {
    const verdict = VerdictSchema.safeParse(JSON.parse(json));
    return verdict.success ? verdict.data.score : null;
  } catch {
    return null;
  }
}
