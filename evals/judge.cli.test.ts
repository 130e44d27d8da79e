import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { FakeLlmServer } from '../models/llm/fake-server.test-suite.js';

const main = join(dirname(fileURLToPath(import.meta.url)), '..', 'cli', 'main.ts');
const work = mkdtempSync(join(tmpdir(), 'ibrain-judge-cli-'));

let server: FakeLlmServer;
beforeAll(async () => {
  server = await FakeLlmServer.start();
});
afterEach(() => server.reset());
afterAll(() => server.stop());

/** Asynchronous on purpose: a blocking spawn would stall the fake server living in this process. */
async function ibrain(args: string[], llm: Record<string, string>) {
  const env = {
    ...process.env,
    IBRAIN_DATA_DIR: join(work, 'data'),
    IBRAIN_DEBUG: '',
    LLM_TIMEOUT_MS: '10000',
    LLM_MAX_RETRIES: '2',
    ...llm,
  };
  try {
    const r = await promisify(execFile)(process.execPath, ['--import', 'tsx', main, ...args], { env });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (e) {
    const r = e as { code: number; stdout: string; stderr: string };
    return { code: r.code, stdout: r.stdout, stderr: r.stderr };
  }
}

const fake = () => ({
  LLM_PROVIDER: 'openai',
  LLM_BASE_URL: `${server.baseUrl}/v1`,
  LLM_MODEL: 'fake-judge',
});

const Report = z.object({
  items: z.array(z.object({ id: z.string(), scores: z.record(z.string(), z.number().nullable()) })),
  summary: z.object({
    metrics: z.record(z.string(), z.number()),
    n: z.record(z.string(), z.number()),
    judge: z
      .object({
        mean: z.number().nullable(),
        scored: z.number(),
        asked: z.number(),
        failed: z.number(),
        usage: z.object({ inputTokens: z.number(), outputTokens: z.number(), calls: z.number() }),
      })
      .optional(),
  }),
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
  {
    id: 'b',
    question: '碳酸锂的上游原料是什么？',
    reference: '锂辉石',
    answer: '是石油[1]。',
    citations: ['1'],
  },
];

describe('ibrain eval --judge', () => {
  const input = join(work, 'items.jsonl');
  writeFileSync(input, items.map((i) => JSON.stringify(i)).join('\n'));

  it('score --judge adds the judge beside the same offline metrics, with its tokens', async () => {
    const plain = Report.parse(
      JSON.parse((await ibrain(['eval', 'score', '--input', input, '--json'], {})).stdout),
    );
    server.script(
      { kind: 'text', text: '{"score": 0.9}', usage: { input: 50, output: 5 } },
      { kind: 'text', text: '{"score": 0.9}', usage: { input: 50, output: 5 } },
    );
    const r = await ibrain(['eval', 'score', '--input', input, '--json', '--judge'], fake());
    expect(r.code, r.stderr).toBe(0);
    const judged = Report.parse(JSON.parse(r.stdout));
    expect(judged.items.map((i) => i.scores.judge)).toEqual([0.9, 0.9]);
    expect(judged.summary.metrics).toEqual(plain.summary.metrics);
    expect(judged.summary.n).toEqual(plain.summary.n);
    expect(judged.items.map(({ scores: { judge: _, ...rest } }) => rest)).toEqual(
      plain.items.map((i) => i.scores),
    );
    expect(judged.summary.judge).toMatchObject({
      mean: 0.9,
      scored: 2,
      asked: 2,
      failed: 0,
      usage: { inputTokens: 100, outputTokens: 10, calls: 2 },
    });

    server.script({ kind: 'text', text: '{"score": 0.5}' }, { kind: 'text', text: 'no idea' });
    const human = await ibrain(['eval', 'score', '--input', input, '--judge'], fake());
    expect(human.stdout).toMatch(
      /LLM judge openai:fake-judge: 0\.5000 {2}\(scored 1 of 2 answered; 20 input \+ 10 output tokens\)/,
    );
  });

  it('run <suite> --judge judges the engine answers', async () => {
    server.script(...Array.from({ length: 2 }, () => ({ kind: 'text' as const, text: '{"score": 0.6}' })));
    const r = await ibrain(['eval', 'run', 'demo', '--limit', '2', '--json', '--judge'], fake());
    expect(r.code, r.stderr).toBe(0);
    const report = Report.parse(JSON.parse(r.stdout));
    expect(report.items.map((i) => i.scores.judge)).toEqual([0.6, 0.6]);
    expect(report.summary.judge).toMatchObject({ mean: 0.6, scored: 2, asked: 2 });
    expect(report.summary.metrics.answer_correctness).toBeTypeOf('number');
    expect(server.received).toHaveLength(2);
    for (const { body } of server.received) expect(body.messages[1]!.content).toMatch(/^Question: ".+"/);
  });

  it('--judge without an LLM exits 2 naming the settings, before scoring anything', async () => {
    for (const args of [
      ['eval', 'score', '--input', input, '--judge'],
      ['eval', 'run', 'demo', '--limit', '1', '--judge'],
    ]) {
      const r = await ibrain(args, { LLM_PROVIDER: 'none' });
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(/LLM_PROVIDER.*LLM_BASE_URL/);
      expect(r.stdout).toBe('');
    }
  });
});
