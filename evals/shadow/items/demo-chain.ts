import type { Context } from '../context.js';
import { check, type Lang, type ShadowSet } from '../item.js';
import { countForms, DOWN_ZH, numForms, pct, UP_ZH } from '../keys.js';

function demo(
  set: ShadowSet,
  question: string,
  lang: Lang,
  expect: string[],
  minHits: number,
  note: string,
): void {
  set.add({ question, lang, kind: 'demo_chain', dataset: 'demo', expect, minHits, note });
}

/** A question on a demo policy document; non-translation keys must occur in it. */
function demoPolicy(
  ctx: Context,
  set: ShadowSet,
  question: string,
  lang: Lang,
  file: string,
  expect: string[],
  minHits: number,
  translations: string[] = [],
) {
  const lines = expect.filter((k) => !translations.includes(k)).map((k) => ctx.demo.policyLine(file, k));
  check(ctx.demo.front(file, 'visibility') === 'public', `${file} is not public`);
  demo(
    set,
    question,
    lang,
    expect,
    minHits,
    `demo/policies/${file}:${[...new Set(lines)].sort((a, b) => a - b).join(',')} (${ctx.demo.front(file, 'title')}, ${ctx.demo.front(file, 'docNo')}).${translations.length ? ` English renderings accepted: ${JSON.stringify(translations)}.` : ''}`,
  );
}

/** Direction of a demo series between two months; keys are the direction words and/or the values. */
function seriesChange(
  ctx: Context,
  set: ShadowSet,
  question: string,
  lang: Lang,
  file: string,
  column: string,
  from: string,
  to: string,
  keys: (a: number, b: number) => string[],
  minHits: number,
) {
  const a = ctx.demo.cell(file, column, from);
  const b = ctx.demo.cell(file, column, to);
  check(a.raw !== '' && b.raw !== '', `${column} has an empty cell`);
  const meta = ctx.demo.seriesMeta.get(`${file}|${column}`);
  check(meta, `no series.jsonl entry for ${file} ${column}`);
  const x = Number(a.raw);
  const y = Number(b.raw);
  check(x !== y, `${column} did not change`);
  demo(
    set,
    question,
    lang,
    keys(x, y),
    minHits,
    `demo ${file} column ${column} (${meta.name}, ${meta.unit}): ${from}=${a.raw} (line ${a.line}), ${to}=${b.raw} (line ${b.line}); ${y > x ? 'up' : 'down'} ${((100 * (y - x)) / x).toFixed(1)}%.`,
  );
}

export function demoChainItems(ctx: Context, set: ShadowSet): void {
  const d = ctx.demo;

  const qijiang = d.enterprisesIn('綦江区');
  demo(
    set,
    '綦江区有哪些演示企业？',
    'zh',
    qijiang.map((e) => e.name),
    4,
    `demo edges.jsonl LOCATED_IN region:綦江区: ${qijiang.map((e) => `${e.name}@${e.line}`).join(', ')}.`,
  );

  const fuling = d.enterprisesIn('涪陵区');
  demo(
    set,
    'How many demo enterprises are located in 涪陵区 (Fuling district)?',
    'en',
    countForms(fuling.length, true),
    1,
    `demo edges.jsonl LOCATED_IN region:涪陵区: ${fuling.length} (${fuling.map((e) => `${e.name}@${e.line}`).join(', ')}).`,
  );

  const weituo = d.supplies('蔚拓机车', 'in');
  demo(
    set,
    '哪些企业直接给蔚拓机车供货？',
    'zh',
    weituo.map((s) => s.name),
    4,
    `demo edges.jsonl SUPPLIES into 蔚拓机车: ${weituo.map((s) => `${s.name}${JSON.stringify(s.products)}@${s.line}`).join(', ')}.`,
  );

  const cenchi = d.supplies('岑驰化工', 'out');
  demo(
    set,
    '岑驰化工的产品都卖给了哪些企业？',
    'zh',
    cenchi.map((s) => s.name),
    4,
    `demo edges.jsonl SUPPLIES from 岑驰化工: ${cenchi.map((s) => `${s.name}${JSON.stringify(s.products)}@${s.line}`).join(', ')}.`,
  );

  const electrolyte = d.madeFrom('电解液');
  demo(
    set,
    '演示产业链里，电解液由哪些原料构成？各自占多少？',
    'zh',
    [...electrolyte.map((i) => i.name), ...pct(electrolyte[0]!.share)],
    3,
    `demo edges.jsonl MADE_FROM 电解液: ${electrolyte.map((i) => `${i.name}=${i.share}@${i.line}`).join(', ')}. Key = the inputs and the largest share.`,
  );

  const tyre = d.madeFrom('全钢子午线轮胎');
  check(tyre[0]!.share > tyre[1]!.share, 'largest tyre input is tied');
  demo(
    set,
    'In the demo chain, which input has the largest share in an all-steel radial tyre (全钢子午线轮胎), and how large is it?',
    'en',
    [tyre[0]!.name, ...pct(tyre[0]!.share)],
    2,
    `demo edges.jsonl MADE_FROM 全钢子午线轮胎: ${tyre.map((i) => `${i.name}=${i.share}@${i.line}`).join(', ')}.`,
  );

  const xiaozhou = d.stakes('骁舟汽车', 'CONTROLS', 'out');
  demo(
    set,
    '骁舟汽车控股了哪些企业？持股比例分别是多少？',
    'zh',
    [...xiaozhou.map((s) => s.name), ...xiaozhou.map((s) => `${Math.round(s.stake * 100)}%`)],
    2,
    `demo edges.jsonl CONTROLS from 骁舟汽车: ${xiaozhou.map((s) => `${s.name} stake ${s.stake}@${s.line}`).join(', ')}.`,
  );

  const changzhou = d.stakes('昶舟电源', 'INVESTS_IN', 'out');
  demo(
    set,
    'Which companies has 昶舟电源 taken minority stakes (参股) in, in the demo data?',
    'en',
    changzhou.map((s) => s.name),
    2,
    `demo edges.jsonl INVESTS_IN from 昶舟电源: ${changzhou.map((s) => `${s.name} stake ${s.stake}@${s.line}`).join(', ')} (its CONTROLS edge to 铖拓电源 is a controlling stake, not 参股).`,
  );

  const lanqi = d.nodes.filter((n) => n.aliases.includes('岚启集团'));
  check(lanqi.length === 1, '岚启集团 is not one alias');
  const lanqiProducts = d.productsOf(lanqi[0]!.name);
  demo(
    set,
    '岚启集团主要生产哪些产品？',
    'zh',
    lanqiProducts.map((p) => p.name),
    2,
    `demo nodes.jsonl:${lanqi[0]!.line} alias 岚启集团 -> ${lanqi[0]!.name}; PRODUCES ${lanqiProducts.map((p) => `${p.name}=${p.weight}@${p.line}`).join(', ')}.`,
  );

  const coded = d.nodes.filter((n) => n.props.code === '900007');
  check(coded.length === 1, 'code 900007 is not one demo enterprise');
  const fullName = coded[0]!.props.fullName;
  check(typeof fullName === 'string', '900007 has no full name');
  check(fullName.includes(coded[0]!.name), 'the full name no longer holds the short name');
  demo(
    set,
    '演示数据里代码900007是哪家企业？全称是什么？',
    'zh',
    [fullName],
    1,
    `demo nodes.jsonl:${coded[0]!.line} code 900007 -> ${coded[0]!.name} / ${fullName}.`,
  );

  demoPolicy(
    ctx,
    set,
    '企业共享给行业产业大脑的数据，访问日志至少要保存多久？',
    'zh',
    'data-sharing.md',
    ['三年', '3年'],
    1,
    ['3年'],
  );
  demoPolicy(
    ctx,
    set,
    '充电基础设施实施方案对主城区公共充电服务半径有什么要求？建设进度多久通报一次？',
    'zh',
    'charging.md',
    ['2公里', '每半年'],
    2,
  );
  demoPolicy(
    ctx,
    set,
    'According to the demo list of key products for chain-gap investment (补链招商重点目录), which investment-attraction methods are used?',
    'en',
    'chain-gap-list.md',
    ['以链招商', '以投促招', '以场景招商'],
    2,
  );
  demoPolicy(
    ctx,
    set,
    '氢燃料电池汽车示范应用主要在哪些场景推广？',
    'zh',
    'hydrogen.md',
    ['物流', '环卫', '城际客运'],
    2,
  );
  demoPolicy(
    ctx,
    set,
    '高端摩托车行业产业大脑由哪几个区联合揭榜？',
    'zh',
    'moto-brain.md',
    ['巴南区', '九龙坡区'],
    2,
  );

  seriesChange(
    ctx,
    set,
    '演示数据里，天然橡胶价格2025年12月比2024年12月是涨还是跌？2025年12月是多少？',
    'zh',
    'series-price.csv',
    '天然橡胶',
    '2024-12',
    '2025-12',
    (a, b) => [...(b > a ? UP_ZH : DOWN_ZH), ...numForms(b, [0])],
    2,
  );
  seriesChange(
    ctx,
    set,
    'In the demo price series, did battery-grade lithium carbonate (碳酸锂) get cheaper or dearer from December 2024 to December 2025? Give both prices.',
    'en',
    'series-price.csv',
    '碳酸锂',
    '2024-12',
    '2025-12',
    (a, b) => [...numForms(a, [0]), ...numForms(b, [0])],
    2,
  );
  seriesChange(
    ctx,
    set,
    '重庆乘用车产量2025年12月是多少？和上年同月比是升是降？',
    'zh',
    'series-output.csv',
    '乘用车',
    '2024-12',
    '2025-12',
    (a, b) => [...(b > a ? UP_ZH : DOWN_ZH), ...numForms(b, [0])],
    2,
  );
}
