import type { Context } from '../../shadow/context.js';
import { byText } from '../../shadow/item.js';
import type { Lot } from '../../shadow/prng.js';
import { fresh, need, type SecondSet } from '../collect.js';
import {
  type Ask,
  cleanCompanies,
  clearTop,
  en,
  half,
  industryKey,
  long,
  pick,
  plainProduct,
  sortedKeys,
  zh,
} from '../pools.js';

/** Tier-2 inputs of a chainkg product: the inputs of its inputs that are not inputs themselves. */
function tierTwo(ctx: Context, product: string) {
  const tier1 = ctx.chainkg.inputsOf(product);
  const tier2 = new Map<string, string>();
  const parts: string[] = [];
  for (const x of sortedKeys(tier1)) {
    const ups = ctx.chainkg.up.get(x) ?? new Map<string, number>();
    parts.push(`${x}@${tier1.get(x)}->[${sortedKeys(ups).join(', ')}]`);
    for (const y of ups.keys()) if (!tier1.has(y) && y !== product) tier2.set(y, x);
  }
  return { tier1, keys: long(sortedKeys(tier2)), trail: parts.join('; ') };
}

function twoTier(ctx: Context, set: SecondSet, lot: Lot): string[] {
  const ck = ctx.chainkg;
  const pool = sortedKeys(ck.up).filter((p) => {
    if (!fresh(p) || !plainProduct(p) || ck.producers(p).length < 2) return false;
    const inputs = ck.up.get(p)!;
    if (inputs.size < 2 || inputs.size > 6) return false;
    if ([...inputs.keys()].filter((x) => (ck.up.get(x)?.size ?? 0) > 0).length < 2) return false;
    const n = tierTwo(ctx, p).keys.length;
    return n >= 3 && n <= 12;
  });
  const asks: Ask[] = [
    (p) => zh(`${p}的几种直接原料，各自又是拿什么做出来的？帮我往上再捋一层`),
    (p) => en(`Going two levels up the chain from ${p}: which materials feed into its direct inputs?`),
    (p) => zh(`麻烦梳理一下${p}上游的上游——它那几样原料本身要用到哪些原材料？`),
  ];
  const drawn = lot.draw(pool, asks.length);
  for (const [i, product] of drawn.entries()) {
    set.build(`multi_hop two-tier inputs of ${product}`, () => {
      const { keys, trail } = tierTwo(ctx, product);
      const { question, lang } = asks[i]!(product);
      return {
        question,
        lang,
        kind: 'multi_hop',
        dataset: 'chainkg',
        expect: keys,
        minHits: half,
        subjects: [product],
        note: `product_product.jsonl 上游材料, 2 tiers: ${product} -> ${trail}. Keys = tier-2 names that are not tier-1 inputs: ${keys.join(', ')}.`,
      };
    });
  }
  return drawn;
}

function downstream(ctx: Context, set: SecondSet, lot: Lot, taken: ReadonlySet<string>): void {
  const ck = ctx.chainkg;
  const materials = new Set([...ck.down.keys(), ...ck.downstreamEdges.keys()]);
  // A few materials list themselves (三氯乙烯 上游材料 三氯乙烯): that is no downstream product.
  const outputs = (m: string) => sortedKeys(ck.outputsOf(m)).filter((o) => o !== m);
  const pool = [...materials].sort(byText).filter((m) => {
    if (!fresh(m) || !plainProduct(m) || taken.has(m) || ck.producers(m).length < 2) return false;
    // At least half of the outputs made by listed companies: the graph's noisier edges lead to recipes.
    const outs = outputs(m);
    const made = outs.filter((o) => ck.producers(o).length > 0).length;
    return outs.length >= 3 && outs.length <= 12 && made >= 2 && made * 2 >= outs.length;
  });
  const asks: Ask[] = [
    (m) => zh(`拿${m}当原料，下游一般能做出哪些产品？`),
    (m) => en(`What is ${m} used to make further down the chain? List the downstream products.`),
    (m) => zh(`我们手上${m}产能有富余，想了解它能往哪些下游产品延伸？`),
  ];
  for (const [i, material] of lot.draw(pool, asks.length).entries()) {
    set.build(`multi_hop downstream of ${material}`, () => {
      const out = ck.outputsOf(material);
      const keys = long(outputs(material));
      const { question, lang } = asks[i]!(material);
      return {
        question,
        lang,
        kind: 'multi_hop',
        dataset: 'chainkg',
        expect: keys,
        minHits: half,
        subjects: [material],
        note: `product_product.jsonl: products with 上游材料 ${material} plus ${material} 下游产品 edges: ${keys.map((k) => `${k}@${out.get(k)}`).join('; ')}.`,
      };
    });
  }
}

function inputProducers(ctx: Context, set: SecondSet, lot: Lot, taken: ReadonlySet<string>): void {
  const ck = ctx.chainkg;
  const suppliers = (p: string) => {
    const byInput = sortedKeys(ck.inputsOf(p)).map((x) => ({ input: x, producers: ck.producers(x) }));
    const names = new Set(byInput.flatMap((b) => b.producers.map((q) => q.name)));
    return { byInput, names: [...names].sort(byText) };
  };
  const pool = sortedKeys(ck.up).filter((p) => {
    if (!fresh(p) || !plainProduct(p) || taken.has(p) || ck.producers(p).length < 2) return false;
    const inputs = ck.up.get(p)!;
    if (inputs.size < 2 || inputs.size > 5) return false;
    const s = suppliers(p);
    return s.byInput.every((b) => b.producers.length > 0) && s.names.length >= 3 && s.names.length <= 10;
  });
  const asks: Ask[] = [
    (p) => zh(`做${p}要用到的原材料，A股上市公司里有谁在生产？`),
    (p) =>
      en(`If we wanted listed suppliers for the inputs of ${p}, which A-share companies make those inputs?`),
    (p) => zh(`想给${p}的上游原料找几家上市供应商，有哪些可以考虑？`),
  ];
  for (const [i, product] of lot.draw(pool, asks.length).entries()) {
    set.build(`multi_hop listed producers of the inputs of ${product}`, () => {
      const { byInput, names } = suppliers(product);
      const inputs = ck.inputsOf(product);
      const trail = byInput
        .map(
          (b) =>
            `${b.input}@${inputs.get(b.input)}: ${b.producers.map((q) => `${q.name}(${q.code})@[${q.lines.join(', ')}]`).join(', ') || 'none'}`,
        )
        .join('; ');
      const { question, lang } = asks[i]!(product);
      return {
        question,
        lang,
        kind: 'multi_hop',
        dataset: 'chainkg',
        expect: names,
        minHits: half,
        subjects: [product],
        note: `Inputs of ${product} (product_product.jsonl 上游材料), then listed producers of each input (company_product.jsonl, names from company.jsonl): ${trail}.`,
      };
    });
  }
}

function upstreamIndustries(ctx: Context, set: SecondSet, lot: Lot): void {
  const ck = ctx.chainkg;
  const pool = ck.industryUp
    .filter((r) => fresh(r.industry) && Object.keys(r.ups).length >= 3 && Object.keys(r.ups).length <= 10)
    .map((r) => r.industry)
    .sort(byText);
  const asks: Ask[] = [
    (x) => zh(`从申万行业上下游关系看，“${x}”的上游是哪些行业？`),
    (x) => en(`Which Shenwan industries feed into ${x} as upstream industries?`),
  ];
  for (const [i, industry] of lot.draw(pool, asks.length).entries()) {
    set.build(`multi_hop upstream industries of ${industry}`, () => {
      const row = ck.upsOf.get(industry);
      need(row, `no industry_up row for ${industry}`);
      const keys = long(Object.keys(row.ups).sort(byText));
      const { question, lang } = asks[i]!(industry);
      return {
        question,
        lang,
        kind: 'multi_hop',
        dataset: 'chainkg',
        expect: keys,
        minHits: half,
        subjects: [industry],
        note: `industry_up.jsonl:${row.line} ${industry} ups=${JSON.stringify(row.ups)}.`,
      };
    });
  }
}

function companyIndustryUps(ctx: Context, set: SecondSet, lot: Lot): void {
  const ck = ctx.chainkg;
  const pool = cleanCompanies(ck).filter((c) => {
    const n = Object.keys(ck.upsOf.get(ck.industryOfCode(c.code)!.industry_name)?.ups ?? {}).length;
    return n >= 3 && n <= 10;
  });
  const asks: Ask[] = [
    (c) => zh(`${c}在申万里算哪个三级行业？这个行业再往上游看，挨着哪些行业？`),
    (c) => en(`What Shenwan industry is ${c} in, and what are the upstream industries of that industry?`),
  ];
  for (const [i, c] of lot.draw(pool, asks.length).entries()) {
    set.build(`multi_hop industry and upstream industries of ${c.name}`, () => {
      const ind = ck.industryOfCode(c.code);
      need(ind, `no industry for ${c.code}`);
      const row = ck.upsOf.get(ind.industry_name);
      need(row, `no industry_up row for ${ind.industry_name}`);
      const ups = long(Object.keys(row.ups).sort(byText));
      const { question, lang } = asks[i]!(c.name);
      return {
        question,
        lang,
        kind: 'multi_hop',
        dataset: 'chainkg',
        expect: [industryKey(ind.industry_name), ...ups.filter((u) => u !== ind.industry_name)],
        minHits: (n) => Math.min(3, n),
        subjects: [c.name],
        note: `company.jsonl:${c.line} ${c.name}=${c.code}; company_industry.jsonl:${ind.line} -> ${ind.industry_name}; industry_up.jsonl:${row.line} ups=${JSON.stringify(row.ups)}. Keys = the industry and its upstream industries.`,
      };
    });
  }
}

function topProductInputs(ctx: Context, set: SecondSet, lot: Lot): void {
  const ck = ctx.chainkg;
  const pool = cleanCompanies(ck).filter((c) => {
    const top = clearTop(ck, c, 0.5);
    const inputs = top ? [...(ck.up.get(top.product)?.keys() ?? [])] : [];
    // Inputs that are themselves goods someone lists or makes, not words such as 消费者.
    const goods = inputs.filter((x) => ck.producers(x).length > 0 || ck.up.has(x));
    return (
      inputs.length >= 2 && inputs.length <= 5 && goods.length === inputs.length && long(inputs).length >= 2
    );
  });
  const asks: Ask[] = [
    (c) => zh(`${c}营收里占比最大的那个产品，生产时要用哪些原料？`),
    (c) => en(`${c}'s biggest product line by revenue share — what inputs does it take to make it?`),
  ];
  for (const [i, c] of lot.draw(pool, asks.length).entries()) {
    set.build(`multi_hop inputs of ${c.name}'s top product`, () => {
      const top = clearTop(ck, c, 0.5);
      need(top, `${c.name} has no clear top product`);
      const inputs = ck.inputsOf(top.product);
      const names = long(sortedKeys(inputs));
      const { question, lang } = asks[i]!(c.name);
      return {
        question,
        lang,
        kind: 'multi_hop',
        dataset: 'chainkg',
        expect: [top.product, ...names],
        minHits: (n) => Math.min(3, n),
        subjects: [c.name],
        note: `company.jsonl:${c.line} ${c.name}=${c.code}; company_product.jsonl:${top.line} top product ${top.product}=${top.weight}; product_product.jsonl 上游材料 of ${top.product}: ${names.map((n) => `${n}@${inputs.get(n)}`).join(', ')}. Keys = the product and its inputs.`,
      };
    });
  }
}

function topProductPeers(ctx: Context, set: SecondSet, lot: Lot): void {
  const ck = ctx.chainkg;
  const peers = (code: string, product: string) =>
    ck.producers(product).filter((q) => q.code !== code.slice(0, 6));
  const pool = cleanCompanies(ck).filter((c) => {
    const top = clearTop(ck, c, 0.5);
    const n = top ? peers(c.code, top.product).length : 0;
    return n >= 1 && n <= 4;
  });
  const asks: Ask[] = [
    (c) => zh(`${c}主打的那个产品，市场上还有哪些上市公司也在做？`),
    (c) => en(`Who else among listed companies makes the same main product as ${c}?`),
  ];
  for (const [i, c] of lot.draw(pool, asks.length).entries()) {
    set.build(`multi_hop other producers of ${c.name}'s top product`, () => {
      const top = clearTop(ck, c, 0.5);
      need(top, `${c.name} has no clear top product`);
      const others = peers(c.code, top.product);
      need(others.length > 0, `nobody else makes ${top.product}`);
      const { question, lang } = asks[i]!(c.name);
      return {
        question,
        lang,
        kind: 'multi_hop',
        dataset: 'chainkg',
        expect: others.map((q) => q.name),
        minHits: (n) => Math.min(2, n),
        subjects: [c.name],
        note: `company.jsonl:${c.line} ${c.name}=${c.code}; company_product.jsonl:${top.line} top product ${top.product}=${top.weight}; other producers of ${top.product}: ${others.map((q) => `${q.name}(${q.code})=${q.weight}@[${q.lines.join(', ')}]`).join(', ')}.`,
      };
    });
  }
}

function demoTwoTier(ctx: Context, set: SecondSet, lot: Lot): void {
  const demo = ctx.demo;
  const tiers = (p: string) => {
    const tier1 = demo.madeFrom(p);
    const names = new Set(tier1.map((t) => t.name));
    const tier2 = new Set<string>();
    for (const t of tier1) for (const u of demo.madeFrom(t.name)) if (!names.has(u.name)) tier2.add(u.name);
    return { tier1, keys: long([...tier2].sort(byText)) };
  };
  const pool = demo.nodes
    .filter((n) => n.type === 'Product' && fresh(n.name))
    .map((n) => n.name)
    .filter((p) => {
      const t = tiers(p);
      return t.tier1.length >= 2 && t.tier1.length <= 4 && t.keys.length >= 3 && t.keys.length <= 8;
    })
    .sort(byText);
  const product = pick(lot, pool);
  set.build(`multi_hop demo two-tier inputs of ${product}`, () => {
    const { tier1, keys } = tiers(product);
    const trail = tier1
      .map(
        (t) =>
          `${t.name}(${t.share})@${t.line}->[${demo
            .madeFrom(t.name)
            .map((u) => `${u.name}@${u.line}`)
            .join(', ')}]`,
      )
      .join('; ');
    return {
      question: `演示链上，${product}的原料再往上追一层，要用到哪些更基础的材料？`,
      lang: 'zh',
      kind: 'multi_hop',
      dataset: 'demo',
      expect: keys,
      minHits: half,
      subjects: [product],
      note: `demo edges.jsonl MADE_FROM, 2 tiers: ${product} -> ${trail}. Keys = tier-2 inputs that are not tier-1 inputs: ${keys.join(', ')}.`,
    };
  });
}

function demoSupplierChain(ctx: Context, set: SecondSet, lot: Lot): void {
  const demo = ctx.demo;
  const enterprises = demo.nodes.filter((n) => n.type === 'Enterprise' && fresh(n.name)).map((n) => n.name);
  const chains = enterprises.sort(byText).flatMap((buyer) =>
    demo
      .supplies(buyer, 'in')
      .filter((s) => s.products.length === 1 && fresh(s.products[0]!))
      .filter((s) => {
        const n = demo.supplies(s.name, 'in').filter((u) => u.name !== buyer).length;
        return n >= 3 && n <= 6;
      })
      .map((s) => ({ buyer, supplier: s })),
  );
  const asks = [
    (b: string, p: string) => zh(`${b}用的${p}是哪家供的？再往上一层，这家供应商又从谁那里进货？`),
    (b: string, p: string) =>
      en(
        `In the demo chain, which company supplies ${p} to ${b}, and who are that supplier's own suppliers?`,
      ),
  ];
  for (const [i, { buyer, supplier }] of lot.draw(chains, asks.length).entries()) {
    const product = supplier.products[0]!;
    set.build(`multi_hop demo supplier of ${buyer}'s ${product} and its suppliers`, () => {
      const upstream = demo.supplies(supplier.name, 'in').filter((u) => u.name !== buyer);
      const { question, lang } = asks[i]!(buyer, product);
      return {
        question,
        lang,
        kind: 'multi_hop',
        dataset: 'demo',
        expect: [supplier.name, ...upstream.map((u) => u.name)],
        minHits: (n) => Math.min(3, n),
        subjects: [buyer, product],
        note: `demo edges.jsonl SUPPLIES: ${supplier.name} -> ${buyer} ['${product}']@${supplier.line}; suppliers of ${supplier.name}: ${upstream.map((u) => `${u.name} ${JSON.stringify(u.products)}@${u.line}`).join(', ')}. Keys = the supplier and its suppliers.`,
      };
    });
  }
}

export function multiHopItems(ctx: Context, set: SecondSet): void {
  const lot = set.lot('multi_hop');
  const taken = new Set(twoTier(ctx, set, lot));
  downstream(ctx, set, lot, taken);
  inputProducers(ctx, set, lot, taken);
  upstreamIndustries(ctx, set, lot);
  companyIndustryUps(ctx, set, lot);
  topProductInputs(ctx, set, lot);
  topProductPeers(ctx, set, lot);
  demoTwoTier(ctx, set, lot);
  demoSupplierChain(ctx, set, lot);
}
