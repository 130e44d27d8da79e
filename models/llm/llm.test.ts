import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HumanMessage } from '@langchain/core/messages';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChatModel, LlmError, TokenUsage, withRetries } from './index.js';

/** A local server speaking the OpenAI /v1/chat/completions and Ollama /api/chat wire protocols. */
let server: Server;
let base: string;
let failuresLeft = 0;
let delayMs = 0;
const seen: string[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      seen.push(body);
      setTimeout(() => {
        if (failuresLeft > 0) {
          failuresLeft--;
          res
            .writeHead(500, { 'content-type': 'application/json' })
            .end('{"error":{"message":"overloaded"}}');
          return;
        }
        const request = JSON.parse(body) as { model: string; stream?: boolean };
        if (req.url === '/api/chat') {
          res.writeHead(200, { 'content-type': 'application/json' }).end(
            JSON.stringify({
              model: request.model,
              message: { role: 'assistant', content: '渝星动力生产发动机[1]。' },
              done: true,
              prompt_eval_count: 12,
              eval_count: 7,
            }),
          );
          return;
        }
        const usage = { prompt_tokens: 20, completion_tokens: 5, total_tokens: 25 };
        if (request.stream) {
          res.writeHead(200, { 'content-type': 'text/event-stream' });
          for (const piece of ['渝星动力', '生产发动机[1]。']) {
            res.write(
              `data: ${JSON.stringify({ id: 'c', object: 'chat.completion.chunk', created: 0, model: request.model, choices: [{ index: 0, delta: { content: piece }, finish_reason: null }] })}\n\n`,
            );
          }
          res.write(
            `data: ${JSON.stringify({ id: 'c', object: 'chat.completion.chunk', created: 0, model: request.model, choices: [], usage })}\n\n`,
          );
          res.end('data: [DONE]\n\n');
          return;
        }
        res.writeHead(200, { 'content-type': 'application/json' }).end(
          JSON.stringify({
            id: 'c',
            object: 'chat.completion',
            created: 0,
            model: request.model,
            choices: [
              {
                index: 0,
                message: { role: 'assistant', content: '渝星动力生产发动机[1]。' },
                finish_reason: 'stop',
              },
            ],
            usage,
          }),
        );
      }, delayMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const openai = () => ({
  provider: 'openai' as const,
  baseUrl: `${base}/v1`,
  model: 'test-model',
  timeoutMs: 2_000,
  maxRetries: 3,
});

describe('LLM providers over the wire', () => {
  it('answers over the OpenAI protocol and counts tokens', async () => {
    const model = await createChatModel(openai());
    const usage = new TokenUsage();
    const reply = await withRetries((signal) => model.invoke([new HumanMessage('hi')], { signal }), openai());
    usage.add(reply);
    expect(reply.content).toContain('[1]');
    expect(usage.toJSON()).toEqual({ inputTokens: 20, outputTokens: 5, totalTokens: 25, calls: 1 });
  });

  it('retries 500s with back-off, then succeeds', async () => {
    failuresLeft = 2;
    const retries: number[] = [];
    const model = await createChatModel(openai());
    const reply = await withRetries((signal) => model.invoke([new HumanMessage('hi')], { signal }), {
      ...openai(),
      baseDelayMs: 5,
      onRetry: (n) => retries.push(n),
    });
    expect(retries).toEqual([1, 2]);
    expect(reply.content).toContain('发动机');
  });

  it('turns a timeout into an error saying what to change', async () => {
    delayMs = 500;
    const model = await createChatModel(openai());
    await expect(
      withRetries((signal) => model.invoke([new HumanMessage('hi')], { signal }), {
        ...openai(),
        timeoutMs: 100,
        maxRetries: 0,
      }),
    ).rejects.toThrow(LlmError);
    delayMs = 0;
  });

  it('streams tokens over SSE with usage at the end', async () => {
    const model = await createChatModel(openai());
    let text = '';
    const usage = new TokenUsage();
    for await (const chunk of await model.stream([new HumanMessage('hi')])) {
      text += typeof chunk.content === 'string' ? chunk.content : '';
      if (chunk.usage_metadata) usage.add(chunk);
    }
    expect(text).toBe('渝星动力生产发动机[1]。');
    expect(usage.totalTokens).toBe(25);
  });

  it('answers over the Ollama protocol', async () => {
    const model = await createChatModel({
      provider: 'ollama',
      baseUrl: base,
      model: 'llama3.1',
      timeoutMs: 2_000,
      maxRetries: 0,
    });
    const reply = await model.invoke([new HumanMessage('hi')]);
    expect(reply.content).toContain('发动机');
    expect(reply.usage_metadata?.total_tokens).toBe(19);
  });

  it.skipIf(!process.env.LLM_BASE_URL)('answers from a real endpoint when LLM_BASE_URL is set', async () => {
    const model = await createChatModel({
      provider: (process.env.LLM_PROVIDER as 'openai' | 'ollama' | undefined) ?? 'openai',
      baseUrl: process.env.LLM_BASE_URL,
      apiKey: process.env.LLM_API_KEY,
      model: process.env.LLM_MODEL ?? 'deepseek-chat',
      timeoutMs: 60_000,
      maxRetries: 2,
    });
    const reply = await model.invoke([new HumanMessage('Reply with the single word: ok')]);
    expect(String(reply.content).toLowerCase()).toContain('ok');
  });
});
