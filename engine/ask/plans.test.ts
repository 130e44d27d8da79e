import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GraphEdge, type GraphNode, PUBLIC_PRINCIPAL } from '../../knowledge-graph/schema/index.js';
import { loadConfig } from '../config/load.js';
import { Engine } from '../container.js';
import { loadDemo } from '../demo.js';
import { type AskService, askFor } from './index.js';
import { EntityDictionary } from './linking/dictionary.js';

/**
 * The behaviours a question must get whatever its wording: refusals for what the data lacks,
 * ordinary words never taken for names, composed plans for two tiers and comparisons. Run on the
 * shipped demo chain, so they hold without ../shared.
 */

let dir: string;
let engine: Engine;
let ask: AskService;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ibrain-plans-'));
  engine = await Engine.open(loadConfig({ env: {}, overrides: { dataDir: dir } }));
  await loadDemo(engine);
  ask = askFor(engine);
});

afterAll(async () => {
  await engine.close();
  rmSync(dir, { recursive: true, force: true });
});

const REFUSAL = /没有找到|未找到|数据中没有|not found|no record|does not contain|out of scope/i;

describe('refusals', () => {
  it('refuses a made-up company with no citation, in either language', async () => {
    for (const q of [
      '重庆星辰精密齿轮股份有限公司的主营产品有哪些？',
      '星辰科技的供应商有哪些？',
      'What does 重庆星辰精密齿轮股份有限公司 produce?',
    ]) {
      const r = await ask.ask(q, { principal: PUBLIC_PRINCIPAL });
      expect(r.answered, q).toBe(false);
      expect(r.answer, q).toMatch(REFUSAL);
      expect(r.citations, q).toEqual([]);
      expect(r.answer, q).not.toMatch(/齿轮（|科技（/);
    }
  });

  it('refuses off-topic questions instead of quoting something', async () => {
    for (const q of [
      '明天重庆天气怎么样？要不要带伞？',
      'Who won the 2022 FIFA World Cup?',
      '推荐一部好看的电影',
    ]) {
      const r = await ask.ask(q, { principal: PUBLIC_PRINCIPAL });
      expect(r.intent, q).toBe('refusal');
      expect(r.answer, q).toMatch(REFUSAL);
      expect(r.citations, q).toEqual([]);
    }
  });

  it('refuses a figure the data does not hold rather than give a neighbouring one', async () => {
    const r = await ask.ask('渝星动力有多少名员工？', { principal: PUBLIC_PRINCIPAL });
    expect(r.answer).toMatch(REFUSAL);
    expect(r.answer).not.toMatch(/\d+名/);
  });
});

describe('plans composed of operators', () => {
  it('returns the second tier of inputs, grouped by the first-tier input they feed', async () => {
    for (const q of [
      '动力电池的原料又是用什么原料做的？',
      'What are the inputs of the inputs of 动力电池?',
      '动力电池往上追两层原料',
    ]) {
      const r = await ask.ask(q, { principal: PUBLIC_PRINCIPAL });
      expect(r.plan.steps, q).toContainEqual(
        expect.objectContaining({ op: 'chain', direction: 'up', tiers: 2 }),
      );
      const chain = (
        r.data.values as Array<{ kind: string; rows?: Array<{ tier?: number; parent?: string }> }>
      ).find((v) => v.rows?.some((row) => row.tier === 2));
      expect(chain, q).toBeDefined();
      const second = chain!.rows!.filter((row) => row.tier === 2);
      expect(second.length, q).toBeGreaterThan(0);
      // Tier-2 inputs are named in the answer under the tier-1 input they go into.
      expect(r.answer, q).toContain(`${second[0]!.parent}←`.replace('←', r.language === 'zh' ? '←' : ' ← '));
    }
  });

  it('names both sides of a comparison with their own figures', async () => {
    const r = await ask.ask('长寿区和江津区，哪个区的企业更多？各有多少家？', {
      principal: PUBLIC_PRINCIPAL,
    });
    expect(r.plan.steps.at(-1)).toMatchObject({ op: 'compare', measure: 'count' });
    expect(r.answer).toMatch(/长寿区：\d+家/);
    expect(r.answer).toMatch(/江津区：\d+家/);
    const en = await ask.ask('Compare 长寿区 and 江津区: which has more enterprises?', {
      principal: PUBLIC_PRINCIPAL,
    });
    expect(en.answer).toContain('长寿区');
    expect(en.answer).toContain('江津区');
  });

  it('composes producers of the inputs of a product from the same operators', async () => {
    const r = await ask.ask('隔膜的上游原料有哪些企业在生产？', { principal: PUBLIC_PRINCIPAL });
    expect(r.plan.steps.map((s) => s.op)).toEqual(['entity', 'chain', 'relation']);
    expect(r.plan.steps[2]).toMatchObject({ edge: 'PRODUCES', direction: 'in' });
  });

  it('answers "the inputs of the top product of a company" as products → top-1 → chain', async () => {
    const r = await ask.ask('渝星动力收入占比最高的产品是什么？它用什么原料做的？', {
      principal: PUBLIC_PRINCIPAL,
    });
    expect(r.plan.steps.map((s) => s.op)).toEqual(['entity', 'relation', 'top', 'chain']);
    expect(r.answer).toContain('发动机');
  });

  it('ranks districts by their enterprises without calling them listed companies', async () => {
    for (const q of ['哪个区的企业最多？', 'Which district has the most enterprises?']) {
      const r = await ask.ask(q, { principal: PUBLIC_PRINCIPAL });
      expect(r.plan.steps.at(-1), q).toMatchObject({ op: 'aggregate', groupBy: 'region' });
      expect(r.answer, q).not.toMatch(/上市公司|listed/);
      expect(r.citations.length, q).toBeGreaterThan(0);
    }
  });

  it('answers each part of a two-part document question from its own sentence', async () => {
    const r = await ask.ask(
      '充电基础设施实施方案对主城区公共充电服务半径有什么要求？建设进度多久通报一次？',
      {
        principal: PUBLIC_PRINCIPAL,
      },
    );
    expect(r.plan.steps.filter((s) => s.op === 'documents')).toHaveLength(2);
    expect(r.answer).toMatch(/2公里/);
    expect(r.answer).toMatch(/每半年/);
  });

  it('shows its plan in the trace', async () => {
    const r = await ask.ask('隔膜的上游原料有哪些？', { principal: PUBLIC_PRINCIPAL });
    expect(r.trace.find((t) => t.step === 'plan')?.detail).toMatch(/0:entity.*1:chain\(from=0, direction=up/);
  });
});

describe('linking', () => {
  const provenance = [{ source: 'test', record: 'r', ingestedAt: '2025-01-01T00:00:00.000Z', confidence: 1 }];
  const node = (id: string, type: GraphNode['type'], name: string, props = {}): GraphNode =>
    ({ id, type, name, aliases: [], props, provenance, visibility: 'public' }) as GraphNode;

  it('never links ordinary words, even where the data holds products of that name', async () => {
    const words = mkdtempSync(join(tmpdir(), 'ibrain-words-'));
    const e = await Engine.open(loadConfig({ env: {}, overrides: { dataDir: words } }));
    try {
      await e.graph.upsert({
        nodes: [
          node('product:科技', 'Product', '科技'),
          node('product:主营', 'Product', '主营'),
          node('product:上市公司', 'Product', '上市公司'),
          node('product:手机', 'Product', '手机'),
          node('product:控制器', 'Product', '控制器'),
          node('industry:上游原材料', 'Industry', '上游原材料'),
          node('product:大两', 'Product', '大两'),
          node('product:固态', 'Product', '固态'),
          node('product:电池', 'Product', '电池'),
          node('product:锂电池', 'Product', '锂电池'),
          node('product:国际', 'Product', '国际'),
          node('product:大概', 'Product', '大概'),
          node('product:铝', 'Product', '铝'),
          node('enterprise:000001', 'Enterprise', '星河电子', { code: '000001' }),
        ],
        edges: [
          {
            id: 'PRODUCES|enterprise:000001|product:手机',
            type: 'PRODUCES',
            from: 'enterprise:000001',
            to: 'product:手机',
            props: { weight: 0.5 },
            provenance,
            visibility: 'public',
          } as GraphEdge,
        ],
      });
      const dictionary = await EntityDictionary.build(e.graph);
      const linked = (q: string) => dictionary.link(q, PUBLIC_PRINCIPAL).entities.map((x) => x.name);
      expect(linked('做手机的上市公司有几家？')).toEqual(['手机']);
      expect(linked('星河电子的主营业务是什么？是科技公司吗？')).toEqual(['星河电子']);
      // A product named like an ordinary word is still found when it is what is asked about.
      expect(linked('哪些企业生产控制器？')).toEqual(['控制器']);
      // A name that is itself the words of a relation is read as the relation.
      expect(linked('手机的上游原材料有哪些？')).toEqual(['手机']);
      // Revenue lines named by ordinary words of general Chinese (an adverb, a very common noun).
      expect(linked('IMF数据里国际铝价大概多少？')).toEqual(['铝']);
      // No name runs across the end of a clause.
      expect(linked('谁更大？两家各有多少？')).toEqual([]);
      // Two names run together with nothing between are one compound the data does not hold.
      const compound = dictionary.link('固态电池的原料有哪些？', PUBLIC_PRINCIPAL);
      expect(compound.entities).toEqual([]);
      expect(compound.unknown.map((u) => u.text)).toEqual(['固态电池']);
      // …and the names it holds inside are what a refusal offers as near.
      expect(compound.unknown[0]!.near).toEqual(['电池', '固态']);
    } finally {
      await e.close();
      rmSync(words, { recursive: true, force: true });
    }
  });

  it('knows a company imported while the service runs', async () => {
    const provenance = [
      { source: 'test', record: 'r', ingestedAt: '2025-01-01T00:00:00.000Z', confidence: 1 },
    ];
    const before = await ask.ask('翎峰新材料的主要产品有哪些？', { principal: PUBLIC_PRINCIPAL });
    expect(before.entities.some((e) => e.id === 'enterprise:T0001')).toBe(false);
    await engine.graph.upsert({
      nodes: [
        {
          id: 'enterprise:T0001',
          type: 'Enterprise',
          name: '翎峰新材料',
          aliases: [],
          props: {},
          provenance,
          visibility: 'public',
        },
      ],
      edges: [
        {
          id: 'PRODUCES|enterprise:T0001|product:隔膜',
          type: 'PRODUCES',
          from: 'enterprise:T0001',
          to: 'product:隔膜',
          props: { weight: 0.6 },
          provenance,
          visibility: 'public',
        },
      ],
    });
    const after = await ask.ask('翎峰新材料的主要产品有哪些？', { principal: PUBLIC_PRINCIPAL });
    expect(after.entities.map((e) => e.id)).toContain('enterprise:T0001');
    expect(after.answer).toContain('隔膜（收入占比 60%）');
  });

  it('reads traditional characters, full-width forms, spaces and a one-character typo of a company', async () => {
    for (const q of [
      '渝星動力的主要產品有哪些？',
      '渝 星 动 力 的主要产品有哪些？',
      '９０００01的主要产品有哪些？',
      '渝星动利的主要产品有哪些？',
    ]) {
      const r = await ask.ask(q, { principal: PUBLIC_PRINCIPAL });
      expect(
        r.entities.map((x) => x.id),
        q,
      ).toContain('enterprise:D0001');
      expect(r.answer, q).toContain('发动机');
    }
  });
});
