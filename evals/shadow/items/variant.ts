import type { Context } from '../context.js';
import { quoteCompany } from '../data/chainkg.js';
import { POLICY_FILES } from '../data/policies.js';
import { check, type Dataset, type Lang, type ShadowSet } from '../item.js';
import { dateForms, pct } from '../keys.js';

function variant(
  set: ShadowSet,
  question: string,
  lang: Lang,
  dataset: Dataset,
  expect: string[],
  minHits: number,
  note: string,
) {
  set.add({ question, lang, kind: 'variant', dataset, expect, minHits, note });
}

export function variantItems(ctx: Context, set: ShadowSet): void {
  const { chainkg, ickg, policies } = ctx;

  let c = chainkg.company('宁德时代');
  variant(
    set,
    '寧德時代是哪一天上市的？',
    'zh',
    'chainkg',
    dateForms(c.time),
    1,
    `Traditional characters (寧德時代 = 宁德时代). ${quoteCompany(c)}`,
  );

  const catlTop = chainkg.productsOf(c.code)[0];
  check(catlTop, '宁德时代 has no products');
  variant(
    set,
    '帮我查下 CATL（宁德时代）的 main product 是什么，revenue share 有多少？',
    'mixed',
    'chainkg',
    [catlTop.product, ...pct(catlTop.weight)],
    2,
    `Mixed zh/en. ${quoteCompany(c)}; company_product.jsonl:${catlTop.line} top product ${catlTop.product}=${catlTop.weight}.`,
  );

  c = chainkg.company('隆基股份');
  check(c.code === '601012.SH', '隆基股份 is not 601012.SH');
  variant(
    set,
    '代码６０１０１２．ＳＨ对应的是哪家公司？',
    'zh',
    'chainkg',
    [c.name, c.fullname],
    1,
    `Full-width digits and suffix for 601012.SH. ${quoteCompany(c)}`,
  );

  c = chainkg.company('格力电器');
  const aircon = chainkg.productsOf(c.code).find((p) => p.product === '空调');
  check(aircon, '格力电器 has no 空调 row');
  variant(
    set,
    '格 力 电 器 的 空 调 业 务 收 入 占 比 多 少 ？',
    'zh',
    'chainkg',
    pct(aircon.weight),
    1,
    `Spaces between every character. ${quoteCompany(c)}; company_product.jsonl:${aircon.line} 空调=${aircon.weight}.`,
  );

  c = chainkg.company('贵州茅台');
  variant(
    set,
    '贵州茅苔的工商全称是什么？',
    'zh',
    'chainkg',
    [c.fullname],
    1,
    `One-character typo (茅苔 for 茅台). ${quoteCompany(c)}`,
  );

  c = chainkg.company('五粮液');
  check(c.code === '000858.SZ', '五粮液 is not 000858.SZ');
  const wly = chainkg.productsOf(c.code).slice(0, 3);
  variant(
    set,
    '000858.sz这只股票的公司主要卖什么？',
    'zh',
    'chainkg',
    [c.name, ...wly.map((p) => p.product)],
    2,
    `Lower-case exchange suffix. ${quoteCompany(c)}; company_product.jsonl top: ${wly.map((p) => `${p.product}=${p.weight}@${p.line}`).join(', ')}. Key = name + a top product.`,
  );

  const profile = chainkg.producers('铝型材');
  variant(
    set,
    '哪些上市公司在搞铝型材哦，给我数几家嘛',
    'zh',
    'chainkg',
    profile.map((p) => p.name),
    3,
    `Colloquial Chongqing-style phrasing. company_product.jsonl product==铝型材: ${profile.map((p) => `${p.name}(${p.code})=${p.weight}@${p.lines.join(',')}`).join(', ')}.`,
  );

  const volvo = ickg.out(['吉利控股', '吉利控股集团', '浙江吉利控股集团', '吉利汽车'], '并购');
  variant(
    set,
    '吉利控股集团 acquired 哪些公司？',
    'mixed',
    'ickg',
    [...volvo.keys()].sort(),
    1,
    `Mixed zh/en. ICKG (吉利控股/吉利控股集团/浙江吉利控股集团/吉利汽车) 并购 out: ${[...volvo.entries()].map(([k, v]) => `${k}@${v.join(',')}`).join('; ')}.`,
  );

  const file = POLICY_FILES.notice2025;
  variant(
    set,
    '第二批揭榜掛帥的申報材料，要在哪天之前報送到市經濟信息委？',
    'zh',
    'policies',
    ['3月18日'],
    1,
    `Traditional characters. policies/${file}:${policies.line(file, '3月18日')} “2025年3月18日（星期二）前”.`,
  );
}
