import type { Context } from '../context.js';
import { code6, type Producer } from '../data/chainkg.js';
import { byText, check, type Dataset, type Lang, type ShadowSet, sortedTexts } from '../item.js';
import { countForms, pct } from '../keys.js';

function agg(
  set: ShadowSet,
  question: string,
  lang: Lang,
  dataset: Dataset,
  expect: string[],
  minHits: number,
  note: string,
) {
  set.add({ question, lang, kind: 'aggregation', dataset, expect, minHits, note });
}

export function listProducers(ps: Producer[], k?: number): string {
  return (k ? ps.slice(0, k) : ps)
    .map((p) => `${p.name}(${p.code})=${p.weight}@${p.lines.slice(0, 2).join(',')}`)
    .join(', ');
}

/** Asserts the first `n` producers are strictly ahead of the rest, so "top n" has one answer. */
function topN(ps: Producer[], n: number): Producer[] {
  check(ps.length > n && ps[n - 1]!.weight > ps[n]!.weight, `top ${n} is tied`);
  return ps.slice(0, n);
}

function counts<T>(values: T[]): Map<T, number> {
  const out = new Map<T, number>();
  for (const v of values) out.set(v, (out.get(v) ?? 0) + 1);
  return out;
}

function ranked(m: Map<string, number>): [string, number][] {
  return [...m.entries()].sort(([a, x], [b, y]) => y - x || byText(a, b));
}

export function aggregationItems(ctx: Context, set: ShadowSet): void {
  const { chainkg, demo } = ctx;
  const en = true;

  let ps = chainkg.producers('焦炭');
  agg(
    set,
    '主营产品里有焦炭的A股上市公司一共有几家？',
    'zh',
    'chainkg',
    countForms(ps.length, !en),
    1,
    `company_product.jsonl product==焦炭, distinct 6-digit codes = ${ps.length}: ${listProducers(ps)}.`,
  );

  ps = chainkg.producers('农药');
  agg(
    set,
    '按农药收入占比排，排前三的上市公司是哪几家？',
    'zh',
    'chainkg',
    topN(ps, 3).map((p) => p.name),
    3,
    `company_product.jsonl product==农药 by weight: ${listProducers(ps, 5)}.`,
  );

  ps = chainkg.producers('尿素');
  agg(
    set,
    'How many listed companies have 尿素 (urea) among their products, and which one relies on it most?',
    'en',
    'chainkg',
    [...countForms(ps.length, en), topN(ps, 1)[0]!.name],
    2,
    `company_product.jsonl product==尿素: ${ps.length} companies; by weight: ${listProducers(ps, 5)}. Key = count + top company.`,
  );

  ps = chainkg.producers('电力电缆');
  agg(
    set,
    '电力电缆在营收中占比最高的上市公司是哪家？',
    'zh',
    'chainkg',
    [topN(ps, 1)[0]!.name],
    1,
    `company_product.jsonl product==电力电缆 by weight: ${listProducers(ps, 5)}.`,
  );

  ps = chainkg.producers('铁精粉');
  agg(
    set,
    '做铁精粉的上市公司有多少家？谁的铁精粉收入占比最高？',
    'zh',
    'chainkg',
    [...countForms(ps.length, !en), topN(ps, 1)[0]!.name],
    2,
    `company_product.jsonl product==铁精粉: ${ps.length} companies; by weight: ${listProducers(ps, 5)}.`,
  );

  ps = chainkg.producers('除草剂');
  agg(
    set,
    'Which three listed companies get the largest share of revenue from herbicides (除草剂)?',
    'en',
    'chainkg',
    topN(ps, 3).map((p) => p.name),
    3,
    `company_product.jsonl product==除草剂 by weight: ${listProducers(ps, 5)}.`,
  );

  ps = chainkg.producers('锌锭');
  agg(
    set,
    '有多少家A股公司的产品里有锌锭？',
    'zh',
    'chainkg',
    countForms(ps.length, !en),
    1,
    `company_product.jsonl product==锌锭: ${ps.length} companies: ${listProducers(ps)}.`,
  );

  ps = chainkg.producers('啤酒');
  const beer = topN(ps, 1)[0]!;
  agg(
    set,
    '啤酒收入占比最高的上市公司是谁？占了多少？',
    'zh',
    'chainkg',
    [beer.name, ...pct(beer.weight)],
    2,
    `company_product.jsonl product==啤酒 by weight: ${listProducers(ps)}.`,
  );

  ps = chainkg.producers('钢材');
  const steel = topN(ps, 1)[0]!;
  agg(
    set,
    'Which listed company depends most on 钢材 (steel products) by revenue share, and what is the share?',
    'en',
    'chainkg',
    [steel.name, ...pct(steel.weight)],
    2,
    `company_product.jsonl product==钢材 by weight: ${listProducers(ps, 5)}.`,
  );

  ps = chainkg.producers('保健品');
  agg(
    set,
    '把保健品列为主营产品的上市公司有多少家？',
    'zh',
    'chainkg',
    countForms(ps.length, !en),
    1,
    `company_product.jsonl product==保健品: ${ps.length} companies: ${listProducers(ps)}.`,
  );

  const byIndustry = counts(chainkg.companyIndustry.map((r) => r.industry_name));
  const tcm = byIndustry.get('中药Ⅲ');
  check(tcm, 'no company in 中药Ⅲ');
  agg(
    set,
    '申万三级行业“中药Ⅲ”下面有多少家上市公司？',
    'zh',
    'chainkg',
    countForms(tcm, !en),
    1,
    `company_industry.jsonl rows with industry_name==中药Ⅲ: ${tcm}.`,
  );

  const level2 = ranked(
    counts(chainkg.companyIndustry.map((r) => chainkg.parent.get(r.industry_name)?.industry ?? '?')),
  );
  check(level2[0]![1] > level2[1]![1], 'the largest level-2 industry is tied');
  agg(
    set,
    'Which Shenwan level-2 industry has the most listed companies in the data, and how many?',
    'en',
    'chainkg',
    [level2[0]![0], String(level2[0]![1])],
    2,
    `company_industry.jsonl industry_name mapped to its parent via industry_industry.jsonl 上级行业: ${JSON.stringify(level2.slice(0, 4))}. The runner-up is one company behind.`,
  );

  const distinctCodes = (exchange: string, year: string) =>
    new Set(
      chainkg.companies
        .filter((r) => r.location === exchange && r.time.startsWith(year))
        .map((r) => code6(r.code)),
    ).size;
  const sh2019 = distinctCodes('上海证券交易所', '2019');
  agg(
    set,
    '2019年在上交所上市的公司，数据里有多少家？',
    'zh',
    'chainkg',
    countForms(sh2019, !en),
    1,
    `company.jsonl rows with location==上海证券交易所 and time starting 2019, distinct 6-digit codes: ${sh2019}.`,
  );
  const sz2010 = distinctCodes('深圳证券交易所', '2010');
  agg(
    set,
    'How many companies in the data listed on the Shenzhen Stock Exchange in 2010?',
    'en',
    'chainkg',
    countForms(sz2010, en),
    1,
    `company.jsonl rows with location==深圳证券交易所 and time starting 2010, distinct 6-digit codes: ${sz2010}.`,
  );

  const autoChildren = sortedTexts(
    [...chainkg.parent.entries()].filter(([, p]) => p.industry === '汽车').map(([k]) => k),
  );
  agg(
    set,
    '申万一级行业“汽车”下面分了几个二级行业？分别叫什么？',
    'zh',
    'chainkg',
    [`${autoChildren.length}个`, ...autoChildren],
    3,
    `industry_industry.jsonl rows with to_industry==汽车: ${autoChildren.join(', ')}. Key = count + names.`,
  );

  const electrolyte = demo.producersOf('电解液');
  agg(
    set,
    '演示数据里有几家企业生产电解液？是哪几家？',
    'zh',
    'demo',
    [...countForms(electrolyte.length, !en), ...electrolyte.map((p) => p.name)],
    2,
    `demo edges.jsonl PRODUCES 电解液: ${electrolyte.map((p) => `${p.name}=${p.weight}@${p.line}`).join(', ')}. Key = count + names.`,
  );

  const districts = ranked(
    counts(
      demo.edges
        .filter((e) => e.type === 'LOCATED_IN' && e.from.startsWith('enterprise:'))
        .map((e) => demo.nameOf(e.to)),
    ),
  );
  check(districts[0]![1] > districts[1]![1], 'the largest demo region is tied');
  agg(
    set,
    'In the demo data, which district has the most enterprises, and how many?',
    'en',
    'demo',
    [districts[0]![0], ...countForms(districts[0]![1], en)],
    2,
    `demo edges.jsonl LOCATED_IN from enterprises, by region: ${JSON.stringify(districts.slice(0, 4))}.`,
  );

  const batteries = demo.producersOf('动力电池');
  check(batteries.length > 1 && batteries[0]!.weight > batteries[1]!.weight, '动力电池 top producer is tied');
  agg(
    set,
    '演示产业链里，动力电池收入占比最高的是哪家企业？',
    'zh',
    'demo',
    [batteries[0]!.name],
    1,
    `demo edges.jsonl PRODUCES 动力电池 (weight = revenue share): ${batteries.map((p) => `${p.name}=${p.weight}@${p.line}`).join(', ')}.`,
  );
}
