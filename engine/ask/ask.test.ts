import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enterprisePrincipal, PUBLIC_PRINCIPAL } from '../../knowledge-graph/schema/index.js';
import { loadConfig } from '../config/load.js';
import { Engine } from '../container.js';
import { loadDemo } from '../demo.js';
import { demoDataDir } from '../paths.js';
import { retrievalFor } from '../retrieval.js';
import { AskError, askFor, type AskService } from './index.js';
import { AskResultSchema } from './schema.js';

let dir: string;
let engine: Engine;
let ask: AskService;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ibrain-ask-'));
  engine = await Engine.open(loadConfig({ env: {}, overrides: { dataDir: dir } }));
  await loadDemo(engine);
  await (await retrievalFor(engine)).ingestPaths([join(demoDataDir(), 'policies')]);
  ask = askFor(engine);
});

afterAll(async () => {
  await engine.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('ask over the demo chain (offline)', () => {
  it('lists an enterprise’s products with citations naming the dataset and record', async () => {
    const r = await ask.ask('渝星动力卖哪些产品？', { principal: PUBLIC_PRINCIPAL });
    expect(AskResultSchema.parse(r)).toBeTruthy();
    expect(r.plan.steps.map((s) => s.op)).toEqual(['entity', 'lookup']);
    expect(r.language).toBe('zh');
    // The fact first, each with its marker; the products by revenue share with one decimal unless whole.
    expect(r.answer).toMatch(/发动机（收入占比 35%）\[\d+\]/);
    const engine = r.citations.find((c) => c.edgeId === 'PRODUCES|enterprise:D0001|product:发动机');
    expect(engine?.source).toMatch(/^demo edges\.jsonl:\d+/);
    expect(r.answer).toContain(`[${engine!.id}]`);
  });

  it('links stock codes, aliases and English names, and answers in the question’s language', async () => {
    const r = await ask.ask('Who are the suppliers of 900001.SH?', { principal: PUBLIC_PRINCIPAL });
    expect(r.entities[0]).toMatchObject({ id: 'enterprise:D0001', confidence: 1 });
    expect(r.language).toBe('en');
    expect(r.plan.steps).toContainEqual(
      expect.objectContaining({ op: 'relation', edge: 'SUPPLIES', direction: 'in' }),
    );
    const en = await ask.ask('Who produces lithium carbonate?', { principal: PUBLIC_PRINCIPAL });
    expect(en.entities[0]!.id).toBe('product:碳酸锂');
    expect(en.answer).toMatch(/producers/);
    const mixed = await ask.ask('哪些 companies 生产电解液？', { principal: PUBLIC_PRINCIPAL });
    expect(mixed.language).toBe('zh');
    expect(mixed.plan.steps).toContainEqual(
      expect.objectContaining({ op: 'relation', edge: 'PRODUCES', direction: 'in' }),
    );
  });

  it('walks upstream to N tiers and counts by region', async () => {
    const up = await ask.ask('动力电池的上游二级原材料有哪些', { principal: PUBLIC_PRINCIPAL });
    expect(up.plan.steps).toContainEqual(expect.objectContaining({ op: 'chain', direction: 'up', tiers: 2 }));
    expect(up.answer).toContain('第1层');
    expect(up.answer).toContain('第2层');
    expect(up.answer).toContain('电芯');
    const count = await ask.ask('两江新区有多少家企业？', { principal: PUBLIC_PRINCIPAL });
    expect(count.intent).toBe('count');
    expect(count.answer).toMatch(/共\d+家/);
  });

  it('quotes the best supporting sentence of a policy document', async () => {
    const r = await ask.ask('汽车行业产业大脑优先在哪些方向谋划？', { principal: PUBLIC_PRINCIPAL });
    expect(r.intent).toBe('documents');
    expect(r.answer).toContain('动力电池');
    expect(r.citations[0]!.docId).toBeTruthy();
  });

  it('says plainly when the data does not answer, with what is known nearby', async () => {
    const r = await ask.ask('霁川汽车的控股股东是谁？', { principal: PUBLIC_PRINCIPAL });
    if (!r.answered) expect(r.answer).toMatch(/没有找到/);
    const unknown = await ask.ask('星辰科技的供应商有哪些？', { principal: PUBLIC_PRINCIPAL });
    expect(unknown.answered).toBe(false);
    expect(unknown.answer).toContain('星辰科技');
    expect(unknown.citations).toHaveLength(0);
  });

  it('gives the same answer for the same data and question', async () => {
    const a = await ask.ask('哪些企业生产电解液？', { principal: PUBLIC_PRINCIPAL });
    const b = await ask.ask('哪些企业生产电解液？', { principal: PUBLIC_PRINCIPAL });
    expect(b.answer).toBe(a.answer);
    expect(b.citations).toEqual(a.citations);
  });

  it('streams the answer, then the citations, then the result', async () => {
    const events = [];
    for await (const e of ask.stream('渝星动力的主要产品有哪些？', { principal: PUBLIC_PRINCIPAL }))
      events.push(e);
    const done = events.at(-1);
    expect(done?.type).toBe('done');
    const text = events.flatMap((e) => (e.type === 'token' ? [e.text] : [])).join('');
    expect(done?.type === 'done' && done.result.answer).toBe(text);
    expect(events.some((e) => e.type === 'citations')).toBe(true);
  });
});

describe('bad input and private data', () => {
  it('rejects an empty question and one over 10,000 characters with a clear error', async () => {
    await expect(ask.ask('   ', { principal: PUBLIC_PRINCIPAL })).rejects.toThrow(AskError);
    await expect(ask.ask('碳'.repeat(10_001), { principal: PUBLIC_PRINCIPAL })).rejects.toThrow(
      /10,000 characters/,
    );
  });

  it('answers a 10,000-character question from its first 2,000 characters', async () => {
    const r = await ask.ask(`渝星动力的主要产品有哪些？${'啊'.repeat(9_980)}`, {
      principal: PUBLIC_PRINCIPAL,
    });
    expect(r.answer).toContain('问题过长');
    expect(r.answer).toContain('发动机');
  });

  it('never links, finds or quotes enterprise-private documents for other principals', async () => {
    const question = '关于渝星动力纳入行业产业大脑数据共享试点企业的告知书说了什么？';
    const outsider = await ask.ask(question, { principal: enterprisePrincipal('D0002') });
    expect(outsider.entities.some((e) => e.id === 'policy:yuxing-pilot')).toBe(false);
    expect(JSON.stringify(outsider)).not.toContain('渝经信函〔2025〕301号');
    const owner = await ask.ask(question, { principal: enterprisePrincipal('D0001') });
    expect(owner.entities.some((e) => e.id === 'policy:yuxing-pilot')).toBe(true);
    expect(JSON.stringify(owner)).toContain('渝经信函〔2025〕301号');
  });

  it('treats a private entity named by id like an unknown one', async () => {
    const r = await ask.ask('policy:jichuan-support 是什么？', { principal: PUBLIC_PRINCIPAL });
    expect(JSON.stringify(r)).not.toContain('渝经信函〔2025〕318号');
  });
});
