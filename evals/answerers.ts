import type { Engine } from '../engine/container.js';
import { UserError } from '../engine/errors.js';
import { AskResultSchema } from '../engine/ask/schema.js';
import type { Principal } from '../knowledge-graph/schema/index.js';
import type { EvalItem } from './dataset/schema.js';

/** What the system under test adds to an item: its answer and the evidence it used. */
export type Answered = Pick<EvalItem, 'answer' | 'contexts' | 'citations' | 'intent'>;
export type Answerer = (question: string) => Promise<Answered>;

/** Documents a search-only run keeps as contexts, as the ask engine's default for policy questions. */
const SEARCH_K = 5;

/** Hybrid search only: the hits become the contexts, in rank order; there is no answer. */
export async function searchAnswerer(engine: Engine, principal: Principal): Promise<Answerer> {
  const { retrievalFor } = await import('../engine/retrieval.js');
  const index = await retrievalFor(engine);
  return async (question) => {
    const hits = await index.search(question, { principal, k: SEARCH_K, mode: 'hybrid' });
    return { contexts: hits.map((h, i) => ({ id: String(i + 1), text: h.text, source: h.source })) };
  };
}

/**
 * The engine's ask. Its citations are the evidence it used and what its [n] markers point at,
 * so they are both the contexts and the citations. The result is validated against the ask
 * contract, so a drift in either side fails here rather than scoring garbage.
 */
export async function askAnswerer(engine: Engine, principal: Principal): Promise<Answerer> {
  const ask = await loadAsk(engine);
  return async (question) => {
    const result = AskResultSchema.parse(await ask(question, { principal }));
    return {
      answer: result.answer,
      contexts: result.citations.map((c) => ({ id: String(c.id), text: c.text, source: c.source })),
      citations: result.citations.map((c) => String(c.id)),
      intent: result.intent,
    };
  };
}

/** The build has no ask engine yet: suites that need it cannot run (the CI gate skips them, saying so). */
export class AskUnavailableError extends UserError {
  constructor() {
    super(
      'this suite needs the ask engine (engine/ask/index.ts exporting askFor), which is not in this build yet; try demo-retrieval',
    );
  }
}

type Ask = (question: string, options: { principal: Principal }) => Promise<unknown>;

// The ask engine lands in its own issue; until engine/ask/index exports askFor, suites that
// need it stop with a clear message instead of failing to compile or faking answers.
const ASK_MODULE = '../engine/ask/index.js';

async function loadAsk(engine: Engine): Promise<Ask> {
  let module: unknown;
  try {
    module = await import(ASK_MODULE);
  } catch (error) {
    const missing =
      (error as { code?: string }).code === 'ERR_MODULE_NOT_FOUND' && String(error).includes('ask/index');
    if (!missing) throw error;
    throw new AskUnavailableError();
  }
  const askFor = (module as { askFor?: unknown }).askFor;
  if (typeof askFor !== 'function') throw new Error('engine/ask/index does not export askFor(engine)');
  const asker = (await askFor(engine)) as { ask?: unknown };
  if (typeof asker?.ask !== 'function') throw new Error('askFor(engine) returned no ask(question, options)');
  const ask = asker.ask as Ask;
  return (question, options) => ask.call(asker, question, options);
}
