import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PUBLIC_PRINCIPAL, SYSTEM_PRINCIPAL, enterprisePrincipal } from '../knowledge-graph/schema/index.js';
import { type Harness, openHarness } from './harness.test-support.js';

const NOTICE = `渝经信发〔2025〕10号
重庆市经济和信息化委员会
关于联合开展第二批细分行业产业大脑“揭榜挂帅”工作的通知
一、揭榜方向及任务
农业领域聚焦生猪、脆李、柑橘、茶叶等特色产业，服务业领域聚焦外贸、家政、会展、火锅等特色行业。
二、揭榜主体
（一）工业领域揭榜主体为各区县人民政府。揭榜主体应成立行业产业大脑建设工作专班。
（二）农业领域揭榜主体为各区县农业农村主管部门。
三、有关要求
申报材料应于2025年3月18日前报送至市经济信息委。
重庆市经济和信息化委员会
2025年3月6日
`;

const NEWS = `# 重点行业率先试水产业大脑
忽米网已与宗申集团合作，搭建起汽摩产业大脑。目前大脑已链接了330多家上下游关联企业。
The industry brain improved government efficiency by 17 percent and cut supply chain energy use by 14 percent.
`;

const SECRET = `---
title: 宗申动力供应商产能共享报告
visibility: enterprise:001696
date: 2025-05-01
---
# 产能共享
宗申动力2025年发动机缸体外协产能为每月12万件，主要供应商位于璧山区。
`;

let h: Harness;

beforeEach(async () => {
  h = await openHarness();
  writeFileSync(join(h.dir, 'notice.txt'), NOTICE);
  writeFileSync(join(h.dir, 'news.md'), NEWS);
  writeFileSync(join(h.dir, 'secret.md'), SECRET);
});
afterEach(async () => h.close());

describe('RetrievalIndex', () => {
  it('ingests files with metadata and finds the answering passage first', async () => {
    const summary = await h.index.ingestPaths([join(h.dir, 'notice.txt'), join(h.dir, 'news.md')]);
    expect(summary).toMatchObject({ added: 2, failed: 0 });
    const docs = await h.index.documents();
    expect(docs.find((d) => d.name === 'notice.txt')).toMatchObject({
      docNo: '渝经信发〔2025〕10号',
      date: '2025-03-06',
      title: '关于联合开展第二批细分行业产业大脑“揭榜挂帅”工作的通知',
    });
    const [hit] = await h.index.search('农业领域的揭榜主体是谁', { principal: PUBLIC_PRINCIPAL, k: 3 });
    expect(hit!.source).toBe('notice.txt');
    expect(hit!.text).toContain('农业领域揭榜主体为各区县农业农村主管部门');
    expect(hit!.section).toContain('二、揭榜主体');
    expect(hit!.snippet).toContain('【');
    expect(hit!.components.bm25Rank).toBeDefined();
    const doc = (await h.index.documentTexts()).find((t) => t.includes(hit!.text))!;
    expect(doc.slice(hit!.start, hit!.end)).toBe(hit!.text);
  });

  it('answers English questions over English text and runs every mode', async () => {
    await h.index.ingestPaths([h.dir]);
    for (const mode of ['bm25', 'dense', 'hybrid'] as const) {
      const hits = await h.index.search('how much did energy use fall in the supply chain', {
        principal: PUBLIC_PRINCIPAL,
        mode,
      });
      expect(hits[0]?.text, mode).toContain('energy use by 14 percent');
    }
  });

  it('is idempotent by content hash and re-indexes a changed file', async () => {
    const file = join(h.dir, 'notice.txt');
    expect((await h.index.ingestPaths([file])).added).toBe(1);
    expect((await h.index.ingestPaths([file])).unchanged).toBe(1);
    writeFileSync(file, NOTICE.replace('生猪', '肉牛'));
    expect((await h.index.ingestPaths([file])).updated).toBe(1);
    expect(await h.index.documents()).toHaveLength(1);
    const hits = await h.index.search('肉牛', { principal: PUBLIC_PRINCIPAL, mode: 'bm25' });
    expect(hits).toHaveLength(1);
    expect(await h.index.search('生猪', { principal: PUBLIC_PRINCIPAL, mode: 'bm25' })).toHaveLength(0);
    expect((await h.index.check()).problems).toEqual([]);
  });

  it('never shows enterprise documents to a principal without the grant', async () => {
    await h.index.ingestPaths([h.dir]);
    const query = '宗申动力发动机缸体外协产能';
    for (const mode of ['bm25', 'dense', 'hybrid'] as const) {
      const outsider = await h.index.search(query, { principal: PUBLIC_PRINCIPAL, mode, k: 50 });
      expect(
        outsider.some((hit) => hit.source === 'secret.md'),
        mode,
      ).toBe(false);
      const other = await h.index.search(query, { principal: enterprisePrincipal('600000'), mode, k: 50 });
      expect(
        other.some((hit) => hit.source === 'secret.md'),
        mode,
      ).toBe(false);
      const insider = await h.index.search(query, { principal: enterprisePrincipal('001696'), mode, k: 50 });
      expect(insider[0]?.source, mode).toBe('secret.md');
    }
    expect((await h.index.documents()).find((d) => d.name === 'secret.md')?.visibility).toBe(
      'enterprise:001696',
    );
  });

  it('links documents to the graph entities they mention, with the document visibility', async () => {
    await h.index.ingestPaths([h.dir]);
    const news = (await h.index.documents()).find((d) => d.name === 'news.md')!;
    const links = await h.graph.neighbours(
      `document:${news.id}`,
      { edgeTypes: ['MENTIONS'] },
      SYSTEM_PRINCIPAL,
    );
    expect(links.map((l) => l.node.name).sort()).toEqual(['宗申动力', '汽摩', '重庆忽米网络科技有限公司']);
    const secret = (await h.index.documents()).find((d) => d.name === 'secret.md')!;
    expect(await h.graph.getNode(`document:${secret.id}`, PUBLIC_PRINCIPAL)).toBeNull();
    const node = await h.graph.getNode(`document:${secret.id}`, SYSTEM_PRINCIPAL);
    expect(node?.visibility).toBe('enterprise:001696');
    const edges = await h.graph.neighbours(
      `document:${secret.id}`,
      { edgeTypes: ['MENTIONS'] },
      SYSTEM_PRINCIPAL,
    );
    expect(edges.every((e) => e.edge.visibility === 'enterprise:001696')).toBe(true);
  });

  it('boosts passages mentioning the entities linked in the query', async () => {
    await h.index.ingestPaths([h.dir]);
    const [hit] = await h.index.search('忽米网 合作', { principal: PUBLIC_PRINCIPAL });
    expect(hit!.components.entities).toBe(1);
  });

  it('filters by source, type and date and removes documents', async () => {
    await h.index.ingestPaths([h.dir]);
    const q = { principal: SYSTEM_PRINCIPAL, k: 20 };
    expect(
      (await h.index.search('产业大脑', { ...q, sources: ['news.md'] })).every((x) => x.source === 'news.md'),
    ).toBe(true);
    expect(
      (await h.index.search('产业大脑', { ...q, types: ['txt'] })).every((x) => x.source === 'notice.txt'),
    ).toBe(true);
    const dated = await h.index.search('产业', { ...q, dateFrom: '2025-04-01' });
    expect(dated.every((x) => x.source === 'secret.md')).toBe(true);
    const notice = (await h.index.documents()).find((d) => d.name === 'notice.txt')!;
    expect(await h.index.remove(notice.id)).toBe(true);
    expect((await h.index.search('揭榜主体', { ...q, mode: 'bm25' })).length).toBe(0);
    expect(await h.graph.getNode(`document:${notice.id}`, SYSTEM_PRINCIPAL)).toBeNull();
    expect((await h.index.check()).problems).toEqual([]);
  });

  it('rejects an empty query and a bad k with user-facing errors', async () => {
    await expect(h.index.search('  ', { principal: PUBLIC_PRINCIPAL })).rejects.toMatchObject({
      userFacing: true,
    });
    await expect(h.index.search('x', { principal: PUBLIC_PRINCIPAL, k: 0 })).rejects.toThrow(/k must be/);
  });
});
