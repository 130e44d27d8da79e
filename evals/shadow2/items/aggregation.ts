import type { Context } from '../../shadow/context.js';
import { code6 } from '../../shadow/data/chainkg.js';
import { byText } from '../../shadow/item.js';
import { countForms, pct } from '../../shadow/keys.js';
import type { Lot } from '../../shadow/prng.js';
import { fresh, need, type SecondSet } from '../collect.js';
import { type Ask, drawEach, en, industryKey, pick, plainProduct, zh } from '../pools.js';

/** Products named plainly enough to ask about, with their producers' shares in (0, 1]. */
function productPool(ctx: Context): string[] {
  const ck = ctx.chainkg;
  const names = new Set<string>();
  for (const c of ck.companies) for (const h of ck.productsOf(c.code)) names.add(h.product);
  return [...names]
    .filter((p) => fresh(p) && plainProduct(p))
    .filter((p) => ck.producers(p).every((q) => q.weight > 0 && q.weight <= 1))
    .sort(byText);
}

function listing(ctx: Context, p: string): string {
  return ctx.chainkg
    .producers(p)
    .map((q) => `${q.name}(${q.code})=${q.weight}@[${q.lines.join(', ')}]`)
    .join(', ');
}

function chainkgItems(ctx: Context, set: SecondSet, lot: Lot): void {
  const ck = ctx.chainkg;
  const pool = productPool(ctx);
  const count = (p: string) => ck.producers(p).length;
  const gap = (p: string, i: number) => {
    const w = ck.producers(p).map((q) => q.weight);
    return (w[i - 1] ?? 0) - (w[i] ?? 0);
  };
  const counts: Ask[] = [
    (p) => zh(`主营产品里有${p}的A股公司一共多少家？`),
    (p) => en(`How many A-share companies list ${p} among their main products?`),
    (p) => zh(`给我个数就行：做${p}的上市公司有几家？`),
  ];
  const leaders: ((p: string) => { question: string; lang: 'zh' | 'en'; share: boolean })[] = [
    (p) => ({ ...zh(`哪家上市公司的收入最依赖${p}？`), share: false }),
    (p) => ({
      ...en(
        `Which listed company gets the largest share of its revenue from ${p}, and how large is that share?`,
      ),
      share: true,
    }),
    (p) => ({ ...zh(`${p}收入占比排第一的上市公司是谁？占到多少？`), share: true }),
  ];
  const podiums: Ask[] = [
    (p) => zh(`按${p}收入占比排个序，前三名是哪几家上市公司？`),
    (p) => en(`Rank listed companies by the revenue share of ${p}: who are the top three?`),
  ];
  const drawn = drawEach(lot, pool, [
    ...counts.map(() => (p: string) => count(p) >= 5 && count(p) <= 40),
    ...leaders.map(() => (p: string) => count(p) >= 3 && gap(p, 1) >= 0.05),
    ...podiums.map(() => (p: string) => count(p) >= 5 && gap(p, 3) >= 0.01 && gap(p, 1) > 0 && gap(p, 2) > 0),
  ]);
  for (const [i, p] of drawn.entries()) {
    set.build(`aggregation about producers of ${p}`, () => {
      const producers = ck.producers(p);
      const note = `company_product.jsonl product==${p}, distinct 6-digit codes = ${producers.length}, by weight: ${listing(ctx, p)}.`;
      const base = { kind: 'aggregation' as const, dataset: 'chainkg' as const, subjects: [p], note };
      if (i < counts.length) {
        const { question, lang } = counts[i]!(p);
        return { ...base, question, lang, expect: countForms(producers.length, lang === 'en'), minHits: 1 };
      }
      if (i < counts.length + leaders.length) {
        const { question, lang, share } = leaders[i - counts.length]!(p);
        const top = producers[0]!;
        return {
          ...base,
          question,
          lang,
          expect: [top.name, ...(share ? pct(top.weight) : [])],
          minHits: share ? 2 : 1,
        };
      }
      const { question, lang } = podiums[i - counts.length - leaders.length]!(p);
      return { ...base, question, lang, expect: producers.slice(0, 3).map((q) => q.name), minHits: 3 };
    });
  }
}

function industryCounts(ctx: Context, set: SecondSet, lot: Lot): void {
  const ck = ctx.chainkg;
  const members = new Map<string, string[]>();
  for (const r of ck.companyIndustry)
    members.set(r.industry_name, [...(members.get(r.industry_name) ?? []), r.company_code]);
  const pool = [...members.keys()]
    .filter((x) => fresh(x) && members.get(x)!.length >= 10 && members.get(x)!.length <= 60)
    .sort(byText);
  const asks: Ask[] = [
    (x) => zh(`申万三级行业“${x}”里一共有多少家上市公司？`),
    (x) => en(`How many listed companies does the data put in the Shenwan level-3 industry ${x}?`),
  ];
  for (const [i, industry] of lot.draw(pool, asks.length).entries()) {
    set.build(`aggregation company count of ${industry}`, () => {
      const codes = new Set(members.get(industry)!.map(code6));
      const { question, lang } = asks[i]!(industry);
      return {
        question,
        lang,
        kind: 'aggregation',
        dataset: 'chainkg',
        expect: countForms(codes.size, lang === 'en'),
        minHits: 1,
        subjects: [industry],
        note: `company_industry.jsonl rows with industry_name==${industry}: ${codes.size} distinct codes.`,
      };
    });
  }
  const sectors = [...new Set(ck.companyIndustry.map((r) => ck.level1(r.industry_name)))]
    .filter(fresh)
    .sort(byText);
  const biggest = (sector: string) => {
    const tally = new Map<string, Set<string>>();
    for (const r of ck.companyIndustry) {
      if (ck.level1(r.industry_name) !== sector) continue;
      tally.set(r.industry_name, (tally.get(r.industry_name) ?? new Set()).add(code6(r.company_code)));
    }
    return [...tally.entries()]
      .map(([k, v]) => ({ industry: k, n: v.size }))
      .sort((a, b) => b.n - a.n || byText(a.industry, b.industry));
  };
  const sector = pick(
    lot,
    sectors.filter((s) => {
      const [a, b] = biggest(s);
      return a && b && a.n > b.n && fresh(a.industry);
    }),
  );
  set.build(`aggregation biggest level-3 industry of ${sector}`, () => {
    const ranked = biggest(sector);
    const top = ranked[0]!;
    return {
      question: `申万一级“${sector}”底下，哪个三级行业的上市公司最多？有几家？`,
      lang: 'zh',
      kind: 'aggregation',
      dataset: 'chainkg',
      expect: [industryKey(top.industry), ...countForms(top.n, false)],
      minHits: 2,
      subjects: [sector],
      note: `company_industry.jsonl industry_name climbed to level 1 via industry_industry.jsonl 上级行业, level-3 industries of ${sector} by distinct codes: ${ranked
        .slice(0, 4)
        .map((r) => `${r.industry}=${r.n}`)
        .join(', ')}.`,
    };
  });
}

/** Years the earlier sets already counted listings for (on one exchange or the other). */
const COUNTED_YEARS = new Set(['2010', '2019', '2020']);

function listingCounts(ctx: Context, set: SecondSet, lot: Lot): void {
  const ck = ctx.chainkg;
  const years = Array.from({ length: 22 }, (_, i) => String(2001 + i)).filter((y) => !COUNTED_YEARS.has(y));
  const asks = [
    { exchange: '上海证券交易所', ask: (y: string) => zh(`${y}年在上交所上市的公司，数据里能数出多少家？`) },
    {
      exchange: '深圳证券交易所',
      ask: (y: string) =>
        en(`How many companies in the company list went public on the Shenzhen Stock Exchange in ${y}?`),
    },
  ];
  for (const [i, year] of lot.draw(years, asks.length).entries()) {
    const { exchange, ask } = asks[i]!;
    set.build(`aggregation listings on ${exchange} in ${year}`, () => {
      const codes = new Set(
        ck.companies
          .filter((c) => c.location === exchange && c.time.startsWith(year))
          .map((c) => code6(c.code)),
      );
      need(codes.size > 0, `no listing on ${exchange} in ${year}`);
      const { question, lang } = ask(year);
      return {
        question,
        lang,
        kind: 'aggregation',
        dataset: 'chainkg',
        expect: countForms(codes.size, lang === 'en'),
        minHits: 1,
        subjects: [],
        note: `company.jsonl rows with location==${exchange} and time starting ${year}, distinct 6-digit codes: ${codes.size}.`,
      };
    });
  }
}

function demoItems(ctx: Context, set: SecondSet, lot: Lot): void {
  const demo = ctx.demo;
  const products = demo.nodes
    .filter((n) => n.type === 'Product' && fresh(n.name))
    .map((n) => n.name)
    .sort(byText);
  const [counted, led] = drawEach(lot, products, [
    (p) => demo.producersOf(p).length >= 3 && demo.producersOf(p).length <= 8,
    (p) => {
      const [a, b] = demo.producersOf(p);
      return !!a && !!b && a.weight - b.weight >= 0.05;
    },
  ]);
  set.build(`aggregation demo producers of ${counted}`, () => {
    const producers = demo.producersOf(counted!);
    return {
      question: `演示数据里生产${counted}的企业有几家？都是谁？`,
      lang: 'zh',
      kind: 'aggregation',
      dataset: 'demo',
      expect: [...countForms(producers.length, false), ...producers.map((q) => q.name)],
      minHits: 3,
      subjects: [counted!],
      note: `demo edges.jsonl PRODUCES ${counted}: ${producers.map((q) => `${q.name}(${q.weight})@${q.line}`).join(', ')}.`,
    };
  });
  set.build(`aggregation demo leader in ${led}`, () => {
    const producers = demo.producersOf(led!);
    return {
      question: `In the demo chain, which enterprise earns the largest share of its revenue from ${led}?`,
      lang: 'en',
      kind: 'aggregation',
      dataset: 'demo',
      expect: [producers[0]!.name],
      minHits: 1,
      subjects: [led!],
      note: `demo edges.jsonl PRODUCES ${led} (weight = revenue share): ${producers.map((q) => `${q.name}(${q.weight})@${q.line}`).join(', ')}.`,
    };
  });
}

export function aggregationItems(ctx: Context, set: SecondSet): void {
  const lot = set.lot('aggregation');
  chainkgItems(ctx, set, lot);
  industryCounts(ctx, set, lot);
  listingCounts(ctx, set, lot);
  demoItems(ctx, set, lot);
}
