import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GapReport } from '../../../engine/gaps/gaps.js';
import { type Fixture, openFixture, SECRET } from '../../test-fixture.js';
import { gapsWorkbook } from './gaps-xlsx.js';
import { shownError, tt } from './text.js';

describe('analyst tool pages', () => {
  let f: Fixture;
  beforeAll(async () => {
    f = await openFixture();
  });
  afterAll(async () => {
    await f.close();
  });

  it('are for analysts and admins; the upload page for enterprise staff too', async () => {
    for (const path of ['/ask', '/scenarios', '/gaps', '/alternatives', '/briefings', '/upload']) {
      expect((await f.request(path, { key: f.key.analyst })).status, path).toBe(200);
      expect((await f.request(path, { key: f.key.admin })).status, path).toBe(200);
      expect((await f.request(path, { key: f.key.evaluator })).status, path).toBe(403);
      const anonymous = await f.request(path);
      expect(anonymous.status).toBe(303);
      expect(anonymous.headers.get('location')).toBe(`/login?next=${encodeURIComponent(path)}`);
    }
    for (const path of ['/ask', '/scenarios', '/gaps', '/alternatives', '/briefings'])
      expect((await f.request(path, { key: f.key.e1 })).status, path).toBe(403);
    const upload = await (await f.request('/upload', { key: f.key.e1 })).text();
    expect(upload).toContain('仅甲企业可见');
    expect(upload).not.toContain('upload-visibility');
  });

  it('offers names by substring, exact first, only what the caller may see', async () => {
    const hits = async (key: string, q: string, types = 'Product') => {
      const res = await f.request(`/tools/entities?q=${encodeURIComponent(q)}&types=${types}`, { key });
      expect(res.status).toBe(200);
      return ((await res.json()) as { hits: Array<{ id: string; name: string }> }).hits;
    };
    expect((await hits(f.key.analyst, '酸锂')).map((h) => h.name)).toEqual(['碳酸锂']);
    expect((await hits(f.key.analyst, '锂')).map((h) => h.name)).toEqual(['锂辉石', '碳酸锂']);
    expect((await hits(f.key.analyst, '锂辉石'))[0]).toEqual({
      id: 'product:锂辉石',
      name: '锂辉石',
      type: 'Product',
    });
    expect(await hits(f.key.analyst, SECRET.E1)).toEqual([]);
    expect((await hits(f.key.e1, SECRET.E1)).map((h) => h.name)).toEqual([SECRET.E1]);
    expect(await hits(f.key.analyst, '动力电池', 'Enterprise')).toEqual([]);
    expect((await f.request('/tools/entities?q=x')).status).toBe(401);
  });

  it('shows the API’s answer on /ask', async () => {
    const question = '动力电池的上游原料有哪些？';
    const api = (await (
      await f.request('/v1/ask', {
        key: f.key.analyst,
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ question }),
      })
    ).json()) as { answer: string };
    const html = await (
      await f.request(`/ask?q=${encodeURIComponent(question)}`, { key: f.key.analyst })
    ).text();
    const shown = /<p class="ask-answer">([\s\S]*?)<\/p>/.exec(html)?.[1] ?? '';
    const text = shown.replace(/<[^>]+>/g, '');
    expect(api.answer).toContain('碳酸锂');
    expect(text).toBe(api.answer);
  });

  it('runs a scenario from picked ids and reports bad input in the page’s language', async () => {
    const run = await (
      await f.request(
        `/scenarios?run=1&kind0=price&target0=${encodeURIComponent('product:锂辉石')}&target0Name=锂辉石&pct0=50`,
        {
          key: f.key.analyst,
        },
      )
    ).text();
    expect(run).toMatch(/id="scenario-products"/);
    expect(run.replace(/<[^>]+>/g, '')).toContain('锂辉石 → 碳酸锂 → 动力电池');
    const bad = await (
      await f.request('/scenarios?run=1&kind0=price&target0Name=锂辉石&pct0=-120', { key: f.key.analyst })
    ).text();
    expect(bad).toContain(tt('zh', 'priceFloor'));
    const unknown = await (
      await f.request('/scenarios?run=1&kind0=price&target0Name=不存在的产品&pct0=10&lang=en', {
        key: f.key.analyst,
      })
    ).text();
    expect(unknown).toContain('Nothing is named “不存在的产品”');
  });

  it('requests a briefing by scope name and lists it for its requester and admins only', async () => {
    const res = await f.request('/briefings', {
      key: f.key.analyst,
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ scope: '', scopeName: '碳酸锂', lang: 'zh' }).toString(),
    });
    expect(res.status).toBe(303);
    const mine = await (await f.request('/briefings', { key: f.key.analyst })).text();
    const jobId = /data-job="(job_[0-9a-f-]{36})"/.exec(mine)?.[1];
    expect(jobId).toBeDefined();
    expect(mine).toContain('碳酸锂');
    await (await f.engine.jobs()).wait(jobId!, 120_000);
    expect(await (await f.request('/briefings', { key: f.key.admin })).text()).toContain(jobId!);
    const colleague = (await f.engine.state.keys.create({ role: 'analyst' })).key;
    expect(await (await f.request('/briefings', { key: colleague })).text()).not.toContain(jobId!);
    const bad = await f.request('/briefings', {
      key: f.key.analyst,
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ scopeName: SECRET.E2, lang: 'zh' }).toString(),
    });
    expect(bad.status).toBe(404);
    expect(await bad.text()).toContain(`未找到名为“${SECRET.E2}”的对象`);
  }, 150_000);
});

describe('the chain-gap workbook', () => {
  it('has a row per candidate under headers in the page’s language', async () => {
    const report: GapReport = {
      region: { id: 'region:重庆市', name: '重庆市' },
      chain: { id: 'product:动力电池', name: '动力电池' },
      tiers: 2,
      inputs: 5,
      gaps: [
        {
          id: 'product:隔膜',
          name: '隔膜',
          tier: 2,
          localProducers: 0,
          outsideProducers: 2,
          criticality: 0.71,
          candidates: [
            { id: 'enterprise:A', name: '甲隔膜', province: '江苏省', weight: 0.4 },
            { id: 'enterprise:B', name: '乙隔膜', weight: 0.2 },
          ],
        },
        {
          id: 'product:铜箔',
          name: '铜箔',
          tier: 1,
          localProducers: 1,
          outsideProducers: 0,
          criticality: 0.3,
          candidates: [],
        },
      ],
      notes: [{ en: 'a note', zh: '一条说明' }],
    };
    for (const lang of ['zh', 'en'] as const) {
      const book = new ExcelJS.Workbook();
      await book.xlsx.load((await gapsWorkbook(report, lang)).buffer as ArrayBuffer);
      const sheet = book.worksheets[0]!;
      expect(sheet.name).toBe(tt(lang, 'sheetGaps'));
      expect(sheet.getRow(2).values).toEqual([
        undefined,
        tt(lang, 'gap'),
        tt(lang, 'tier'),
        tt(lang, 'localProducers'),
        tt(lang, 'outsideProducers'),
        tt(lang, 'criticality'),
        tt(lang, 'candidates'),
        tt(lang, 'province'),
        tt(lang, 'specialisation'),
      ]);
      expect(sheet.getRow(3).values).toEqual([undefined, '隔膜', 2, 0, 2, 71, '甲隔膜', '江苏省', 0.4]);
      expect(sheet.getRow(4).values).toEqual([undefined, '隔膜', 2, 0, 2, 71, '乙隔膜', '', 0.2]);
      expect(sheet.getRow(5).getCell(1).value).toBe('铜箔');
      expect(sheet.getRow(5).getCell(6).value).toBe('');
      expect(sheet.getRow(6).getCell(1).value).toBe(lang === 'zh' ? '一条说明' : 'a note');
    }
  });
});

describe('errors in the page’s language', () => {
  it('words the engine’s known errors for people and keeps the rest as details', () => {
    expect(shownError('zh', 'no entity named "铝" of type Product; check the spelling')).toEqual({
      message: '未找到名为“铝”的对象，请检查名称或从搜索结果中选择',
    });
    expect(shownError('en', '碳酸锂 (product:碳酸锂) is not part of the analysed chain').message).toBe(
      '碳酸锂 is not part of the chain that can be analysed',
    );
    expect(shownError('zh', 'something new')).toEqual({ message: '请求未能完成', detail: 'something new' });
  });
});
