import { z } from 'zod';
import { Tokenizer } from '../retrieval/tokenize.js';
import { type EvalItem, UNANSWERABLE } from './dataset/schema.js';
import { citationPrecision, citationRecall } from './metrics/citations.js';
import { contextPrecision, contextRecall, relevance } from './metrics/contexts.js';
import { answerCorrectness, entityScores, factRecall, tokenF1 } from './metrics/correctness.js';
import { citedOf, contextsOf } from './metrics/evidence.js';
import { faithfulness } from './metrics/faithfulness.js';
import type { Judge } from './metrics/judge.js';
import { isRefusal } from './metrics/refusal.js';
import { MARKER, TextAnalyzer } from './metrics/text.js';
import { METRICS } from './metrics/names.js';
import { type ItemScore, type JudgeSummary, round, type Scores, summarise, type Summary } from './summary.js';

export type { ItemScore, Scores };

export interface ScoreResult {
  items: ItemScore[];
  summary: Summary;
}

export const ScoreOptionsSchema = z.object({
  /** Share of an answer sentence's content tokens a cited context must hold to support it. */
  supportThreshold: z.number().min(0).max(1).default(0.5),
  /** Share of the reference's content tokens a context must hold to count as relevant. */
  relevanceThreshold: z.number().min(0).max(1).default(0.5),
  /** Known entity names (e.g. the graph's) for entity precision and faithfulness, beside each item's expected ones. */
  entities: z.array(z.string().min(1).max(500)).max(200_000).default([]),
});
export type ScoreOptions = z.input<typeof ScoreOptionsSchema>;

/**
 * Scores items offline and deterministically; with a judge, adds its score beside the others.
 * Items are scored as given: an item without an answer gets only the context metrics.
 */
export async function scoreItems(
  items: readonly EvalItem[],
  options: ScoreOptions = {},
  judge?: Judge,
): Promise<ScoreResult> {
  const scorer = createScorer(items, options);
  const scored = items.map((item) => scorer(item));
  const summary = summarise(items, scored);
  if (judge) summary.judge = await addJudgeScores(items, scored, judge);
  return { items: scored, summary };
}

/** A scorer for items like these: one tokenizer whose dictionary holds every entity name they expect. */
export function createScorer(
  items: readonly EvalItem[],
  options: ScoreOptions = {},
): (item: EvalItem) => ItemScore {
  const opts = ScoreOptionsSchema.parse(options);
  const gazetteer = [...new Set([...opts.entities, ...items.flatMap((i) => i.expected_entities ?? [])])];
  const analyzer = new TextAnalyzer(tokenizerFor(gazetteer));
  return (item) => scoreItem(item, { ...opts, gazetteer, analyzer });
}

interface Context {
  gazetteer: string[];
  analyzer: TextAnalyzer;
  supportThreshold: number;
  relevanceThreshold: number;
}

function scoreItem(item: EvalItem, ctx: Context): ItemScore {
  const { analyzer } = ctx;
  const scores: Scores = {};
  const reference = item.reference ? analyzer.analyse(item.reference) : undefined;
  const expectRefusal = item.tags.includes(UNANSWERABLE);
  const contexts = contextsOf(item);
  const relevant = (c: { id: string; text: string; relevant?: boolean }) =>
    relevance(c, reference, analyzer, ctx.relevanceThreshold);

  if (contexts) {
    scores.context_recall = reference ? contextRecall(reference, contexts, analyzer) : null;
    const labels = contexts.map(relevant);
    const known = labels.length > 0 ? labels.every((l) => l !== undefined) : reference !== undefined;
    scores.context_precision = known ? contextPrecision(labels as boolean[]) : null;
  }

  let unsupported: string[] = [];
  if (item.answer !== undefined) {
    const refused = isRefusal(item.answer);
    scores.refusal_correctness = refused === expectRefusal ? 1 : 0;
    const answer = analyzer.analyse(item.answer);
    const expected = item.expected_entities ?? [];
    if (!refused || !expectRefusal) {
      // Markers are stripped first: an expected number 3 must not be found in a citation [3].
      const entities = entityScores(item.answer.replace(MARKER, ' '), expected, ctx.gazetteer);
      scores.entity_precision = entities.precision;
      scores.entity_recall = entities.recall;
      if (reference && !expectRefusal) {
        const f1 = tokenF1(answer, reference);
        const facts = factRecall(answer.facts, reference.facts);
        scores.token_f1 = f1;
        scores.number_match = facts.number;
        scores.date_match = facts.date;
        scores.answer_correctness = answerCorrectness(f1, [facts.number, facts.date, entities.recall]);
      }
    }
    if (!refused) {
      const cited = citedOf(item, contexts);
      const faith = faithfulness(
        {
          answer: item.answer,
          cited,
          contexts: contexts ?? [],
          gazetteer: ctx.gazetteer,
          threshold: ctx.supportThreshold,
        },
        analyzer,
      );
      scores.faithfulness = faith.score;
      unsupported = faith.sentences.filter((s) => !s.supported).map((s) => s.text);
      const labels = cited.map(relevant);
      scores.citation_precision = labels.every((l) => l !== undefined)
        ? citationPrecision(labels as boolean[])
        : null;
      scores.citation_recall = reference ? citationRecall(reference, cited, analyzer) : null;
    }
  }
  const ordered: Scores = Object.fromEntries(METRICS.filter((m) => m in scores).map((m) => [m, scores[m]]));
  return { id: item.id, scores: ordered, ...(unsupported.length ? { unsupported } : {}) };
}

/** Judge calls are slow and remote; a few at a time keeps a provider's rate limits happy. */
const JUDGE_CONCURRENCY = 4;

/**
 * Asks the judge about every answered item. A failed call (after the provider's retries) scores
 * null like an unreadable verdict, and is counted, with its reason, so a dead endpoint shows.
 */
async function addJudgeScores(
  items: readonly EvalItem[],
  scored: ItemScore[],
  judge: Judge,
): Promise<JudgeSummary> {
  let next = 0;
  let asked = 0;
  let failed = 0;
  let error: string | undefined;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      const item = items[i]!;
      if (item.answer === undefined) continue;
      asked++;
      const cited = citedOf(item, contextsOf(item));
      scored[i]!.scores.judge = await judge
        .score({
          question: item.question,
          answer: item.answer,
          ...(item.reference ? { reference: item.reference } : {}),
          contexts: cited.map((c) => c.text),
        })
        .catch((e: unknown) => {
          failed++;
          error ??= e instanceof Error ? e.message : String(e);
          return null;
        });
    }
  };
  await Promise.all(Array.from({ length: JUDGE_CONCURRENCY }, worker));
  const values = scored.flatMap((s) => (typeof s.scores.judge === 'number' ? [s.scores.judge] : []));
  return {
    ...(judge.model ? { model: judge.model } : {}),
    mean: values.length ? round(values.reduce((a, b) => a + b, 0) / values.length) : null,
    scored: values.length,
    asked,
    failed,
    ...(error ? { error } : {}),
    ...(judge.usage ? { usage: judge.usage() } : {}),
  };
}

const tokenizers = new Map<string, Tokenizer>();

/** Building jieba's dictionary is the scorer's one slow step; repeated calls over one gazetteer share it. */
function tokenizerFor(names: readonly string[]): Tokenizer {
  const key = [...names].sort().join('\n');
  let tokenizer = tokenizers.get(key);
  if (!tokenizer) {
    if (tokenizers.size >= 4) tokenizers.clear();
    tokenizer = new Tokenizer(names);
    tokenizers.set(key, tokenizer);
  }
  return tokenizer;
}
