import type { Principal } from '../../knowledge-graph/schema/index.js';
import { createLlm, type LlmPort } from '../../models/llm/index.js';
import type { Engine } from '../container.js';
import { composeAnswer, composeRefusal } from './answer/compose.js';
import { AskError } from './errors.js';
import { answers, execute } from './execute.js';
import { EntityDictionary, type Unknown } from './linking/dictionary.js';
import { type AskPorts, EvidenceBook, type OperatorContext } from './operators/types.js';
import { planQuestion } from './plan/planner.js';
import type { Plan } from './plan/types.js';
import { askPorts } from './ports.js';
import { languageOf, normaliseQuestion, type Question } from './question.js';
import {
  type AskEvent,
  type AskOptions,
  AskOptionsSchema,
  type AskResult,
  type Intent,
  type Language,
  type LinkedEntity,
  type TraceStep,
} from './schema.js';

export { AskError } from './errors.js';
export * from './schema.js';

/** Longest question accepted at all; longer ones are an error, not a silent cut. */
export const MAX_INPUT_CHARS = 10_000;

export interface AskService {
  ask(question: string, options: AskOptions): Promise<AskResult>;
  /** The same answer as events: answer text as it forms, then the citations, then the whole result. */
  stream(question: string, options: AskOptions): AsyncIterable<AskEvent>;
  /** Builds the entity dictionary now (otherwise the first question does). */
  warm(): Promise<{ names: number; ms: number }>;
}

/** The engine's ask service, made once per engine. */
export function askFor(engine: Engine): AskService {
  return engine.service('ask', () => new Asker(engine, askPorts(engine)));
}

/** A question read: normalised text, language, linked entities, and the context the operators run in. */
export interface Prepared {
  question: Question;
  language: Language;
  mixed: boolean;
  entities: LinkedEntity[];
  unknown: Unknown[];
  ctx: OperatorContext;
  trace: TraceStep[];
}

/** The node types the dictionary names; a write to any of them makes it stale. */
const NAMED = ['Enterprise', 'Product', 'Industry', 'Region', 'Policy'] as const;

class Asker implements AskService {
  /** The dictionary and the graph version it was built from: an import or revocation rebuilds it. */
  private built?: { version: number; dictionary: Promise<EntityDictionary> };
  /** The process's one LLM port, when one is configured. */
  private readonly llm: LlmPort | undefined;

  constructor(
    engine: Engine,
    private readonly ports: AskPorts,
  ) {
    this.llm = engine.config.llm.provider === 'none' ? undefined : createLlm(engine.config.llm);
  }

  async warm(): Promise<{ names: number; ms: number }> {
    const started = performance.now();
    const dictionary = await this.dictionaryOf();
    return { names: dictionary.size, ms: Math.round(performance.now() - started) };
  }

  private async dictionaryOf(): Promise<EntityDictionary> {
    const version = await this.ports.graph.version(NAMED);
    if (this.built?.version !== version)
      this.built = { version, dictionary: EntityDictionary.build(this.ports.graph, this.ports.series) };
    return this.built.dictionary;
  }

  async prepare(raw: string, options: AskOptions): Promise<Prepared> {
    const opts = validate(raw, options);
    const question = normaliseQuestion(raw);
    const dictionary = await this.dictionaryOf();
    const { entities, unknown } = dictionary.link(question.text, opts.principal);
    const { language, mixed } = languageOf(question, entities, opts.lang);
    const ctx: OperatorContext = {
      ports: this.ports,
      principal: opts.principal,
      dictionary,
      language,
      evidence: new EvidenceBook(),
      linked: entities,
      question: question.text,
      nodes: new Map(),
    };
    const trace: TraceStep[] = [
      {
        step: 'analyse',
        detail: `language ${language}${mixed ? ' (mixed)' : ''}; ${entities.length} entities${unknown.length ? `; not found: ${unknown.map((u) => u.text).join(', ')}` : ''}${question.truncated ? '; question cut to 2,000 characters' : ''}`,
      },
      ...entities.map((e) => ({
        step: 'link',
        detail: `"${e.mention}" → ${e.name} (${e.id}, ${e.type}, confidence ${e.confidence})${e.members?.length ? `; also spelled ${e.members.map((m) => m.name).join(', ')}` : ''}${e.alternatives.length ? `; could also be ${e.alternatives.map((x) => x.id).join(', ')}` : ''}`,
      })),
    ];
    return { question, language, mixed, entities, unknown, ctx, trace };
  }

  async ask(question: string, options: AskOptions): Promise<AskResult> {
    const prepared = await this.prepare(question, options);
    if (this.llm) {
      const { askWithLlm } = await import('./llm.js');
      return askWithLlm(this.llm, prepared);
    }
    return answerOffline(prepared);
  }

  async *stream(question: string, options: AskOptions): AsyncIterable<AskEvent> {
    if (this.llm) {
      const { streamWithLlm } = await import('./llm.js');
      yield* streamWithLlm(this.llm, await this.prepare(question, options));
      return;
    }
    const result = await this.ask(question, options);
    // Offline answers exist whole at once; they stream sentence by sentence so clients render alike.
    for (const piece of result.answer.match(/[^。！？.!?]+[。！？.!?]?\s*/gu) ?? [result.answer])
      yield { type: 'token', text: piece };
    yield { type: 'citations', citations: result.citations };
    yield { type: 'done', result };
  }
}

function validate(question: unknown, options: AskOptions): { principal: Principal; lang?: Language } {
  if (typeof question !== 'string' || question.trim() === '')
    throw new AskError('the question is empty; ask about an enterprise, product, industry, region or policy');
  if (question.length > MAX_INPUT_CHARS)
    throw new AskError(
      `the question is ${question.length} characters long; keep it under ${MAX_INPUT_CHARS.toLocaleString('en')} characters`,
    );
  const parsed = AskOptionsSchema.safeParse(options);
  if (!parsed.success)
    throw new AskError(
      `bad ask options: ${parsed.error.issues[0]?.path.join('.')}: ${parsed.error.issues[0]?.message}`,
    );
  return { principal: parsed.data.principal, ...(parsed.data.lang ? { lang: parsed.data.lang } : {}) };
}

/** The rule path: plan → operators → extractive composer; the fallback plan runs when the first finds nothing. */
export async function answerOffline(p: Prepared): Promise<AskResult> {
  const planned = planQuestion({ text: p.question.text, entities: p.entities, unknown: p.unknown });
  for (const note of planned.notes) p.trace.push({ step: 'plan', detail: note });
  return runPlans(p, [planned.plan, ...(planned.fallback ? [planned.fallback] : [])]);
}

/**
 * Runs plans in turn until one answers. When none does, the first plan's answer stands (it says
 * what the data lacks for the question as asked), unless a later plan is an explicit refusal.
 */
export async function runPlans(p: Prepared, plans: readonly Plan[]): Promise<AskResult> {
  let first: AskResult | undefined;
  for (const plan of plans) {
    p.trace.push({ step: 'plan', detail: describePlan(plan) });
    const result = await resultOf(p, plan);
    if (result.answered || (first && plan.refusal)) return result;
    first ??= result;
  }
  return first!;
}

export function describePlan(plan: Plan): string {
  if (plan.refusal) return `refuse: ${plan.refusal.reason} (${plan.refusal.detail})`;
  return plan.steps
    .map((s, i) => {
      const { op, ...rest } = s;
      return `${i}:${op}(${Object.entries(rest)
        .map(([k, v]) => `${k}=${typeof v === 'object' ? JSON.stringify(v) : String(v)}`)
        .join(', ')})`;
    })
    .join(' → ');
}

async function resultOf(p: Prepared, plan: Plan): Promise<AskResult> {
  const base = {
    language: p.language,
    mode: 'offline' as const,
    entities: p.entities,
    plan,
    data: {},
  };
  if (plan.refusal || !plan.steps.length) {
    p.trace.push({ step: 'compose', detail: 'refusal' });
    return {
      ...base,
      answer:
        truncatedNote(p) +
        composeRefusal(plan.refusal ?? { reason: 'out_of_scope', detail: '' }, p.language, p.entities),
      intent: 'refusal',
      answered: false,
      citations: [],
      facts: [],
      paths: [],
      trace: p.trace,
    };
  }
  const { values } = await execute(plan, p.ctx, p.trace);
  const composed = composeAnswer(plan, values, p.ctx.evidence, p.language, p.entities, p.question.text);
  p.trace.push({ step: 'compose', detail: `offline composer, ${composed.citations.length} citations` });
  const last = values.at(-1);
  return {
    ...base,
    answer: truncatedNote(p) + composed.answer,
    intent: (answers(last) ? plan.steps.at(-1)!.op : 'refusal') as Intent,
    answered: composed.answered,
    citations: composed.citations,
    facts: composed.facts,
    paths: composed.paths,
    data: { values: values.map((v, i) => ({ step: i, ...dataOf(v) })) },
    trace: p.trace,
  };
}

function truncatedNote(p: Prepared): string {
  if (!p.question.truncated) return '';
  return p.language === 'zh'
    ? '（问题过长，只回答了前2,000个字符。）'
    : '(The question was too long; only its first 2,000 characters were answered.) ';
}

/** A step's value as plain data for API clients (rows by name and id, counts, groups). */
function dataOf(v: import('./operators/types.js').Value): Record<string, unknown> {
  switch (v.kind) {
    case 'set':
      return {
        kind: v.kind,
        total: v.rows.length,
        rows: v.rows.slice(0, 200).map((r) => ({
          id: r.node.id,
          name: r.node.name,
          type: r.node.type,
          value: r.value,
          measure: r.measure,
          parent: r.parent?.name,
          tier: r.tier,
          dates: r.dates,
        })),
      };
    case 'count':
      return { kind: v.kind, n: v.n };
    case 'facts':
      return {
        kind: v.kind,
        cards: v.cards.map((c) => ({
          id: c.node.id,
          name: c.node.name,
          props: c.props,
          industries: c.industries.map((i) => i.node.name),
          products: c.products.map((r) => ({ name: r.node.name, value: r.value })),
        })),
      };
    case 'comparison':
      return {
        kind: v.kind,
        measure: v.measure,
        winners: v.winners,
        sides: v.sides.map((s) => ({
          label: s.label.map((l) => l.name),
          value: s.value,
          date: s.date,
          text: s.text,
        })),
      };
    case 'edges':
      return {
        kind: v.kind,
        rows: v.rows.map((r) => ({ from: r.from.name, to: r.to.name, value: r.value })),
        missing: v.missing.length,
      };
    case 'paths':
      return { kind: v.kind, paths: v.paths.length };
    case 'groups':
      return { kind: v.kind, groups: v.groups, total: v.total };
    case 'passages':
      return { kind: v.kind, answered: v.answered, answer: v.answer?.text, covered: v.covered };
    case 'series':
      return {
        kind: v.kind,
        series: v.series,
        stat: v.stat,
        facts: v.facts.map((f) => ({ label: f.label, date: f.date, value: f.value })),
      };
    case 'report':
      return { kind: v.kind, tool: v.tool, ...v.data };
  }
}
