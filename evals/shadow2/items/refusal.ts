import type { Context } from '../../shadow/context.js';
import type { CompanyRow } from '../../shadow/data/chainkg.js';
import { byText, norm } from '../../shadow/item.js';
import { EMPTY_CELL, OUT_OF_RANGE, REFUSAL } from '../../shadow/keys.js';
import type { Lot } from '../../shadow/prng.js';
import { fresh, need, type SecondSet } from '../collect.js';
import { cleanCompanies, clearLines, pick } from '../pools.js';

/** Province-level names that open registered company names (浙江…股份有限公司). */
const PROVINCES = [
  '北京',
  '天津',
  '上海',
  '重庆',
  '河北',
  '山西',
  '辽宁',
  '吉林',
  '黑龙江',
  '江苏',
  '浙江',
  '安徽',
  '福建',
  '江西',
  '山东',
  '河南',
  '湖北',
  '湖南',
  '广东',
  '海南',
  '四川',
  '贵州',
  '云南',
  '陕西',
  '甘肃',
  '青海',
  '内蒙古',
  '广西',
  '西藏',
  '宁夏',
  '新疆',
];

const SUFFIX = '股份有限公司';

/** Emerging products a user might ask the listed-company graph about; each is asserted absent. */
const ABSENT_PRODUCTS = ['钠离子电池', '复合铜箔', '硅碳负极', '质子交换膜', '固态电解质'];

const base = { kind: 'refusal' as const, refusal: true };

/** Every name the four data sets know, to assert that a made-up name is nowhere. */
function everyName(ctx: Context): string[] {
  return [
    ...ctx.chainkg.companies.flatMap((c) => [c.name, c.fullname]),
    ...ctx.ickg.entities,
    ...ctx.demo.nodes.flatMap((n) => [n.name, ...n.aliases]),
  ].map(norm);
}

function absent(names: readonly string[], fragment: string): void {
  const f = norm(fragment);
  need(!names.some((n) => n.includes(f)), `${fragment} occurs in the data`);
}

interface Made {
  brandOf: CompanyRow;
  full: string;
  short: string;
}

/**
 * A registered name made of three real companies' parts: the province of one, the brand (first
 * two characters of the short name) of a second, and the line of business of a third. Asserted
 * to be nowhere in any data set, nor its brand-with-business or province-with-brand parts.
 */
function makeName(ctx: Context, lot: Lot, names: readonly string[], clean: CompanyRow[]): Made {
  const place = (c: CompanyRow) => PROVINCES.find((p) => c.fullname.startsWith(p));
  const business = (c: CompanyRow) => {
    const p = place(c);
    if (!p || !c.fullname.startsWith(p + c.name.slice(0, 2)) || !c.fullname.endsWith(SUFFIX))
      return undefined;
    const core = c.fullname.slice(p.length + 2, -SUFFIX.length);
    return core.length >= 2 && core.length <= 5 && !/[()（）]/.test(core) ? core : undefined;
  };
  // A few draws suffice; a bound keeps a change in the data from turning this into an endless loop.
  for (let attempt = 0; attempt < 100; attempt++) {
    const a = pick(
      lot,
      clean.filter((c) => place(c)),
    );
    const b = pick(
      lot,
      clean.filter(
        (c) => c.name.length === 4 && (clearLines(ctx.chainkg, c, 1)[0]?.product.length ?? 0) >= 3,
      ),
    );
    const c = pick(
      lot,
      clean.filter((x) => business(x)),
    );
    const brand = b.name.slice(0, 2);
    const short = brand + business(c)!;
    const full = place(a)! + short + SUFFIX;
    const f = (x: string) => norm(x);
    if ([short, place(a)! + brand].some((x) => names.some((n) => n.includes(f(x))))) continue;
    return { brandOf: b, full, short };
  }
  throw new Error('no made-up company name is free of real name parts after 100 draws');
}

export function refusalItems(ctx: Context, set: SecondSet): void {
  const lot = set.lot('refusal');
  const names = everyName(ctx);
  const clean = cleanCompanies(ctx.chainkg);

  const made = makeName(ctx, lot, names, clean);
  set.build(`refusal made-up company ${made.full}`, () => {
    absent(names, made.full);
    absent(names, made.short);
    const lookalike = clearLines(ctx.chainkg, made.brandOf, 1)[0]!;
    return {
      ...base,
      question: `麻烦查一下${made.full}的主营产品和收入构成。`,
      lang: 'zh',
      dataset: 'chainkg',
      expect: [...REFUSAL],
      minHits: 1,
      none: [lookalike.product],
      subjects: [made.full],
      note: `Made-up company: ${made.full} (and ${made.short}) occurs in no company.jsonl name or fullname, no ICKG entity and no demo node. expect_none_of = the top product of the look-alike ${made.brandOf.name} (company_product.jsonl:${lookalike.line} ${lookalike.product}).`,
    };
  });

  const other = makeName(ctx, lot, names, clean);
  set.build(`refusal made-up ICKG entity ${other.short}`, () => {
    absent(names, other.short);
    return {
      ...base,
      question: `Which companies has ${other.short} invested in, according to the 2025 news graph?`,
      lang: 'en',
      dataset: 'ickg',
      expect: [...REFUSAL],
      minHits: 1,
      subjects: [other.short],
      note: `Made-up name: ${other.short} occurs in no ICKG entity (entity2id.txt), no chainkg company and no demo node.`,
    };
  });

  const demo = ctx.demo;
  const enterprises = demo.nodes
    .filter((n) => n.type === 'Enterprise')
    .sort((a, b) => byText(a.name, b.name));
  let fake = '';
  for (
    let attempt = 0;
    attempt < 100 && (fake === '' || names.some((n) => n.includes(norm(fake))));
    attempt++
  ) {
    fake = pick(lot, enterprises).name.slice(0, 2) + pick(lot, enterprises).name.slice(2);
  }
  set.build(`refusal made-up demo enterprise ${fake}`, () => {
    absent(names, fake);
    return {
      ...base,
      question: `演示数据里的${fake}在哪个区？主要做什么产品？`,
      lang: 'zh',
      dataset: 'demo',
      expect: [...REFUSAL],
      minHits: 1,
      subjects: [fake],
      note: `Made-up demo name from the parts of two demo enterprises: ${fake} is no demo node name or alias, nor any chainkg or ICKG name.`,
    };
  });

  const known = new Set([
    ...ctx.chainkg.companies.map((c) => c.code.slice(0, 6)),
    ...ctx.chainkg.companyIndustry.map((r) => r.company_code.slice(0, 6)),
  ]);
  const codes = Array.from({ length: 1000 }, (_, i) => `605${String(i).padStart(3, '0')}`).filter(
    (c) => !known.has(c) && fresh(c),
  );
  const code = pick(lot, codes);
  set.build(`refusal unknown code ${code}`, () => {
    need(!known.has(code), `${code} is in the data`);
    return {
      ...base,
      question: `What does the company with stock code ${code}.SH make, and what is its revenue mix?`,
      lang: 'en',
      dataset: 'chainkg',
      expect: [...REFUSAL],
      minHits: 1,
      none: ['%'],
      subjects: [code],
      note: `No company.jsonl or company_industry.jsonl row has code ${code} (with or without .SH), so no products or shares are in the data.`,
    };
  });

  const product = pick(lot, ABSENT_PRODUCTS.filter(fresh));
  set.build(`refusal product not in the graph ${product}`, () => {
    const ck = ctx.chainkg;
    const inGraph = [...ck.productNames, ...ck.up.keys(), ...ck.down.keys()].some((n) => n.includes(product));
    need(!inGraph, `${product} is a chainkg product`);
    return {
      ...base,
      question: `${product}的上游原材料都有哪些？A股里谁在供？`,
      lang: 'zh',
      dataset: 'chainkg',
      expect: [...REFUSAL],
      minHits: 1,
      subjects: [product],
      note: `${product} is no product.jsonl name, no company_product product and no product_product node (not even inside a longer name).`,
    };
  });

  const ickg = ctx.ickg;
  const degree = new Map<string, number>();
  const relations = new Map<string, Set<string>>();
  const investments = new Map<string, string[]>();
  for (const q of ickg.quads) {
    for (const e of [q.head, q.tail]) {
      degree.set(e, (degree.get(e) ?? 0) + 1);
      relations.set(e, (relations.get(e) ?? new Set()).add(q.relation));
    }
    if (q.relation === '投资')
      investments.set(q.head, [...(investments.get(q.head) ?? []), `${q.tail}@${q.at}`]);
  }
  const busy = [...degree.entries()]
    .filter(
      ([e, n]) =>
        n >= 20 && fresh(e) && !relations.get(e)!.has('并购') && (investments.get(e)?.length ?? 0) >= 2,
    )
    .map(([e]) => e)
    .sort(byText);
  const quiet = pick(lot, busy);
  set.build(`refusal ICKG acquisitions of ${quiet}`, () => {
    const rels = [...relations.get(quiet)!].sort(byText);
    need(!rels.includes('并购'), `${quiet} has 并购 edges`);
    const invested = [...new Set(investments.get(quiet)!.map((x) => x.split('@')[0]!))].sort(byText);
    return {
      ...base,
      question: `${quiet}在新闻图谱里并购过哪些公司？`,
      lang: 'zh',
      dataset: 'ickg',
      expect: [...REFUSAL],
      minHits: 1,
      subjects: [quiet],
      note: `No ICKG 并购 quadruple has ${quiet} as head or tail (its relations: ${JSON.stringify(rels)}). It did invest (投资, not 并购) in ${invested.slice(0, 4).join(', ')}: saying so is fine, calling them acquisitions is not.`,
    };
  });

  const investor = pick(
    lot,
    [...investments.keys()]
      .filter((e) => e !== quiet && fresh(e) && new Set(investments.get(e)).size >= 3)
      .sort(byText),
  );
  set.build(`refusal ICKG 2024 investments of ${investor}`, () => {
    need(ickg.firstDay.startsWith('2025'), `ICKG starts on ${ickg.firstDay}`);
    return {
      ...base,
      question: `Which companies did ${investor} invest in during 2024?`,
      lang: 'en',
      dataset: 'ickg',
      expect: [...REFUSAL, ...OUT_OF_RANGE],
      minHits: 1,
      subjects: [investor],
      note: `ICKG time2id.txt covers ${ickg.firstDay}..${ickg.lastDay} only; there is no 2024 quadruple. Listing ${investor}'s 2025 investments is fine if they are labelled as 2025.`,
    };
  });

  const policies = ctx.policies;
  set.build('refusal subsidy in the 2024 notice', () => {
    policies.absent('cq-2024-industry-brain-construction-notice.txt', '补助', '补贴', '奖励');
    return {
      ...base,
      question: '按2024年那份行业大脑建设通知，每个行业大脑市里给多少补助资金？',
      lang: 'zh',
      dataset: 'policies',
      expect: [...REFUSAL],
      minHits: 1,
      subjects: [],
      note: 'policies/cq-2024-industry-brain-construction-notice.txt states no subsidy amount (no 补助, 补贴 or 奖励 in the file; it only encourages districts to support, line 24).',
    };
  });
  set.build('refusal registered capital in the Jiangxi guide', () => {
    policies.absent('jx-industry-brain-guide-2023.txt', '注册资本', '注册资金');
    return {
      ...base,
      question:
        'Under the Jiangxi guide, what is the minimum registered capital for an industry brain operator?',
      lang: 'en',
      dataset: 'policies',
      expect: [...REFUSAL],
      minHits: 1,
      subjects: [],
      note: 'policies/jx-industry-brain-guide-2023.txt sets no registered-capital threshold (no 注册资本 or 注册资金 in the file); operators are described by capability (line 145-149).',
    };
  });

  const empty = [...demo.series.entries()]
    .flatMap(([key, cells]) =>
      [...cells.entries()]
        .filter(([, c]) => c.raw === '')
        .map(([month, c]) => ({ key, month, line: c.line })),
    )
    .filter(({ key }) => {
      const m = demo.seriesMeta.get(key);
      return m && fresh(m.column) && fresh(m.name);
    })
    .sort((a, b) => byText(`${a.key}|${a.month}`, `${b.key}|${b.month}`));
  const gap = pick(lot, empty);
  set.build(`refusal empty demo cell ${gap.key} ${gap.month}`, () => {
    const m = demo.seriesMeta.get(gap.key)!;
    const cells = demo.series.get(gap.key)!;
    const months = [...cells.keys()].sort(byText);
    const i = months.indexOf(gap.month);
    const neighbours = [months[i - 1], months[i + 1]]
      .filter((x): x is string => !!x)
      .map((x) => ({ month: x, raw: cells.get(x)!.raw }));
    need(cells.get(gap.month)!.raw === '', `${gap.key} ${gap.month} is not empty`);
    return {
      ...base,
      question: `演示数据里${gap.month.slice(0, 4)}年${Number(gap.month.slice(5))}月的${m.name}是多少？`,
      lang: 'zh',
      dataset: 'demo',
      expect: [...REFUSAL, ...EMPTY_CELL],
      minHits: 1,
      none: neighbours.map((n) => n.raw).filter((r) => r !== ''),
      subjects: [m.name],
      note: `demo ${m.file} line ${gap.line}: the ${m.column} cell for ${gap.month} is empty (a missing value); neighbours ${neighbours.map((n) => `${n.month}=${n.raw}`).join(', ')} are expect_none_of.`,
    };
  });

  const prices = ctx.prices;
  const later = pick(
    lot,
    [...prices.series.keys()]
      .filter(
        (c) =>
          prices.meta.get(c)?.unit === 'USD/metric ton' && fresh(c) && fresh(prices.meta.get(c)!.name_zh),
      )
      .sort(byText),
  );
  set.build(`refusal price after the data ${later}`, () => {
    need(prices.months[prices.months.length - 1] === '2023-12', 'the IMF file no longer ends in 2023-12');
    return {
      ...base,
      question: `2024年6月国际${prices.meta.get(later)!.name_zh}价格是多少美元一吨？`,
      lang: 'zh',
      dataset: 'prices',
      expect: [...REFUSAL, ...OUT_OF_RANGE],
      minHits: 1,
      subjects: [prices.meta.get(later)!.name_zh],
      note: `prices/imf-commodity-prices-monthly.csv ends at 2023-12; there is no 2024 value for ${later} (a forecast is not an observed price).`,
    };
  });

  set.build('refusal off-topic travel', () => ({
    ...base,
    question: 'Can you plan a three-day sightseeing itinerary in Chengdu for me?',
    lang: 'en',
    dataset: 'chainkg',
    expect: [...REFUSAL],
    minHits: 1,
    subjects: [],
    note: 'Off-topic (travel); none of the data sets holds travel data. Asked against the chainkg data directory.',
  }));
  set.build('refusal off-topic poem', () => ({
    ...base,
    question: '帮我写一首关于春天的七言绝句吧',
    lang: 'zh',
    dataset: 'chainkg',
    expect: [...REFUSAL],
    minHits: 1,
    subjects: [],
    note: 'Off-topic (creative writing); not a question about the data. Asked against the chainkg data directory.',
  }));
}
