import type { Principal } from '../../knowledge-graph/schema/index.js';
import { createLlm, type LlmPort } from '../../models/llm/index.js';
import type { Engine } from '../container.js';
import { perEngine } from '../per-engine.js';
import { AskError } from './errors.js';
import { EntityDictionary } from './linking/dictionary.js';
import { type AskPorts, EvidenceBook, type OperatorContext } from './operators/types.js';
import { answerOffline, type Prepared } from './offline.js';
import { askPorts } from './ports.js';
import { languageOf, normaliseQuestion } from './question.js';
import {
  type AskEvent,
  type AskOptions,
  AskOptionsSchema,
  type AskResult,
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
  /** The entities a text names, as a question's are linked, among those the principal may see. */
  link(text: string, principal: Principal): Promise<LinkedEntity[]>;
}

/** The engine's ask service, made once per engine. */
export const askFor: (engine: Engine) => AskService = perEngine(
  (engine) => new Asker(engine, askPorts(engine)),
);

/** The node types the dictionary names; a write to any of them makes it stale. */
const NAMED = ['Enterprise', 'Product', 'Industry', 'Region', 'Policy'] as const;

class Asker implements AskService {
  /**
   * The dictionary and the graph and series versions it was built from: an import (of either, by
   * any process) or a revocation rebuilds it.
   */
  private built?: { version: string; dictionary: Promise<EntityDictionary> };
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

  async link(text: string, principal: Principal): Promise<LinkedEntity[]> {
    const dictionary = await this.dictionaryOf();
    return dictionary.link(normaliseQuestion(text).text, principal).entities;
  }

  private async dictionaryOf(): Promise<EntityDictionary> {
    // Series names are linked too, and series may be imported through another replica.
    const [graph, series] = await Promise.all([this.ports.graph.version(NAMED), this.ports.series.version()]);
    const version = `${graph}/${series}`;
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
