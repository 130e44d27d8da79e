import { z } from 'zod';
import { NodeTypeSchema, PrincipalSchema } from '../../knowledge-graph/schema/index.js';
import { PlanSchema } from './plan/types.js';

/**
 * The ask contract: requests, results and stream events as zod schemas, so the API derives its
 * OpenAPI from the same definitions the engine validates against.
 */

export const LANGUAGES = ['zh', 'en'] as const;
export const LanguageSchema = z.enum(LANGUAGES);
export type Language = z.infer<typeof LanguageSchema>;

/** What an answer is, by the last operator of its plan (or a refusal): an API client can branch on it. */
export const INTENTS = [
  'entity',
  'lookup',
  'relation',
  'chain',
  'filter',
  'top',
  'count',
  'combine',
  'compare',
  'edgeValue',
  'path',
  'scan',
  'degree',
  'aggregate',
  'documents',
  'series',
  'forecast',
  'risk',
  'scenario',
  'refusal',
] as const;
export const IntentSchema = z.enum(INTENTS);
export type Intent = z.infer<typeof IntentSchema>;

/** Longest question accepted; longer ones are cut here (said in the trace), never rejected silently. */
export const MAX_QUESTION_CHARS = 2_000;

export const AskRequestSchema = z.object({
  question: z
    .string()
    .trim()
    .min(1, 'the question is empty; ask about an enterprise, product, industry, region or policy')
    .max(10_000, 'the question is longer than 10,000 characters; shorten it to the part you want answered'),
  lang: LanguageSchema.optional(),
  k: z.number().int().min(1).max(50).optional(),
  stream: z.boolean().optional(),
});
export type AskRequest = z.infer<typeof AskRequestSchema>;

export const AskOptionsSchema = z.object({
  principal: PrincipalSchema,
  /** Answer language; by default the question's. */
  lang: LanguageSchema.optional(),
  /** Documents to retrieve for policy questions (default 5). */
  k: z.number().int().min(1).max(50).optional(),
  stream: z.boolean().optional(),
});
export type AskOptions = z.input<typeof AskOptionsSchema>;

export const LinkedEntitySchema = z.object({
  id: z.string(),
  name: z.string(),
  type: NodeTypeSchema,
  /** The words of the question that named it. */
  mention: z.string(),
  start: z.number().int(),
  end: z.number().int(),
  /** 1 for an exact name or stock code; lower for aliases and for a pick among several candidates. */
  confidence: z.number().min(0).max(1),
  /** Other entities the same words could mean, when it was a pick. */
  alternatives: z.array(z.object({ id: z.string(), name: z.string(), type: NodeTypeSchema })).default([]),
  /** The same company under other spellings in the data (news graphs keep 长安 and 长安汽车 apart). */
  members: z.array(z.object({ id: z.string(), name: z.string() })).optional(),
});
export type LinkedEntity = z.infer<typeof LinkedEntitySchema>;

/** What a piece of evidence is: where it comes from, what it says, and the record it stands for. */
export const SourcedTextSchema = z.object({
  /** Dataset and record (`chainkg company_product.jsonl:1234`), or the document's file name. */
  source: z.string(),
  text: z.string(),
  nodeId: z.string().optional(),
  edgeId: z.string().optional(),
  docId: z.string().optional(),
  chunkId: z.string().optional(),
  seriesId: z.string().optional(),
});

export const CitationSchema = SourcedTextSchema.extend({
  /** The n of an [n] marker in the answer. */
  id: z.number().int().positive(),
});
export type Citation = z.infer<typeof CitationSchema>;

export const FactSchema = z.object({
  subject: z.object({ id: z.string(), name: z.string() }),
  relation: z.string(),
  object: z.object({ id: z.string(), name: z.string() }).optional(),
  value: z.union([z.string(), z.number()]).optional(),
  citation: z.number().int().positive().optional(),
});
export type Fact = z.infer<typeof FactSchema>;

export const PathSchema = z.object({
  nodes: z.array(z.object({ id: z.string(), name: z.string(), type: NodeTypeSchema })),
  edges: z.array(z.object({ id: z.string(), type: z.string(), from: z.string(), to: z.string() })),
});
export type AnswerPath = z.infer<typeof PathSchema>;

export const TraceStepSchema = z.object({
  step: z.string(),
  detail: z.string(),
  tool: z.string().optional(),
  input: z.record(z.string(), z.unknown()).optional(),
});
export type TraceStep = z.infer<typeof TraceStepSchema>;

export const UsageSchema = z.object({
  inputTokens: z.number().int().nonnegative(),
  outputTokens: z.number().int().nonnegative(),
  totalTokens: z.number().int().nonnegative(),
  calls: z.number().int().nonnegative(),
});
export type Usage = z.infer<typeof UsageSchema>;

export const AskResultSchema = z.object({
  answer: z.string(),
  language: LanguageSchema,
  intent: IntentSchema,
  /** The plan of operators the answer came from: the question as composable steps. */
  plan: PlanSchema,
  /** Whether the data answered the question (false: the answer says so and what is known nearby). */
  answered: z.boolean(),
  mode: z.enum(['offline', 'llm']),
  entities: z.array(LinkedEntitySchema),
  citations: z.array(CitationSchema),
  facts: z.array(FactSchema),
  paths: z.array(PathSchema),
  data: z.record(z.string(), z.unknown()),
  trace: z.array(TraceStepSchema),
  usage: UsageSchema.optional(),
});
export type AskResult = z.infer<typeof AskResultSchema>;

/** What the streaming variant yields: answer text as it forms, then citations, then the whole result. */
export const AskEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('token'), text: z.string() }),
  z.object({ type: z.literal('citations'), citations: z.array(CitationSchema) }),
  z.object({ type: z.literal('done'), result: AskResultSchema }),
]);
export type AskEvent = z.infer<typeof AskEventSchema>;
