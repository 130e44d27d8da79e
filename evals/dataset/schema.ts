import { z } from 'zod';

/**
 * Longest string any field may hold. Evidence chunks and answers are a few thousand characters;
 * anything far beyond that is a mistake (a whole document pasted in) that would slow the scorer.
 */
export const MAX_STRING = 100_000;
/** Most contexts or citations one item may carry, for the same reason. */
export const MAX_LIST = 200;

const text = z.string().max(MAX_STRING, `longer than ${MAX_STRING} characters`);
const id = z.string().min(1).max(200);

/** A piece of evidence. `relevant` is a human label; without it relevance is judged against the reference. */
export const ContextSchema = z.union([
  text,
  z.object({ id, text, source: z.string().max(2000).optional(), relevant: z.boolean().optional() }),
]);

/** What an answer cites: a context id, or the cited text itself (with the id the answer's markers use). */
export const CitationSchema = z.union([
  id,
  z.object({ id, text: text.optional(), source: z.string().max(2000).optional() }),
]);

/**
 * One line of an eval dataset. `reference` is the gold answer; items tagged `unanswerable` expect
 * the answer to say the data does not hold it. `answer`, `contexts` and `citations` come from the
 * system under test (or are filled in by the runner). `intent` groups the report's tables.
 */
export const EvalItemSchema = z.object({
  id,
  question: text.min(1),
  reference: text.optional(),
  expected_entities: z.array(z.string().min(1).max(500)).max(MAX_LIST).optional(),
  answer: text.optional(),
  contexts: z.array(ContextSchema).max(MAX_LIST).optional(),
  citations: z.array(CitationSchema).max(MAX_LIST).optional(),
  intent: z.string().max(100).optional(),
  tags: z.array(z.string().min(1).max(100)).max(50).default([]),
});
export type EvalItem = z.infer<typeof EvalItemSchema>;
export type Context = z.infer<typeof ContextSchema>;
export type Citation = z.infer<typeof CitationSchema>;

/** The tag marking a question the data cannot answer: the right answer is a refusal. */
export const UNANSWERABLE = 'unanswerable';
