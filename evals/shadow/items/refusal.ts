import type { Context } from '../context.js';
import { POLICY_FILES } from '../data/policies.js';
import { check, type Dataset, type Lang, type ShadowSet } from '../item.js';
import { EMPTY_CELL, OUT_OF_RANGE, REFUSAL } from '../keys.js';

function refuse(
  set: ShadowSet,
  question: string,
  lang: Lang,
  dataset: Dataset,
  note: string,
  none?: string[],
  extra: readonly string[] = [],
): void {
  set.add({
    question,
    lang,
    kind: 'refusal',
    dataset,
    expect: [...REFUSAL, ...extra],
    minHits: 1,
    note,
    none,
    refusal: true,
  });
}

export function refusalItems(ctx: Context, set: ShadowSet): void {
  const { chainkg, ickg, policies, prices, demo } = ctx;

  const bank = chainkg.company('重庆银行');
  check(!/^\d{4}-\d{2}-\d{2}$/.test(bank.time), '重庆银行 now has a listing date');
  refuse(
    set,
    '重庆银行是哪一天上市的？',
    'zh',
    'chainkg',
    `company.jsonl:${bank.line} ${JSON.stringify({ name: bank.name, code: bank.code, location: bank.location, time: bank.time })}: the time field holds the exchange name, not a date, so the listing date is not in the data (naming the exchange is fine).`,
  );

  const unknownCode = '301999';
  check(
    chainkg.rowsOfCode(unknownCode).length === 0 &&
      chainkg.productsOf(unknownCode).length === 0 &&
      chainkg.industryOfCode(unknownCode) === undefined,
    `${unknownCode} is in the data`,
  );
  refuse(
    set,
    `What does the company with stock code ${unknownCode}.SZ make?`,
    'en',
    'chainkg',
    `No company.jsonl, company_product.jsonl or company_industry.jsonl row has code ${unknownCode}.`,
  );

  const fake = '重庆渝江精密轴承股份有限公司';
  check(
    !chainkg.companies.some((c) => c.fullname.includes('渝江') || c.name.includes('渝江')),
    'a 渝江 company exists',
  );
  check(
    ![...ickg.entities].some((e) => e.includes('渝江')) && !demo.hasName('渝江'),
    '渝江 is in ICKG or the demo',
  );
  refuse(
    set,
    `${fake}的主营产品有哪些？收入占比各多少？`,
    'zh',
    'chainkg',
    'Fictional company: no company.jsonl name or fullname contains 渝江, no ICKG entity, no demo node.',
  );

  check(
    !chainkg.productNames.has('固态电池') && !chainkg.up.has('固态电池') && !chainkg.down.has('固态电池'),
    '固态电池 is a chainkg product',
  );
  const battery = [...chainkg.inputsOf('电池').keys()];
  refuse(
    set,
    '固态电池的上游原材料有哪些？哪些上市公司在供应？',
    'zh',
    'chainkg',
    `固态电池 is not a product.jsonl name and has no product_product edge. expect_none_of = an input of the broader product 电池 (${battery.join(', ')}), a likely substitution.`,
    ['电解镍'],
  );

  const catl = [...ickg.entities].filter((e) => e.includes('宁德时代'));
  check(!ickg.quads.some((q) => q.relation === '并购' && catl.includes(q.head)), '宁德时代 has a 并购 edge');
  refuse(
    set,
    '宁德时代在新闻知识图谱里收购过哪些公司？',
    'zh',
    'ickg',
    `No ICKG 并购 quadruple has any of ${catl.length} 宁德时代* entities as head (宁德时代's relations: ${[...ickg.relationsOf(['宁德时代'])].sort().join(', ')}). Its 投资 and 合资 edges are not acquisitions.`,
  );

  check(ickg.firstDay.startsWith('2025') && ickg.lastDay.startsWith('2025'), 'ICKG spans more than 2025');
  refuse(
    set,
    'Which companies did NVIDIA (英伟达) invest in during 2023?',
    'en',
    'ickg',
    `ICKG time2id.txt covers ${ickg.firstDay}..${ickg.lastDay} only; there is no 2023 quadruple. Listing the 2025 investments is fine if they are labelled as 2025.`,
    undefined,
    OUT_OF_RANGE,
  );

  policies.absent(POLICY_FILES.notice2025, '万元', '亿元', '补助', '奖励');
  refuse(
    set,
    '第二批揭榜挂帅入围的项目，每个能拿到多少财政补助资金？',
    'zh',
    'policies',
    `${POLICY_FILES.notice2025} names no amount, subsidy or reward (no 万元, 亿元, 补助 or 奖励 in the file). expect_none_of = a money amount, the typical invention.`,
    ['万元'],
  );

  policies.absent(POLICY_FILES.notice2024, '不低于', '最低', '至少', '亿元');
  refuse(
    set,
    'Under the 2024 notice, what is the minimum investment required for each industry brain?',
    'en',
    'policies',
    `${POLICY_FILES.notice2024} asks for an investment estimate (投资概算) but sets no minimum (no 不低于, 最低, 至少 or 亿元 in the file; 万元 appears only as the unit of the intent form's size columns).`,
  );

  const oil = demo.cell('series-price.csv', '原油', '2024-12');
  check(oil.raw === '', 'the 2024-12 原油 cell is filled');
  refuse(
    set,
    '演示数据里2024年12月的原油价格是多少？',
    'zh',
    'demo',
    `demo series-price.csv line ${oil.line}: the 原油 cell for 2024-12 is empty (neighbours: 2024-11=${demo.cell('series-price.csv', '原油', '2024-11').raw}, 2025-01=${demo.cell('series-price.csv', '原油', '2025-01').raw}).`,
    undefined,
    EMPTY_CELL,
  );

  const lithium = prices.monthsOf('Lithium');
  check(lithium[0]! > '1995-12', 'Lithium has 1995 values');
  refuse(
    set,
    '1995年国际锂价是多少美元一吨？',
    'zh',
    'prices',
    `prices/imf-commodity-prices-monthly.csv: the Lithium column is empty before ${lithium[0]}, so there is no 1995 value.`,
    undefined,
    [...OUT_OF_RANGE, ...EMPTY_CELL],
  );

  refuse(
    set,
    'Can you recommend a good recipe for sourdough bread?',
    'en',
    'chainkg',
    'Off-topic (cooking); none of the data sets covers it. Asked against the chainkg data directory.',
    ['flour'],
  );
}
