import { isUserFacing } from '../cli/errors.js';
import type { Engine } from '../container.js';
import { retrievalFor } from '../retrieval.js';
import { type Analysis, analyse } from './analysis.js';
import { compose } from './compose/index.js';
import { AskError } from './errors.js';
import { EntityDictionary } from './linking.js';
import { type Plan, planFor, type ToolCall } from './plan.js';
import {
  type AskEvent,
  type AskOptions,
  AskOptionsSchema,
  type AskResult,
  type TraceStep,
} from './schema.js';
import { entityTool, TOOLS } from './tools/index.js';
import { type ToolContext, type ToolOutput, ToolOutputSchema } from './tools/types.js';

export { AskError } from './errors.js';
export * from './schema.js';

/** Longest question accepted at all; longer ones are an error, not a silent cut. */
export const MAX_INPUT_CHARS = 10_000;
const DEFAULT_K = 5;

export interface AskService {
  ask(question: string, options: AskOptions): Promise<AskResult>;
  /** The same answer as events: answer text as it forms, then the citations, then the whole result. */
  stream(question: string, options: AskOptions): AsyncIterable<AskEvent>;
  /** Builds the entity dictionary now (otherwise the first question does). */
  warm(): Promise<{ names: number; ms: number }>;
}

/** The engine's ask service, made once per engine. */
export function askFor(engine: Engine): AskService {
  return engine.service('ask', () => new Asker(engine));
}

class Asker implements AskService {
  private dictionary?: Promise<EntityDictionary>;

  constructor(private readonly engine: Engine) {}

  async warm(): Promise<{ names: number; ms: number }> {
    const started = performance.now();
    const dictionary = await this.dictionaryOf();
    return { names: dictionary.size, ms: Math.round(performance.now() - started) };
  }

  private dictionaryOf(): Promise<EntityDictionary> {
    this.dictionary ??= EntityDictionary.build(this.engine.graph);
    return this.dictionary;
  }

  /** Validates the question and analyses it, with the tool context the caller's grants allow. */
  private async prepare(question: string, options: AskOptions) {
    const { opts, text } = validate(question, options);
    const dictionary = await this.dictionaryOf();
    const analysis = analyse(text, opts.principal, dictionary, opts.lang);
    const ctx: ToolContext = {
      engine: this.engine,
      graph: this.engine.graph,
      principal: opts.principal,
      dictionary,
      retrieval: () => retrievalFor(this.engine),
      language: analysis.language,
    };
    return { analysis, ctx, k: opts.k ?? DEFAULT_K };
  }

  async ask(question: string, options: AskOptions): Promise<AskResult> {
    const { analysis, ctx, k } = await this.prepare(question, options);
    if (this.engine.config.llm.provider !== 'none') {
      const { askWithLlm } = await import('./llm.js');
      return askWithLlm(this.engine.config.llm, analysis, ctx, k);
    }
    return this.offline(analysis, ctx, k);
  }

  /** The rule path: plan → tools → deterministic composer. */
  async offline(analysis: Analysis, ctx: ToolContext, k: number): Promise<AskResult> {
    const trace: TraceStep[] = analysisTrace(analysis);
    const plan = planFor(analysis, k);
    trace.push({
      step: 'plan',
      detail: plan.calls.length
        ? plan.calls.map((c) => c.tool).join(', ')
        : `nothing to run: no ${plan.missing?.join('/') ?? 'entity'} named`,
    });
    const outputs = await runCalls(plan.calls, ctx, trace);
    const nearby = await nearbyOf(plan, outputs, ctx, trace);
    return resultOf(analysis, plan, outputs, nearby, trace);
  }

  async *stream(question: string, options: AskOptions): AsyncIterable<AskEvent> {
    if (this.engine.config.llm.provider !== 'none') {
      const { streamWithLlm } = await import('./llm.js');
      const { analysis, ctx, k } = await this.prepare(question, options);
      yield* streamWithLlm(this.engine.config.llm, analysis, ctx, k);
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

function validate(
  question: unknown,
  options: AskOptions,
): { opts: ReturnType<typeof AskOptionsSchema.parse>; text: string } {
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
  return { opts: parsed.data, text: question };
}

export function analysisTrace(a: Analysis): TraceStep[] {
  return [
    {
      step: 'analyse',
      detail: `language ${a.language}${a.mixed ? ' (mixed)' : ''}; intent ${a.intent} (${a.rule}); ${a.entities.length} entities${a.truncated ? '; question cut to 2,000 characters' : ''}`,
    },
    ...a.entities.map((e) => ({
      step: 'link',
      detail: `"${e.mention}" → ${e.name} (${e.id}, ${e.type}, confidence ${e.confidence})${e.alternatives.length ? `; also could be ${e.alternatives.map((x) => x.id).join(', ')}` : ''}`,
    })),
  ];
}

/** Runs planned calls in order; a tool's user-facing failure becomes an empty output with its reason. */
export async function runCalls(
  calls: readonly ToolCall[],
  ctx: ToolContext,
  trace: TraceStep[],
): Promise<ToolOutput[]> {
  const outputs: ToolOutput[] = [];
  for (const call of calls) {
    const tool = TOOLS.get(call.tool);
    if (!tool) {
      trace.push({ step: 'tool', tool: call.tool, detail: 'no such tool; skipped' });
      continue;
    }
    const input = tool.input.safeParse(call.input);
    if (!input.success) {
      trace.push({
        step: 'tool',
        tool: call.tool,
        input: call.input,
        detail: `bad input: ${input.error.issues[0]?.message}`,
      });
      continue;
    }
    try {
      const output = ToolOutputSchema.parse(await tool.run(input.data, ctx));
      outputs.push(output);
      trace.push({
        step: 'tool',
        tool: call.tool,
        input: call.input,
        detail: output.note ?? `${output.total} results, ${output.evidence.length} evidence`,
      });
    } catch (error) {
      if (!isUserFacing(error)) throw error;
      outputs.push({
        tool: call.tool,
        items: [],
        total: 0,
        evidence: [],
        paths: [],
        data: {},
        note: error.message,
      });
      trace.push({ step: 'tool', tool: call.tool, input: call.input, detail: `failed: ${error.message}` });
    }
  }
  return outputs;
}

/** When the tools found nothing, what is known about the subject (its facts) is offered instead. */
export async function nearbyOf(
  plan: Plan,
  outputs: readonly ToolOutput[],
  ctx: ToolContext,
  trace: TraceStep[],
): Promise<ToolOutput[]> {
  if (outputs.some((o) => o.total > 0) || !plan.subject || plan.calls.every((c) => c.tool === 'graph_entity'))
    return [];
  const facts = await entityTool.run({ entity: plan.subject.id }, ctx);
  trace.push({
    step: 'nearby',
    tool: 'graph_entity',
    detail: `facts about ${plan.subject.name} offered instead`,
  });
  return facts.subject ? [facts] : [];
}

export function resultOf(
  a: Analysis,
  plan: Plan,
  outputs: ToolOutput[],
  nearby: ToolOutput[],
  trace: TraceStep[],
): AskResult {
  const composed = compose(a, plan, outputs, nearby, a.language);
  const data: Record<string, unknown> = {};
  for (const o of outputs) data[o.tool] = { subject: o.subject, total: o.total, items: o.items, ...o.data };
  trace.push({ step: 'compose', detail: `offline composer, ${composed.citations.length} citations` });
  return {
    answer: composed.answer,
    language: a.language,
    intent: a.intent,
    answered: composed.answered,
    mode: 'offline',
    entities: a.entities,
    citations: composed.citations,
    facts: composed.facts,
    paths: composed.paths,
    data,
    trace,
  };
}
