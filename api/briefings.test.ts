import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Fixture, openFixture, SECRET } from './test-fixture.js';

let f: Fixture;
beforeAll(async () => {
  f = await openFixture();
});
afterAll(() => f.close());

const requestBriefing = (key: string, body: unknown) =>
  f.request('/v1/briefings', {
    method: 'POST',
    key,
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });

/** Requests a briefing and waits on the queue (not the clock) until it has finished. */
async function completed(key: string, body: unknown): Promise<string> {
  const res = await requestBriefing(key, body);
  expect(res.status).toBe(202);
  const { jobId } = (await res.json()) as { jobId: string };
  const job = await (await f.engine.jobs()).wait(jobId);
  expect(job.state, job.error).toBe('completed');
  return jobId;
}

describe('briefings as jobs', () => {
  it('queues a briefing (202 + Location), audits the request, and reports it completed with download links', async () => {
    const res = await requestBriefing(f.key.analyst, { scope: 'product:碳酸锂' });
    expect(res.status).toBe(202);
    const accepted = (await res.json()) as { jobId: string; status: string };
    expect(accepted.status).toBe('queued');
    expect(res.headers.get('location')).toBe(`/v1/jobs/${accepted.jobId}`);
    expect(
      (await f.engine.state.audit.recent(5)).find((e) => e.action === 'briefings.request'),
    ).toMatchObject({
      outcome: 'ok',
      status: 202,
      role: 'analyst',
    });
    await (await f.engine.jobs()).wait(accepted.jobId);
    const job = await (await f.request(`/v1/jobs/${accepted.jobId}`, { key: f.key.analyst })).json();
    expect(job).toMatchObject({
      id: accepted.jobId,
      kind: 'briefing',
      state: 'completed',
      progress: { percent: 100 },
      briefing: {
        name: '碳酸锂',
        downloads: {
          md: `/v1/briefings/${accepted.jobId}/download?format=md`,
          docx: `/v1/briefings/${accepted.jobId}/download?format=docx`,
        },
      },
    });
    expect(JSON.stringify(job)).not.toMatch(/payload|principal|grants/);
    expect(JSON.stringify(job)).not.toContain(f.engine.dataDir);
    // Stored for any replica: who asked by key id only, and the files by blob key, not local path.
    const stored = await (await f.engine.jobs()).get(accepted.jobId);
    expect(stored!.payload).toEqual({
      scope: 'product:碳酸锂',
      formats: ['md', 'html', 'docx'],
      lang: 'zh',
      principal: { id: expect.stringMatching(/^key:[0-9a-f]{16}$/) },
    });
    expect(stored!.result).toMatchObject({
      files: {
        md: `briefings/${accepted.jobId}/briefing.md`,
        docx: `briefings/${accepted.jobId}/briefing.docx`,
      },
    });
  });

  it('downloads each format with its content type and a safe attachment name', async () => {
    const id = await completed(f.key.analyst, { scope: 'product:碳酸锂', lang: 'en' });
    const get = (format: string) =>
      f.request(`/v1/briefings/${id}/download?format=${format}`, { key: f.key.analyst });
    const md = await get('md');
    expect(md.status).toBe(200);
    expect(md.headers.get('content-type')).toMatch(/^text\/markdown/);
    const disposition = md.headers.get('content-disposition')!;
    expect(disposition).toMatch(
      new RegExp(`^attachment; filename="briefing-${id}\\.md"; filename\\*=UTF-8''`),
    );
    expect(decodeURIComponent(disposition.split("''")[1]!)).toBe(`碳酸锂-${id.slice(4, 12)}.md`);
    expect(await md.text()).toContain('碳酸锂');
    expect((await get('html')).headers.get('content-type')).toMatch(/^text\/html/);
    const docx = await get('docx');
    expect(docx.headers.get('content-type')).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
    expect(new TextDecoder().decode(new Uint8Array(await docx.arrayBuffer()).slice(0, 2))).toBe('PK');
  });

  it('shows a job only to its requester or an admin: 404 to anyone else, so ids cannot be probed', async () => {
    const id = await completed(f.key.e2, { scope: 'product:碳酸锂', formats: ['md'] });
    for (const key of [f.key.e1, f.key.analyst, f.key.evaluator]) {
      const res = await f.request(`/v1/jobs/${id}`, { key });
      expect(res.status).toBe(404);
      expect(((await res.json()) as { detail: string }).detail).toBe(`no job ${id}`);
    }
    const unknown = await f.request('/v1/jobs/job_00000000-0000-4000-8000-000000000000', { key: f.key.e1 });
    expect(((await unknown.json()) as { detail: string }).detail).toMatch(/^no job job_0/);
    expect((await f.request(`/v1/jobs/${id}`, { key: f.key.admin })).status).toBe(200);
    expect((await f.request(`/v1/jobs/${id}`, { key: f.key.e2 })).status).toBe(200);
    expect((await f.request('/v1/jobs/not-a-job', { key: f.key.e2 })).status).toBe(400);
  });

  it('enterprise A cannot download enterprise B’s briefing, nor brief B’s private products', async () => {
    const id = await completed(f.key.e2, { scope: `product:${SECRET.E2}`, formats: ['md'] });
    const theirs = await f.request(`/v1/briefings/${id}/download?format=md`, { key: f.key.e1 });
    expect(theirs.status).toBe(404);
    expect(await theirs.text()).not.toContain(SECRET.E2);
    const own = await f.request(`/v1/briefings/${id}/download?format=md`, { key: f.key.e2 });
    expect(await own.text()).toContain(SECRET.E2);
    const probe = await requestBriefing(f.key.e1, { scope: `product:${SECRET.E2}` });
    expect(probe.status).toBe(404);
    expect((await f.request(`/v1/briefings/${id}/download?format=md`, { key: f.key.admin })).status).toBe(
      200,
    );
  });

  it('refuses a format that was not rendered, a bad body, and the evaluator role', async () => {
    const id = await completed(f.key.analyst, { scope: 'product:碳酸锂', formats: ['md'] });
    expect((await f.request(`/v1/briefings/${id}/download?format=docx`, { key: f.key.analyst })).status).toBe(
      422,
    );
    expect((await f.request(`/v1/briefings/${id}/download?format=pdf`, { key: f.key.analyst })).status).toBe(
      400,
    );
    for (const body of [
      { scope: '碳酸锂' },
      { scope: 'product:碳酸锂', formats: ['pdf'] },
      { scope: 'product:碳酸锂', lang: 'fr' },
    ]) {
      expect((await requestBriefing(f.key.analyst, body)).status, JSON.stringify(body)).toBe(400);
    }
    expect((await requestBriefing(f.key.analyst, { scope: 'product:不存在的产品' })).status).toBe(404);
    expect((await requestBriefing(f.key.evaluator, { scope: 'product:碳酸锂' })).status).toBe(403);
  });
});
