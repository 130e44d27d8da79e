import { z } from 'zod';
import { EdgeTypeSchema } from '../../../knowledge-graph/schema/index.js';

/**
 * A question as a plan: an ordered list of operator steps over the graph, the documents, the
 * series and the risk layer. A step reads earlier steps by their index (`from`, `a`, `b`), so
 * "the producers of the inputs of X" is entity → chain up → relation PRODUCES in, and a comparison
 * is two such branches joined by `compare`. The rule planner and the LLM write the same plans;
 * the schemas below are the LLM's tool definitions too.
 */

const StepRef = z.number().int().min(0).describe('index of an earlier step whose result this step reads');

export const EntityStep = z.object({
  op: z.literal('entity'),
  entities: z
    .array(z.string().min(1).max(200))
    .min(1)
    .max(10)
    .describe('entity ids or names, aliases, stock codes'),
});

export const LOOKUP_ATTRIBUTES = [
  'fullName',
  'code',
  'exchange',
  'listedAt',
  'industry',
  'location',
  'products',
  'aliases',
  'issuer',
  'docNo',
  'date',
] as const;
export const LookupStep = z.object({
  op: z.literal('lookup'),
  from: StepRef,
  attributes: z
    .array(z.enum(LOOKUP_ATTRIBUTES))
    .default([])
    .describe('the facts asked for first; empty: all known facts'),
});

export const RelationStep = z.object({
  op: z.literal('relation'),
  from: StepRef,
  edge: EdgeTypeSchema,
  direction: z
    .enum(['out', 'in', 'both'])
    .describe('out: from the set along the edge; in: what points at the set'),
  /** Follow sub-industries / sub-regions / subtypes too (members of an industry or a region). */
  transitive: z.boolean().default(false),
});

export const ChainStep = z.object({
  op: z.literal('chain'),
  from: StepRef,
  direction: z
    .enum(['up', 'down'])
    .describe('up: inputs and upstream industries; down: what is made from it'),
  tiers: z.number().int().min(1).max(4).default(1),
});

export const PeriodSchema = z.object({
  from: z.iso.date().describe('first day, inclusive'),
  to: z.iso.date().describe('last day, inclusive'),
  label: z.string().optional(),
});
export type Period = z.infer<typeof PeriodSchema>;

export const FilterStep = z.object({
  op: z.literal('filter'),
  from: StepRef,
  listed: z.boolean().optional().describe('keep only listed (A-share) enterprises'),
  region: z.string().optional().describe('keep entities located in this region (sub-regions included)'),
  industry: z.string().optional(),
  exchange: z.enum(['SH', 'SZ', 'BJ']).optional(),
  listedIn: z.number().int().min(1980).max(2100).optional().describe('listing year'),
  period: PeriodSchema.optional().describe('keep relations observed in this period'),
  exclude: StepRef.optional().describe('drop the entities of this step'),
  nameContains: z.string().optional(),
  product: z.string().optional().describe('keep supply relations that carry this product (id)'),
});

export const TopStep = z.object({
  op: z.literal('top'),
  from: StepRef,
  k: z.number().int().min(1).max(50).default(1),
  order: z.enum(['desc', 'asc']).default('desc'),
});

export const CountStep = z.object({ op: z.literal('count'), from: StepRef });

export const CombineStep = z.object({
  op: z.literal('combine'),
  a: StepRef,
  b: StepRef,
  mode: z.enum(['intersect', 'union', 'difference']),
});

export const CompareStep = z.object({
  op: z.literal('compare'),
  sides: z.array(StepRef).min(2).max(6),
  measure: z.enum(['count', 'value', 'date', 'industry']).describe('what the sides are compared on'),
  order: z.enum(['desc', 'asc']).default('desc').describe('asc: the smallest or earliest wins'),
});

export const EdgeValueStep = z.object({
  op: z.literal('edgeValue'),
  from: StepRef,
  to: StepRef,
  edge: EdgeTypeSchema,
});

export const PathStep = z.object({ op: z.literal('path'), a: StepRef, b: StepRef });

export const ScanStep = z.object({
  op: z.literal('scan'),
  type: z.enum(['Enterprise', 'Industry']),
  listed: z.boolean().default(false).describe('enterprises with a stock code only'),
});

export const DegreeStep = z.object({
  op: z.literal('degree'),
  from: StepRef,
  edge: EdgeTypeSchema,
  direction: z.enum(['out', 'in', 'both']),
});

export const AggregateStep = z.object({
  op: z.literal('aggregate'),
  from: StepRef,
  groupBy: z.enum(['industry', 'exchange', 'listedYear', 'region']),
  level: z.number().int().min(1).max(3).optional().describe('industry level to group by (Shenwan 1–3)'),
  k: z.number().int().min(1).max(50).default(5),
});

/** Kinds of fact a sentence must hold a value of (a date, a count…) to answer. */
export const FACT_TYPES = [
  'date',
  'duration',
  'frequency',
  'count',
  'amount',
  'percent',
  'measure',
  'level',
  'contact',
] as const;
export const ANSWER_TYPES = [...FACT_TYPES, 'list', 'definition', 'who', 'name', 'yesno', 'any'] as const;
export type AnswerType = (typeof ANSWER_TYPES)[number];
export const DocumentsStep = z.object({
  op: z.literal('documents'),
  query: z.string().min(1).max(2_000),
  answerType: z.enum(ANSWER_TYPES).default('any'),
  /** Document ids the question names ("the 2024 notice"); empty: every document the caller may read. */
  scope: z.array(z.string()).default([]),
  /** Words one of which the answering sentence must hold (the figure asked for: 员工, 市场份额). */
  require: z.array(z.string()).default([]),
  /** The whole question, when `query` is one part of it: which documents it names is read from this. */
  context: z.string().max(2_000).optional(),
});

export const SERIES_STATS = [
  'first',
  'latest',
  'at',
  'max',
  'min',
  'mean',
  'change',
  'ratio',
  'trend',
] as const;
export type SeriesStat = (typeof SERIES_STATS)[number];
export const SeriesStep = z.object({
  op: z.literal('series'),
  entity: z.string().min(1).describe('series, product or commodity name or id'),
  kind: z.enum(['price', 'demand', 'output']).optional(),
  stat: z.enum(SERIES_STATS),
  period: PeriodSchema.optional().describe('the months the statistic covers (at: the month asked)'),
  /** For change: the month compared against; for ratio: the month of both values. */
  base: PeriodSchema.optional(),
  other: z.string().optional().describe('for ratio: the series divided by'),
});

export const ForecastStep = z.object({
  op: z.literal('forecast'),
  entity: z.string().min(1),
  kind: z.enum(['price', 'demand', 'output']).default('price'),
  horizon: z.number().int().min(1).max(36).default(12),
});

export const RiskStep = z.object({ op: z.literal('risk'), entity: z.string().min(1) });

export const ScenarioStep = z.object({
  op: z.literal('scenario'),
  shocks: z
    .array(z.string().min(3).max(200))
    .min(1)
    .max(5)
    .describe(
      'price:<product>:+30% | capacity:<product>:-50% | remove:enterprise:<id> | remove:region:<name>',
    ),
});

export const StepSchema = z.discriminatedUnion('op', [
  EntityStep,
  LookupStep,
  RelationStep,
  ChainStep,
  FilterStep,
  TopStep,
  CountStep,
  CombineStep,
  CompareStep,
  EdgeValueStep,
  PathStep,
  ScanStep,
  DegreeStep,
  AggregateStep,
  DocumentsStep,
  SeriesStep,
  ForecastStep,
  RiskStep,
  ScenarioStep,
]);
export type Step = z.infer<typeof StepSchema>;
export type StepInput = z.input<typeof StepSchema>;
export type Op = Step['op'];
export type StepOf<O extends Op> = Extract<Step, { op: O }>;

export const PlanSchema = z.object({
  steps: z.array(StepSchema).max(24),
  /** Steps whose results the answer states, in order (the last is the answer itself). */
  show: z.array(z.number().int().min(0)),
  /** Why nothing could be planned, when nothing was. */
  refusal: z
    .object({
      reason: z.enum(['unknown_entity', 'out_of_scope', 'unknown_attribute', 'no_period']),
      detail: z.string(),
      /** What the data holds near what was asked (电池 for 固态电池). */
      near: z.array(z.string()).optional(),
    })
    .optional(),
});
export type Plan = z.infer<typeof PlanSchema>;
