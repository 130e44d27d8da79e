import type { Context } from '../../shadow/context.js';
import { code6, type CompanyRow, quoteCompany } from '../../shadow/data/chainkg.js';
import { describeTargets } from '../../shadow/data/ickg.js';
import { byText } from '../../shadow/item.js';
import { countForms, dateForms, NO_OVERLAP, pct, TIE_EN } from '../../shadow/keys.js';
import type { Lot } from '../../shadow/prng.js';
import { fresh, need, type SecondSet } from '../collect.js';
import { cleanCompanies, industryKey, long, pick, plainProduct, sortedKeys } from '../pools.js';

/** Every unordered pair of `xs` (in order) that satisfies `ok`. */
function pairs<T>(xs: readonly T[], ok: (a: T, b: T) => boolean): [T, T][] {
  const out: [T, T][] = [];
  for (let i = 0; i < xs.length; i++)
    for (let j = i + 1; j < xs.length; j++) if (ok(xs[i]!, xs[j]!)) out.push([xs[i]!, xs[j]!]);
  return out;
}

function sharedInputs(ctx: Context, set: SecondSet, lot: Lot): void {
  const ck = ctx.chainkg;
  const products = sortedKeys(ck.up).filter(
    (p) => fresh(p) && ck.producers(p).length >= 2 && ck.up.get(p)!.size >= 2 && ck.up.get(p)!.size <= 8,
  );
  const common = (a: string, b: string) =>
    long(sortedKeys(ck.up.get(a)!).filter((x) => ck.up.get(b)!.has(x) && x !== a && x !== b));
  // Only products that share some input can share one: pair them through the inputs they use.
  const usedBy = new Map<string, Set<string>>();
  for (const p of products)
    for (const x of ck.up.get(p)!.keys()) usedBy.set(x, (usedBy.get(x) ?? new Set()).add(p));
  const sharing = products.flatMap((a) => {
    const partners = new Set<string>();
    for (const x of ck.up.get(a)!.keys())
      for (const b of usedBy.get(x) ?? []) if (byText(a, b) < 0) partners.add(b);
    return [...partners]
      .sort(byText)
      .filter((b) => !a.includes(b) && !b.includes(a) && common(a, b).length >= 1 && common(a, b).length <= 4)
      .map((b): [string, string] => [a, b]);
  });
  const asks = [
    (a: string, b: string) => ({
      question: `${a}和${b}的原材料里，有没有两边都要用的？是哪些？`,
      lang: 'zh' as const,
    }),
    (a: string, b: string) => ({
      question: `Which input materials do ${a} and ${b} have in common?`,
      lang: 'en' as const,
    }),
  ];
  const drawn = lot.draw(sharing, asks.length);
  for (const [i, [a, b]] of drawn.entries()) {
    set.build(`comparison shared inputs of ${a} and ${b}`, () => {
      const keys = common(a, b);
      const { question, lang } = asks[i]!(a, b);
      const show = (p: string) =>
        sortedKeys(ck.up.get(p)!)
          .map((x) => `${x}@${ck.up.get(p)!.get(x)}`)
          .join(', ');
      return {
        question,
        lang,
        kind: 'comparison',
        dataset: 'chainkg',
        expect: keys,
        minHits: (n) => n,
        subjects: [a, b],
        note: `product_product.jsonl 上游材料 ${a}: ${show(a)}; ${b}: ${show(b)}; intersection ${JSON.stringify(keys)}.`,
      };
    });
  }
  // Two products one company makes side by side, whose inputs do not overlap at all.
  const taken = new Set(drawn.flat());
  const siblings = cleanCompanies(ck).flatMap((c) =>
    pairs(
      ck
        .productsOf(c.code)
        .map((h) => h.product)
        .filter((p) => products.includes(p) && !taken.has(p)),
      (a, b) => common(a, b).length === 0 && [...ck.up.get(a)!.keys()].every((x) => !ck.up.get(b)!.has(x)),
    ).map(([a, b]) => ({ c, a, b })),
  );
  const { c, a, b } = pick(lot, siblings);
  set.build(`comparison no shared inputs of ${a} and ${b}`, () => {
    const show = (p: string) =>
      sortedKeys(ck.up.get(p)!)
        .map((x) => `${x}@${ck.up.get(p)!.get(x)}`)
        .join(', ');
    return {
      question: `${c.name}同时在做${a}和${b}，这两样产品的直接原料有重叠吗？`,
      lang: 'zh',
      kind: 'comparison',
      dataset: 'chainkg',
      expect: [...NO_OVERLAP],
      minHits: 1,
      subjects: [a, b],
      note: `${quoteCompany(c)} makes both (company_product.jsonl). product_product.jsonl 上游材料 ${a}: ${show(a)}; ${b}: ${show(b)}; intersection []. The answer must say they share no input.`,
    };
  });
}

function producerCounts(ctx: Context, set: SecondSet, lot: Lot): void {
  const ck = ctx.chainkg;
  const names = new Set<string>();
  for (const c of ck.companies) for (const h of ck.productsOf(c.code)) names.add(h.product);
  const pool = [...names]
    .filter((p) => fresh(p) && plainProduct(p))
    .filter((p) => ck.producers(p).length >= 5 && ck.producers(p).length <= 40)
    .sort(byText);
  const counts = new Map(pool.map((p) => [p, ck.producers(p).length]));
  const n = (p: string) => counts.get(p) ?? ck.producers(p).length;
  const unequal = pairs(pool, (a, b) => n(a) !== n(b) && !a.includes(b) && !b.includes(a));
  const [a, b] = pick(lot, unequal);
  set.build(`comparison producer counts of ${a} and ${b}`, () => ({
    question: `做${a}的上市公司多，还是做${b}的多？各有几家？`,
    lang: 'zh',
    kind: 'comparison',
    dataset: 'chainkg',
    expect: [`${n(a)}家`, `${n(b)}家`],
    minHits: 2,
    subjects: [a, b],
    note: `company_product.jsonl distinct codes: ${a}=${n(a)}, ${b}=${n(b)}.`,
  }));
  const tied = pairs(
    pool,
    (x, y) => n(x) === n(y) && x !== a && y !== a && x !== b && y !== b && !x.includes(y) && !y.includes(x),
  );
  const [x, y] = pick(lot, tied);
  set.build(`comparison tied producer counts of ${x} and ${y}`, () => ({
    question: `Do more listed companies make ${x} or ${y}? Give the count for each.`,
    lang: 'en',
    kind: 'comparison',
    dataset: 'chainkg',
    expect: [...countForms(n(x), true), ...TIE_EN],
    minHits: 1,
    subjects: [x, y],
    note: `company_product.jsonl distinct codes: ${x}=${n(x)}, ${y}=${n(y)}: a tie. Keys = the shared count or a tie phrase.`,
  }));
}

function companyPairs(ctx: Context, set: SecondSet, lot: Lot): void {
  const ck = ctx.chainkg;
  const clean = cleanCompanies(ck);
  const cleanCodes = new Set(clean.map((c) => code6(c.code)));
  const names = new Set<string>();
  for (const c of clean) for (const h of ck.productsOf(c.code)) names.add(h.product);
  const shareable = [...names]
    .filter((p) => fresh(p) && plainProduct(p))
    .sort(byText)
    .flatMap((p) =>
      pairs(
        ck.producers(p).filter((q) => cleanCodes.has(q.code) && q.weight > 0.05 && q.weight <= 1),
        (u, v) => Math.abs(u.weight - v.weight) >= 0.02 && pct(u.weight)[0] !== pct(v.weight)[0],
      ).map(([u, v]) => ({ p, u, v })),
    );
  const asks = [
    (p: string, u: string, v: string) => ({
      question: `${u}跟${v}比，哪家的${p}收入占比更高？两家分别多少？`,
      lang: 'zh' as const,
    }),
    (p: string, u: string, v: string) => ({
      question: `Compare ${u} and ${v}: what share of revenue does each get from ${p}?`,
      lang: 'en' as const,
    }),
  ];
  const drawn = lot.draw(shareable, asks.length);
  for (const [i, { p, u, v }] of drawn.entries()) {
    set.build(`comparison shares of ${u.name} and ${v.name} in ${p}`, () => {
      const { question, lang } = asks[i]!(p, u.name, v.name);
      return {
        question,
        lang,
        kind: 'comparison',
        dataset: 'chainkg',
        expect: [...pct(u.weight), ...pct(v.weight)],
        minHits: 2,
        subjects: [p, u.name, v.name],
        note: `company_product.jsonl ${p}: ${u.name}=${u.weight}@[${u.lines.join(', ')}], ${v.name}=${v.weight}@[${v.lines.join(', ')}]; higher: ${u.weight > v.weight ? u.name : v.name}. Keys = both shares.`,
      };
    });
  }
  const taken = new Set(drawn.flatMap((d) => [d.u.code, d.v.code]));
  const free = clean.filter((c) => !taken.has(code6(c.code)));
  const [c1, c2] = lot.draw(
    free.filter((c) => c.time !== ''),
    2,
  ) as [CompanyRow, CompanyRow];
  need(c1.time !== c2.time, 'two companies listed on the same day');
  set.build(`comparison listing dates of ${c1.name} and ${c2.name}`, () => ({
    question: `${c1.name}和${c2.name}，谁上市更早？给一下两家的上市日期`,
    lang: 'zh',
    kind: 'comparison',
    dataset: 'chainkg',
    expect: [...dateForms(c1.time), ...dateForms(c2.time)],
    minHits: 2,
    subjects: [c1.name, c2.name],
    note: `${quoteCompany(c1)}; ${quoteCompany(c2)}; earlier: ${c1.time < c2.time ? c1.name : c2.name}. Keys = both dates.`,
  }));
  const rest = free.filter((c) => c !== c1 && c !== c2);
  const level3 = (c: CompanyRow) => ck.industryOfCode(c.code)!.industry_name;
  const sector = (c: CompanyRow) => ck.level1(level3(c));
  const d1 = pick(lot, rest);
  const d2 = pick(
    lot,
    rest.filter((c) => c !== d1 && sector(c) === sector(d1) && level3(c) !== level3(d1)),
  );
  set.build(`comparison industries of ${d1.name} and ${d2.name}`, () => ({
    question: `Are ${d1.name} and ${d2.name} in the same Shenwan level-3 industry? Name each one's industry.`,
    lang: 'en',
    kind: 'comparison',
    dataset: 'chainkg',
    expect: [industryKey(level3(d1)), industryKey(level3(d2))],
    minHits: 2,
    subjects: [d1.name, d2.name],
    note: `company_industry.jsonl:${ck.industryOfCode(d1.code)!.line} ${d1.name} -> ${level3(d1)}; company_industry.jsonl:${ck.industryOfCode(d2.code)!.line} ${d2.name} -> ${level3(d2)}: different level-3 industries, both under ${sector(d1)}.`,
  }));
}

function commonInvestees(ctx: Context, set: SecondSet, lot: Lot): void {
  const ickg = ctx.ickg;
  const invested = new Map<string, Set<string>>();
  for (const q of ickg.quads) {
    if (q.relation === '投资' && q.head !== q.tail)
      invested.set(q.head, (invested.get(q.head) ?? new Set()).add(q.tail));
  }
  const investors = [...invested.keys()].filter((h) => fresh(h) && invested.get(h)!.size >= 3).sort(byText);
  const common = (a: string, b: string) =>
    [...invested.get(a)!].filter((t) => invested.get(b)!.has(t) && t !== a && t !== b).sort(byText);
  const [a, b] = pick(
    lot,
    pairs(investors, (x, y) => common(x, y).length >= 1 && common(x, y).length <= 4),
  );
  set.build(`comparison common investees of ${a} and ${b}`, () => {
    const keys = common(a, b);
    const x = ickg.out([a], '投资');
    const y = ickg.out([b], '投资');
    return {
      question: `新闻图谱里，${a}和${b}有没有一起投过的公司？`,
      lang: 'zh',
      kind: 'comparison',
      dataset: 'ickg',
      expect: keys,
      minHits: 1,
      subjects: [a, b],
      note: `ICKG 投资 (head ${a}) ∩ (head ${b}): ${keys.map((k) => `${k}: ${JSON.stringify(x.get(k))} / ${JSON.stringify(y.get(k))}`).join('; ')}. Other targets: ${describeTargets(x)} | ${describeTargets(y)}.`,
    };
  });
}

function demoComparisons(ctx: Context, set: SecondSet, lot: Lot): void {
  const demo = ctx.demo;
  const districts = demo.nodes
    .filter((n) => n.type === 'Region' && n.props.level === 'district' && fresh(n.name))
    .map((n) => n.name)
    .filter((r) => demo.enterprisesIn(r).length > 0)
    .sort(byText);
  const count = (r: string) => demo.enterprisesIn(r).length;
  const [r1, r2] = pick(
    lot,
    pairs(districts, (x, y) => count(x) !== count(y)),
  );
  set.build(`comparison demo districts ${r1} and ${r2}`, () => ({
    question: `演示数据里，${r1}跟${r2}比，哪边企业多？各多少家？`,
    lang: 'zh',
    kind: 'comparison',
    dataset: 'demo',
    expect: [`${count(r1)}家`, `${count(r2)}家`],
    minHits: 2,
    subjects: [r1, r2],
    note: `demo edges.jsonl LOCATED_IN enterprises: ${r1}=${count(r1)} (${demo
      .enterprisesIn(r1)
      .map((e) => `${e.name}@${e.line}`)
      .join(', ')}); ${r2}=${count(r2)} (${demo
      .enterprisesIn(r2)
      .map((e) => `${e.name}@${e.line}`)
      .join(', ')}).`,
  }));
  const enterprises = demo.nodes
    .filter((n) => n.type === 'Enterprise' && fresh(n.name))
    .map((n) => n.name)
    .sort(byText);
  const suppliers = (e: string) => new Set(demo.supplies(e, 'in').map((s) => s.name));
  const shared = (a: string, b: string) => [...suppliers(a)].filter((s) => suppliers(b).has(s)).sort(byText);
  const buyers = enterprises.filter((e) => suppliers(e).size >= 4);
  const [e1, e2] = pick(
    lot,
    pairs(buyers, (a, b) => shared(a, b).length >= 1 && shared(a, b).length <= 4),
  );
  set.build(`comparison demo shared suppliers of ${e1} and ${e2}`, () => {
    const keys = shared(e1, e2);
    const show = (e: string) =>
      demo
        .supplies(e, 'in')
        .map((s) => `${s.name}${JSON.stringify(s.products)}@${s.line}`)
        .join(', ');
    return {
      question: `Do ${e1} and ${e2} buy from any of the same suppliers in the demo chain? Which ones?`,
      lang: 'en',
      kind: 'comparison',
      dataset: 'demo',
      expect: keys,
      minHits: (n) => Math.min(2, n),
      subjects: [e1, e2],
      note: `demo edges.jsonl SUPPLIES into ${e1}: ${show(e1)}; into ${e2}: ${show(e2)}; common: ${keys.join(', ')}.`,
    };
  });
  const products = demo.nodes
    .filter((n) => n.type === 'Product' && fresh(n.name))
    .map((n) => n.name)
    .sort(byText);
  const uses = products.flatMap((input) => {
    const into = demo.edgesOf(input, 'MADE_FROM', 'in', 'Product');
    return pairs(
      into.filter((e) => fresh(demo.nameOf(e.from))),
      (u, v) => pct(Number(u.props.share))[0] !== pct(Number(v.props.share))[0],
    ).map(([u, v]) => ({ input, u, v }));
  });
  const { input, u, v } = pick(lot, uses);
  const pu = demo.nameOf(u.from);
  const pv = demo.nameOf(v.from);
  set.build(`comparison demo share of ${input} in ${pu} and ${pv}`, () => ({
    question: `${input}在${pu}和${pv}的原料构成里各占多少？哪个用得更多？`,
    lang: 'zh',
    kind: 'comparison',
    dataset: 'demo',
    expect: [...pct(Number(u.props.share)), ...pct(Number(v.props.share))],
    minHits: 2,
    subjects: [input, pu, pv],
    note: `demo edges.jsonl MADE_FROM share: ${pu}<-${input} ${u.props.share}@${u.line}; ${pv}<-${input} ${v.props.share}@${v.line}. Keys = both shares.`,
  }));
}

export function comparisonItems(ctx: Context, set: SecondSet): void {
  const lot = set.lot('comparison');
  sharedInputs(ctx, set, lot);
  producerCounts(ctx, set, lot);
  companyPairs(ctx, set, lot);
  commonInvestees(ctx, set, lot);
  demoComparisons(ctx, set, lot);
}
