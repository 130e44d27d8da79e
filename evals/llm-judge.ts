import { HumanMessage, SystemMessage } from '@langchain/core/messages';
import { UserError } from '../engine/errors.js';
import { createChatModel, type LlmConfig, TokenUsage, withRetries } from '../models/llm/index.js';
import { type ChatFn, type Judge, llmJudge } from './metrics/judge.js';

/**
 * The LLM judge over the configured model (the engine config's `llm`), with its timeout, retries
 * and token count. Asking for a judge without a model is the user's mistake to fix, so it fails
 * before any item is answered or scored rather than leaving every judge score null.
 */
export async function judgeFromConfig(llm: LlmConfig): Promise<Judge> {
  if (llm.provider === 'none')
    throw new UserError(
      'the LLM judge needs a model, and none is configured: set LLM_PROVIDER (openai or ollama), LLM_BASE_URL and LLM_MODEL, or llm.* in the config file',
    );
  const model = await createChatModel(llm);
  const usage = new TokenUsage();
  const chat: ChatFn = async (messages) => {
    const reply = await withRetries(
      (signal) =>
        model.invoke(
          messages.map((m) =>
            m.role === 'system' ? new SystemMessage(m.content) : new HumanMessage(m.content),
          ),
          { signal },
        ),
      { maxRetries: llm.maxRetries, timeoutMs: llm.timeoutMs },
    );
    usage.add(reply);
    return typeof reply.content === 'string' ? reply.content : JSON.stringify(reply.content);
  };
  const judge = llmJudge(chat);
  return {
    score: (input) => judge.score(input),
    model: `${llm.provider}:${llm.model}`,
    usage: () => usage.toJSON(),
  };
}
