import type { Context } from '../context.js';
import { type CompanyRow, code6, quoteCompany } from '../data/chainkg.js';
import { check, type Lang, norm, type ShadowSet } from '../item.js';
import { dateForms, EXCHANGE, monthForms, pct } from '../keys.js';
import { Lot } from '../prng.js';

/** Companies the development set asks about; the lot never draws them. */
const DEV_COMPANIES = new Set(
  `
  宝钢股份 洛阳钼业 双汇发展 徐工机械 重庆路桥 中联重科 卫星石化 川仪股份 三峡水利 宇通客车
  潍柴动力 青岛啤酒 老板电器 伯特利 重庆燃气 博腾股份 正川股份 万里股份 再升科技 德赛西威
  蓝黛传动 顺博合金 百亚股份 三峰环境 新大正 星宇股份 九阳股份 美的集团 闰土股份 索通发展
  澳洋健康 仙乐健康 海天味业 牧原股份 拓普集团 柳工 韶钢松山 三钢闽光 耀皮玻璃 凯盛科技
  深南电路 博敏电子 伊利股份
`
    .trim()
    .split(/\s+/),
);

/** Companies this set asks about by name elsewhere; the lot does not draw them either. */
const NAMED_HERE = new Set(
  `
  长安汽车 重庆啤酒 太极集团 智飞生物 重庆钢铁 渝三峡A 秦安股份 涪陵电力 梅安森 隆鑫通用
  渝开发 贵州茅台 重庆水务 莱美药业 隆基股份 万华化学 宗申动力 重庆百货 格力电器 风神股份
  燕京啤酒 金安国纪 桂发祥 五粮液 上汽集团 广汽集团 长江电力 宁德时代 比亚迪 重庆银行
  陕西黑猫 山西焦化 东方电缆 宝胜股份
`
    .trim()
    .split(/\s+/),
);

const SEED = 20_251_202;

function ef(
  set: ShadowSet,
  question: string,
  lang: Lang,
  expect: string[],
  minHits: number,
  note: string,
): void {
  set.add({ question, lang, kind: 'enterprise_facts', dataset: 'chainkg', expect, minHits, note });
}

function topProducts(ctx: Context, c: CompanyRow, n: number): string {
  return ctx.chainkg
    .productsOf(c.code)
    .slice(0, n)
    .map((p) => `${p.product}=${p.weight}@${p.line}`)
    .join(', ');
}

/** Companies with one clean row: a suffixed code, an exchange, a listing date, products and an industry. */
function drawPool(ctx: Context): CompanyRow[] {
  const { chainkg } = ctx;
  return chainkg.companies.filter(
    (c) =>
      /^\d{6}\.(SH|SZ)$/.test(c.code) &&
      c.location in EXCHANGE &&
      /^\d{4}-\d{2}-\d{2}$/.test(c.time) &&
      chainkg.rowsOfCode(c.code).length === 1 &&
      !/^\*?ST|退/.test(c.name) &&
      !DEV_COMPANIES.has(c.name) &&
      !NAMED_HERE.has(c.name) &&
      chainkg.rowsNamed(c.name).length === 1 &&
      chainkg.productsOf(c.code).length > 0 &&
      chainkg.industryOfCode(c.code) !== undefined &&
      !c.fullname.includes(c.name),
  );
}

export function enterpriseItems(ctx: Context, set: ShadowSet): void {
  const { chainkg } = ctx;
  const row = (name: string) => chainkg.company(name);

  let c = row('长安汽车');
  ef(set, '长安汽车在工商登记上的全称叫什么？', 'zh', [c.fullname], 1, quoteCompany(c));

  c = row('重庆啤酒');
  ef(
    set,
    `${c.fullname}的股票代码是多少？在哪个交易所上市？`,
    'zh',
    [code6(c.code), ...EXCHANGE[c.location]!],
    2,
    `${quoteCompany(c)} Key = code + exchange (any form).`,
  );

  c = row('太极集团');
  ef(
    set,
    'What is the registered company name of 太极集团, and what is its stock code?',
    'en',
    [c.fullname, code6(c.code)],
    2,
    quoteCompany(c),
  );

  c = row('智飞生物');
  ef(
    set,
    'When did 智飞生物 list on the stock exchange? Give the exact date.',
    'en',
    dateForms(c.time),
    1,
    `${quoteCompany(c)} Key = the listing date in either form.`,
  );

  c = row('重庆钢铁');
  check(c.code === '601005.SH', '重庆钢铁 is not 601005.SH');
  ef(set, '601005是哪家上市公司的股票代码？', 'zh', [c.name, c.fullname], 1, quoteCompany(c));

  c = row('渝三峡A');
  check(c.code === '000565.SZ', '渝三峡A is not 000565.SZ');
  ef(
    set,
    'Which company trades under 000565.SZ, and what is its full registered name?',
    'en',
    [c.name, c.fullname],
    2,
    `${quoteCompany(c)} Key = short name + full name.`,
  );

  c = row('秦安股份');
  ef(
    set,
    '秦安股份是在哪个交易所上市的？哪一年上市？',
    'zh',
    [...EXCHANGE[c.location]!, c.time.slice(0, 4)],
    2,
    `${quoteCompany(c)} Key = exchange (any form) + year.`,
  );

  c = row('涪陵电力');
  ef(set, '涪陵电力是哪年哪月上市的？', 'zh', monthForms(c.time.slice(0, 7), false), 1, quoteCompany(c));

  c = row('隆基股份');
  check(c.fullname.includes('隆基绿能'), '隆基股份 is no longer 隆基绿能 by full name');
  ef(
    set,
    '隆基绿能在A股的股票代码是多少？',
    'zh',
    [code6(c.code)],
    1,
    `${quoteCompany(c)} The company is listed under its old short name 隆基股份; its full name carries 隆基绿能.`,
  );

  const products = (
    name: string,
    question: string,
    lang: Lang,
    k: number,
    minHits: number,
    withPct: number,
  ) => {
    const r = row(name);
    const ps = chainkg.productsOf(r.code).slice(0, k);
    check(ps.length === k, `${name} has fewer than ${k} products`);
    const keys = [...ps.map((p) => p.product), ...ps.slice(0, withPct).flatMap((p) => pct(p.weight))];
    ef(
      set,
      question,
      lang,
      keys,
      minHits,
      `${quoteCompany(r)}; company_product.jsonl top: ${topProducts(ctx, r, 5)}.`,
    );
  };
  products('梅安森', '梅安森收入占比最高的业务是什么？占多少？', 'zh', 1, 2, 1);
  products(
    '隆鑫通用',
    "What are 隆鑫通用's main revenue lines, and how large is the biggest one?",
    'en',
    3,
    2,
    1,
  );
  products('渝开发', '渝开发的营业收入主要来自哪几块业务？', 'zh', 3, 2, 0);
  products('贵州茅台', '贵州茅台收入排前两位的产品分别是什么，各占多少？', 'zh', 2, 3, 2);
  products('万华化学', '万华化学哪条产品线贡献的收入占比最大？比例是多少？', 'zh', 1, 2, 1);

  const industry = (name: string, question: string, lang: Lang, levels: number, minHits: number) => {
    const r = row(name);
    const chain = chainkg.industryChain(r.code, levels);
    check(chain.length === levels, `${name} has fewer than ${levels} industry levels`);
    const keys = chain.map((x) => x.industry);
    for (const k of keys)
      check(!keys.some((o) => o !== k && norm(o).includes(norm(k))), `nested industry names ${keys}`);
    ef(
      set,
      question,
      lang,
      keys,
      minHits,
      `${quoteCompany(r)}; ${chain.map((x) => `${x.industry} (${x.source})`).join(' -> ')}.`,
    );
  };
  industry('重庆水务', '重庆水务在申万分类里属于哪个三级行业？它的上一级是什么？', 'zh', 2, 2);
  industry(
    '莱美药业',
    'What Shenwan industry is 莱美药业 classified in, and what are its level-2 and level-1 parents?',
    'en',
    3,
    2,
  );

  // Three companies drawn by lot, so part of the set does not follow the writer's taste.
  const [a, b, d] = new Lot(SEED).draw(drawPool(ctx), 3);
  check(a && b && d, 'the lot drew fewer than three companies');
  ef(
    set,
    `${a.name}这家上市公司的工商注册全称是什么？`,
    'zh',
    [a.fullname],
    1,
    `${quoteCompany(a)} Drawn by lot (seed ${SEED}) from companies with one clean row.`,
  );
  ef(
    set,
    `What is the stock code of ${b.fullname}, and on which exchange is it listed?`,
    'en',
    [code6(b.code), ...EXCHANGE[b.location]!],
    2,
    `${quoteCompany(b)} Drawn by lot (seed ${SEED}). Key = code + exchange (any form).`,
  );
  ef(
    set,
    `${d.name}是哪天上市的？`,
    'zh',
    dateForms(d.time),
    1,
    `${quoteCompany(d)} Drawn by lot (seed ${SEED}). Key = the listing date in either form.`,
  );
}
