import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import type { AIMessage, AIMessageChunk } from '@langchain/core/messages';

export interface LlmConfig {
  provider: 'none' | 'openai' | 'ollama';
  baseUrl?: string;
  apiKey?: string;
  model?: string;
  timeoutMs: number;
  maxRetries: number;
}

/** An LLM call that failed in a way the operator can fix (endpoint down, timeout, bad model). */
export class LlmError extends Error {
  readonly userFacing = true;
  override readonly name = 'LlmError';
}

/**
 * A LangChain chat model for an OpenAI-compatible endpoint (DeepSeek, Qwen/DashScope, Zhipu,
 * Moonshot, vLLM, llama.cpp server) or Ollama. Retries are ours (`withRetries`), so LangChain's
 * own are off and every attempt honours the one timeout.
 */
export async function createChatModel(config: LlmConfig): Promise<BaseChatModel> {
  if (config.provider === 'none') throw new LlmError('no LLM is configured (llm.provider is none)');
  if (!config.model)
    throw new LlmError('llm.model is not set; set LLM_MODEL (e.g. deepseek-chat, qwen-plus, llama3.1)');
  if (config.provider === 'openai') {
    const { ChatOpenAI } = await import('@langchain/openai');
    return new ChatOpenAI({
      model: config.model,
      apiKey: config.apiKey ?? 'not-needed',
      configuration: { ...(config.baseUrl ? { baseURL: config.baseUrl } : {}) },
      maxRetries: 0,
      temperature: 0,
      streamUsage: true,
    });
  }
  const { ChatOllama } = await import('@langchain/ollama');
  return new ChatOllama({
    model: config.model,
    ...(config.baseUrl ? { baseUrl: config.baseUrl } : {}),
    temperature: 0,
    maxRetries: 0,
  });
}

/** Token counts summed over the calls of one answer. */
export class TokenUsage {
  inputTokens = 0;
  outputTokens = 0;
  totalTokens = 0;
  calls = 0;

  add(message: AIMessage | AIMessageChunk): void {
    const u = message.usage_metadata;
    this.calls++;
    if (!u) return;
    this.inputTokens += u.input_tokens ?? 0;
    this.outputTokens += u.output_tokens ?? 0;
    this.totalTokens += u.total_tokens ?? (u.input_tokens ?? 0) + (u.output_tokens ?? 0);
  }

  toJSON() {
    return {
      inputTokens: this.inputTokens,
      outputTokens: this.outputTokens,
      totalTokens: this.totalTokens,
      calls: this.calls,
    };
  }
}

/** 429 and 5xx are worth another try; 4xx (bad key, bad model) are not. */
function retryable(error: unknown): boolean {
  const e = error as { status?: number; response?: { status?: number }; message?: string; name?: string };
  const status = e.status ?? e.response?.status ?? Number(/\b(429|5\d\d)\b/.exec(e.message ?? '')?.[1]);
  if (Number.isFinite(status) && status > 0) return status === 429 || status >= 500;
  return /ECONNRESET|ECONNREFUSED|socket hang up|fetch failed|network/i.test(e.message ?? '');
}

export interface RetryOptions {
  maxRetries: number;
  timeoutMs: number;
  /** First back-off; doubled each retry (250 ms, 500 ms, 1 s …). */
  baseDelayMs?: number;
  onRetry?: (attempt: number, error: unknown) => void;
}

/**
 * Runs one LLM call with a timeout per attempt and exponential back-off between retries of
 * retryable failures (429, 5xx, dropped connections). A timeout or a final failure becomes an
 * LlmError saying what to check.
 */
export async function withRetries<T>(
  call: (signal: AbortSignal) => Promise<T>,
  options: RetryOptions,
): Promise<T> {
  const base = options.baseDelayMs ?? 250;
  for (let attempt = 0; ; attempt++) {
    const signal = AbortSignal.timeout(options.timeoutMs);
    try {
      return await call(signal);
    } catch (error) {
      if (signal.aborted)
        throw new LlmError(
          `the LLM did not answer within ${options.timeoutMs} ms; raise llm.timeoutMs or check the endpoint`,
        );
      if (attempt >= options.maxRetries || !retryable(error)) {
        const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
        throw new LlmError(`LLM call failed after ${attempt + 1} attempt(s): ${message}`);
      }
      options.onRetry?.(attempt + 1, error);
      await new Promise((resolve) => setTimeout(resolve, base * 2 ** attempt));
    }
  }
}

/** A tool the model may call: a name, what it does, and its arguments' JSON schema. */
export interface ToolDefinition {
  name: string;
  description: string;
  parameters: Record<string, unknown>;
}

export interface LlmReply {
  text: string;
  calls: Array<{ name: string; args: Record<string, unknown> }>;
}

/**
 * The one LLM port of the process: tool-calling, whole answers and streamed ones, each with the
 * configured timeout and retries and the token counts added to the caller's usage. Built once;
 * the LangChain chat model behind it is made on first use.
 */
export interface LlmPort {
  callTools(
    system: string,
    user: string,
    tools: readonly ToolDefinition[],
    usage: TokenUsage,
    onRetry?: (n: number) => void,
  ): Promise<LlmReply>;
  complete(system: string, user: string, usage: TokenUsage, onRetry?: (n: number) => void): Promise<string>;
  /** Text pieces as the model writes them; a stream that breaks or times out throws an LlmError. */
  stream(
    system: string,
    user: string,
    usage: TokenUsage,
    onRetry?: (n: number) => void,
  ): AsyncIterable<string>;
}

export function createLlm(config: LlmConfig): LlmPort {
  let model: Promise<BaseChatModel> | undefined;
  const chat = () => {
    model ??= createChatModel(config);
    return model;
  };
  const retries = (onRetry?: (n: number) => void): RetryOptions => ({
    maxRetries: config.maxRetries,
    timeoutMs: config.timeoutMs,
    ...(onRetry ? { onRetry } : {}),
  });
  const messages = async (system: string, user: string) => {
    const { HumanMessage, SystemMessage } = await import('@langchain/core/messages');
    return [new SystemMessage(system), new HumanMessage(user)];
  };
  return {
    async callTools(system, user, tools, usage, onRetry) {
      const m = await chat();
      const bound = m.bindTools?.(tools.map((t) => ({ type: 'function' as const, function: t })));
      if (!bound) return { text: '', calls: [] };
      const msgs = await messages(system, user);
      const reply = await withRetries((signal) => bound.invoke(msgs, { signal }), retries(onRetry));
      usage.add(reply);
      return {
        text: typeof reply.content === 'string' ? reply.content : '',
        calls: (reply.tool_calls ?? []).map((c) => ({
          name: c.name,
          args: c.args as Record<string, unknown>,
        })),
      };
    },
    async complete(system, user, usage, onRetry) {
      const m = await chat();
      const msgs = await messages(system, user);
      const reply = await withRetries((signal) => m.invoke(msgs, { signal }), retries(onRetry));
      usage.add(reply);
      return typeof reply.content === 'string' ? reply.content : JSON.stringify(reply.content);
    },
    async *stream(system, user, usage, onRetry) {
      const m = await chat();
      const msgs = await messages(system, user);
      // The first chunk is awaited inside the retries, so a 5xx or a dead endpoint is retried like a
      // plain call; the attempt's timeout still bounds the whole stream.
      const opened = await withRetries(async (signal) => {
        const iterator = (await m.stream(msgs, { signal }))[Symbol.asyncIterator]();
        return { signal, iterator, first: await iterator.next() };
      }, retries(onRetry));
      let last: AIMessageChunk | undefined;
      try {
        for (let next = opened.first; !next.done; next = await opened.iterator.next()) {
          if (next.value.usage_metadata) last = next.value;
          yield typeof next.value.content === 'string' ? next.value.content : '';
        }
      } catch (error) {
        throw new LlmError(
          opened.signal.aborted
            ? `the LLM stream did not finish within ${config.timeoutMs} ms; raise llm.timeoutMs or check the endpoint`
            : `the LLM stream broke off: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`,
        );
      } finally {
        if (last) usage.add(last);
        else usage.calls++;
      }
    },
  };
}
