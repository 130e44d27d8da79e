import type { Context } from '../context.js';
import { describeTargets, type Targets } from '../data/ickg.js';
import { check, type Lang, type ShadowSet, sortedTexts } from '../item.js';

interface Query {
  names: string[];
  relation: string;
  direction: 'out' | 'in' | 'both';
  /** YYYY-MM or YYYY: only quadruples dated in it (outgoing queries only). */
  period?: string;
  /** When set, only these targets are keys (the question asks about a subset, e.g. automakers). */
  keep?: readonly string[];
  extra?: string;
}

function targets(ctx: Context, q: Query): Targets {
  if (q.direction === 'out') return ctx.ickg.out(q.names, q.relation, q.period);
  check(!q.period, 'periods apply to outgoing queries only');
  return q.direction === 'in' ? ctx.ickg.in(q.names, q.relation) : ctx.ickg.both(q.names, q.relation);
}

function rel(ctx: Context, set: ShadowSet, question: string, lang: Lang, q: Query, minHits: number): void {
  const found = targets(ctx, q);
  for (const k of q.keep ?? []) check(found.has(k), `${k} is not a ${q.relation} target of ${q.names}`);
  const keys = sortedTexts(found.keys()).filter((k) => !q.keep || q.keep.includes(k));
  set.add({
    question,
    lang,
    kind: 'relation',
    dataset: 'ickg',
    expect: keys,
    minHits,
    note: `ICKG (${q.names.join('/')}) ${q.relation} ${q.direction}${q.period ? ` in ${q.period}` : ''}: ${describeTargets(found)}.${q.keep ? ` Key = the ${q.keep.length} the question asks about.` : ''}${q.extra ? ` ${q.extra}` : ''}`,
  });
}

export function relationItems(ctx: Context, set: ShadowSet): void {
  const geely = ['吉利控股集团', '浙江吉利控股集团', '吉利控股'];
  rel(
    ctx,
    set,
    '吉利控股集团旗下控股了哪些公司和品牌？',
    'zh',
    {
      names: geely,
      relation: '母公司/控股',
      direction: 'out',
      extra:
        '吉利控股集团, 浙江吉利控股集团 and 吉利控股 are separate ICKG entities of one group; reversed edges (a subsidiary as head) are not counted.',
    },
    4,
  );
  rel(
    ctx,
    set,
    'Which joint ventures has Geely (吉利) set up, according to the news graph?',
    'en',
    {
      names: ['吉利汽车', ...geely],
      relation: '合资',
      direction: 'both',
      extra: 'Geely has no English-named ICKG entity; its Chinese names carry the edges.',
    },
    2,
  );
  rel(
    ctx,
    set,
    '2025年5月，吉利控股集团投资了哪些企业？',
    'zh',
    { names: geely, relation: '投资', direction: 'out', period: '2025-05' },
    3,
  );
  rel(
    ctx,
    set,
    '哪些企业在给赛力斯供货？',
    'zh',
    { names: ['赛力斯', '赛力斯汽车', '重庆赛力斯凤凰智创科技有限公司'], relation: '供给', direction: 'in' },
    2,
  );
  rel(
    ctx,
    set,
    'Who supplies Apple (苹果), according to the 2025 news graph?',
    'en',
    {
      names: ['苹果', 'Apple', 'Apple Inc.'],
      relation: '供给',
      direction: 'in',
      extra: '苹果, Apple and Apple Inc. are separate ICKG entities; only 苹果 has 供给 edges.',
    },
    2,
  );
  rel(
    ctx,
    set,
    'Which companies does Apple Inc. compete with in the news knowledge graph?',
    'en',
    { names: ['苹果', 'Apple', 'Apple Inc.'], relation: '竞争', direction: 'both' },
    4,
  );
  rel(
    ctx,
    set,
    '软银集团在新闻里收购（并购）了哪些公司？',
    'zh',
    {
      names: ['软银'],
      relation: '并购',
      direction: 'out',
      extra: '软银集团 is not an ICKG entity; 软银 is.',
    },
    2,
  );
  rel(
    ctx,
    set,
    'Which companies did Amazon (亚马逊) invest in, according to the news graph?',
    'en',
    { names: ['亚马逊', 'Amazon'], relation: '投资', direction: 'out' },
    3,
  );
  rel(
    ctx,
    set,
    '中国神华能源股份有限公司在新闻里收购了哪些公司？',
    'zh',
    {
      names: ['中国神华'],
      relation: '并购',
      direction: 'out',
      extra: 'The full registered name is not an ICKG entity; 中国神华 carries the edges.',
    },
    4,
  );
  rel(
    ctx,
    set,
    'Which carmakers does CATL (宁德时代) supply batteries to in the news graph?',
    'en',
    {
      names: ['宁德时代', '宁德时代新能源科技股份有限公司'],
      relation: '供给',
      direction: 'out',
      keep: ['理想汽车', '特斯拉', '问界汽车', '赛力斯', '宝马', '比亚迪'],
    },
    3,
  );
  rel(
    ctx,
    set,
    '美的集团在2025年的新闻里收购了哪些企业？',
    'zh',
    {
      names: ['美的'],
      relation: '并购',
      direction: 'out',
      extra: '美的集团 (the chainkg short name) is not an ICKG entity; 美的 is.',
    },
    3,
  );
  rel(
    ctx,
    set,
    'What did AMD acquire in June 2025?',
    'en',
    { names: ['AMD'], relation: '并购', direction: 'out', period: '2025-06' },
    3,
  );
  rel(
    ctx,
    set,
    '百度旗下控股的公司和业务有哪些？',
    'zh',
    { names: ['百度'], relation: '母公司/控股', direction: 'out' },
    3,
  );
  rel(
    ctx,
    set,
    'Which companies does TSMC (台积电) supply?',
    'en',
    { names: ['台积电'], relation: '供给', direction: 'out' },
    4,
  );
  rel(
    ctx,
    set,
    '给特斯拉供货的企业有哪些？',
    'zh',
    { names: ['特斯拉'], relation: '供给', direction: 'in' },
    4,
  );

  const lowAltitude = ctx.ickg.in(['低空经济'], '上游于');
  rel(
    ctx,
    set,
    '按新闻图谱，低空经济的上游产业有哪些？',
    'zh',
    { names: ['低空经济'], relation: '上游于', direction: 'in' },
    Math.min(4, lowAltitude.size),
  );
  rel(
    ctx,
    set,
    'Which segments are upstream of photovoltaics (光伏) in the ICKG news graph?',
    'en',
    { names: ['光伏'], relation: '上游于', direction: 'in' },
    3,
  );
}
