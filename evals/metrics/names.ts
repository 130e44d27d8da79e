/** The metrics the CI gate and the report lead with. */
export const HEADLINE = [
  'answer_correctness',
  'faithfulness',
  'citation_precision',
  'citation_recall',
  'context_recall',
  'context_precision',
  'refusal_correctness',
] as const;
/** The parts answer correctness is made of, reported for diagnosis. */
export const DETAIL = [
  'token_f1',
  'entity_precision',
  'entity_recall',
  'number_match',
  'date_match',
] as const;
/** The optional LLM judge's score, beside the others. */
export const JUDGE = 'judge';
export type MetricName = (typeof HEADLINE)[number] | (typeof DETAIL)[number] | typeof JUDGE;
/** Every metric in report order. */
export const METRICS: readonly MetricName[] = [...HEADLINE, ...DETAIL, JUDGE];
