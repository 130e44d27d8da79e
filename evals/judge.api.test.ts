import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../api/app.js';
import { loadConfig } from '../engine/config/load.js';
import type { ConfigInput } from '../engine/config/schema.js';
import { Engine } from '../engine/container.js';
import { type EvalReport, provideEvals } from '../engine/evals-port.js';
import { FakeLlmServer } from '../models/llm/fake-server.test-suite.js';
import { evalService } from './service.js';

/** An API over an engine with the given LLM settings, evaluation plugged in as `ibrain serve` does. */
async function openApi(llm: ConfigInput['llm']) {
  const dataDir = mkdtempSync(join(tmpdir(), 'ibrain-judge-api-'));
  const engine = await Engine.open(loadConfig({ env: {}, overrides: { dataDir, llm } }));
  provideEvals(engine, evalService(engine));
  const app = createApp(engine, { logger: pino({ level: 'silent' }) });
  const key = (await engine.state.keys.create({ role: 'evaluator' })).key;
  return {
    score: (body: unknown) =>
      app.request('/v1/evals/score', {
        method: 'POST',
        headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      }),
    async close() {
      await engine.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

let server: FakeLlmServer;
let api: Awaited<ReturnType<typeof openApi>>;
let offline: Awaited<ReturnType<typeof openApi>>;
beforeAll(async () => {
  server = await FakeLlmServer.start();
  api = await openApi({
    provider: 'openai',
    baseUrl: `${server.baseUrl}/v1`,
    model: 'fake-judge',
    timeoutMs: 5_000,
    maxRetries: 1,
  });
  offline = await openApi({ provider: 'none' });
});
afterEach(() => server.reset());
afterAll(async () => {
  await api.close();
  await offline.close();
  await server.stop();
});

const items = [
  {
    id: 'a',
    question: '碳酸锂的上游原料是什么？',
    reference: '碳酸锂的上游原料是锂辉石。',
    answer: '碳酸锂的上游原料是锂辉石[1]。',
    contexts: [{ id: '1', text: '碳酸锂由锂辉石提炼。' }],
    citations: ['1'],
  },
];

describe('POST /v1/evals/score with judge', () => {
  it('adds the judge beside the offline metrics, which stay as without it', async () => {
    server.script(
      { kind: 'error', status: 503 },
      { kind: 'text', text: '{"score": 0.8}', usage: { input: 30, output: 4 } },
    );
    const res = await api.score({ items, judge: true });
    expect(res.status).toBe(200);
    const judged = (await res.json()) as EvalReport;
    const plain = (await (await api.score({ items })).json()) as EvalReport;
    expect(server.received).toHaveLength(2);
    expect(judged.items[0]!.scores.judge).toBe(0.8);
    expect(plain.items[0]!.scores).not.toHaveProperty('judge');
    expect({ ...judged.items[0]!.scores, judge: undefined }).toEqual(plain.items[0]!.scores);
    expect(judged.summary.metrics).toEqual(plain.summary.metrics);
    expect(plain.summary.judge).toBeUndefined();
    expect(judged.summary.judge).toEqual({
      model: 'openai:fake-judge',
      mean: 0.8,
      scored: 1,
      asked: 1,
      failed: 0,
      usage: { inputTokens: 30, outputTokens: 4, totalTokens: 34, calls: 1 },
    });
  });

  it('refuses judge: true without an LLM, naming the settings, and still scores without it', async () => {
    const res = await offline.score({ items, judge: true });
    expect(res.status).toBe(422);
    expect(((await res.json()) as { detail: string }).detail).toMatch(/LLM_PROVIDER.*LLM_BASE_URL/);
    expect((await offline.score({ items, judge: false })).status).toBe(200);
    expect((await offline.score({ items, judge: 'yes' })).status).toBe(400);
  });
});
