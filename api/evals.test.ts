import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { provideEvals } from '../engine/evals-port.js';
import { retrievalFor } from '../engine/retrieval.js';
import { type Fixture, openFixture } from './test-fixture.js';

let f: Fixture;
beforeAll(async () => {
  f = await openFixture();
});
afterAll(() => f.close());

const post = (path: string, key: string, body: string, type = 'application/json') =>
  f.request(path, { method: 'POST', key, headers: { 'Content-Type': type }, body });

const item = (id: string) => ({
  id,
  question: '碳酸锂的上游原料是什么？',
  reference: '碳酸锂的上游原料是锂辉石。',
  answer: '碳酸锂的上游原料是锂辉石[1]。',
  contexts: [{ id: '1', text: '碳酸锂由锂辉石提炼。' }],
  citations: ['1'],
});

interface Report {
  items: Array<{ id: string; scores: Record<string, number | null> }>;
  summary: { count: number };
  skipped: Array<{ line: number; message: string }>;
}

describe('evals', () => {
  it('answers 503 while no evaluation service is plugged in', async () => {
    const res = await post('/v1/evals/score', f.key.evaluator, JSON.stringify({ items: [item('a')] }));
    expect(res.status).toBe(503);
    expect(res.headers.get('content-type')).toMatch(/problem\+json/);
    // As `ibrain serve` does: evals/ is loaded after the API and plugged into the engine's port.
    const { evalService } = await import('../evals/service.js');
    provideEvals(f.engine, evalService(f.engine));
  });

  it('scores JSON items, reporting a malformed one by position while scoring the rest', async () => {
    const res = await post(
      '/v1/evals/score',
      f.key.evaluator,
      JSON.stringify({ items: [item('a'), { id: 'b' }, item('c')] }),
    );
    expect(res.status).toBe(200);
    const report = (await res.json()) as Report;
    expect(report.items.map((i) => i.id)).toEqual(['a', 'c']);
    expect(report.items[0]!.scores.answer_correctness).toBeGreaterThan(0.5);
    expect(report.summary.count).toBe(2);
    expect(report.skipped).toEqual([{ line: 2, id: 'b', message: expect.stringMatching(/question/) }]);
  });

  it('scores JSON lines, naming the broken line', async () => {
    const text = [JSON.stringify(item('a')), '{"id": "b", "question":', '', JSON.stringify(item('c'))].join(
      '\n',
    );
    const res = await post('/v1/evals/score', f.key.admin, text, 'application/x-ndjson');
    expect(res.status).toBe(200);
    const report = (await res.json()) as Report;
    expect(report.items.map((i) => i.id)).toEqual(['a', 'c']);
    expect(report.skipped).toEqual([{ line: 2, message: expect.stringMatching(/^invalid JSON/) }]);
  });

  it('refuses nothing-to-score with 422, other roles with 403, other media types with 415', async () => {
    const none = await post(
      '/v1/evals/score',
      f.key.evaluator,
      '{"id": 1}\nnot json',
      'application/x-ndjson',
    );
    expect(none.status).toBe(422);
    expect(((await none.json()) as { errors: Array<{ path: string }> }).errors.map((e) => e.path)).toEqual([
      'line 1',
      'line 2',
    ]);
    expect(
      (await post('/v1/evals/score', f.key.analyst, JSON.stringify({ items: [item('a')] }))).status,
    ).toBe(403);
    expect((await post('/v1/evals/score', f.key.evaluator, 'x', 'text/csv')).status).toBe(415);
    expect((await post('/v1/evals/score', f.key.evaluator, JSON.stringify({ items: [] }))).status).toBe(400);
  });

  it('runs a demo suite as a job on a temporary engine, leaving the live data alone', async () => {
    const before = (await (await retrievalFor(f.engine)).documents()).length;
    expect((await post('/v1/evals/run', f.key.evaluator, JSON.stringify({ suite: 'nope' }))).status).toBe(
      404,
    );
    expect(
      (await post('/v1/evals/run', f.key.evaluator, JSON.stringify({ suite: 'demo-retrieval', limit: 501 })))
        .status,
    ).toBe(400);
    const res = await post(
      '/v1/evals/run',
      f.key.evaluator,
      JSON.stringify({ suite: 'demo-retrieval', limit: 2 }),
    );
    expect(res.status).toBe(202);
    const { jobId } = (await res.json()) as { jobId: string };
    const done = await (await f.engine.jobs()).wait(jobId);
    expect(done.state, done.error).toBe('completed');
    const job = (await (await f.request(`/v1/jobs/${jobId}`, { key: f.key.evaluator })).json()) as {
      evalRun: Report & { suite: string };
    };
    expect(job.evalRun.suite).toBe('demo-retrieval');
    expect(job.evalRun.items).toHaveLength(2);
    expect(job.evalRun.items[0]!.scores).toHaveProperty('context_recall');
    expect((await f.request(`/v1/jobs/${jobId}`, { key: f.key.analyst })).status).toBe(404);
    expect((await (await retrievalFor(f.engine)).documents()).length).toBe(before);
  }, 300_000);
});
