import type { Context } from '../context.js';
import { quoteCompany } from '../data/chainkg.js';
import { byText, check, type Lang, type ShadowSet, sortedTexts } from '../item.js';
import { pct } from '../keys.js';

/** Inputs of inputs: keys are second-tier names that are neither first-tier names nor inside one. */
function tierTwo(
  ctx: Context,
  set: ShadowSet,
  product: string,
  question: string,
  lang: Lang,
  minHits: number,
) {
  const { chainkg } = ctx;
  const first = chainkg.inputsOf(product);
  const second = new Map<string, string[]>();
  const parts: string[] = [];
  for (const input of sortedTexts(first.keys())) {
    const deeper = chainkg.up.get(input) ?? new Map<string, number>();
    parts.push(`${input}@${first.get(input)}->[${sortedTexts(deeper.keys()).join(', ')}]`);
    for (const m of deeper.keys()) second.set(m, [...(second.get(m) ?? []), input]);
  }
  const keys = sortedTexts(second.keys()).filter(
    (m) => m.length >= 2 && ![...first.keys()].some((i) => i.includes(m)),
  );
  set.add({
    question,
    lang,
    kind: 'multi_hop',
    dataset: 'chainkg',
    expect: keys,
    minHits,
    note: `product_product.jsonl 上游材料, 2 tiers: ${product} -> ${parts.join('; ')}. Tier-2 set ${JSON.stringify(sortedTexts(second.keys()))}; expected = tier-2 names of two or more characters that are not tier-1 names or substrings of them.`,
  });
}

/** Products made from a material (reverse 上游材料 plus 下游产品); the key is the ones that have
 * a listed producer, which leaves out recipe fragments and descriptions. */
function downstream(
  ctx: Context,
  set: ShadowSet,
  material: string,
  question: string,
  lang: Lang,
  minHits: number,
) {
  const outputs = ctx.chainkg.outputsOf(material);
  const listed = [...outputs.entries()].sort(([a], [b]) => byText(a, b));
  set.add({
    question,
    lang,
    kind: 'multi_hop',
    dataset: 'chainkg',
    expect: listed.map(([p]) => p).filter((p) => ctx.chainkg.producers(p).length > 0),
    minHits,
    note: `product_product.jsonl: products with 上游材料 ${material} plus ${material} 下游产品 edges: ${listed.map(([p, l]) => `${p}@${l}`).join('; ')}. Key = those with a listed producer in company_product.jsonl.`,
  });
}

/** Listed producers of a product's direct inputs. */
function inputProducers(
  ctx: Context,
  set: ShadowSet,
  product: string,
  question: string,
  lang: Lang,
  minHits: number,
) {
  const { chainkg } = ctx;
  const inputs = chainkg.inputsOf(product);
  const names: string[] = [];
  const parts: string[] = [];
  for (const input of sortedTexts(inputs.keys())) {
    const ps = chainkg.producers(input);
    parts.push(
      `${input}@${inputs.get(input)}: ${ps.length ? ps.map((p) => `${p.name}(${p.code}, lines ${p.lines.slice(0, 3).join(',')})`).join(', ') : 'none'}`,
    );
    for (const p of ps) if (!names.includes(p.name)) names.push(p.name);
  }
  set.add({
    question,
    lang,
    kind: 'multi_hop',
    dataset: 'chainkg',
    expect: names,
    minHits,
    note: `Inputs of ${product} (product_product.jsonl 上游材料), then listed producers of each input (company_product.jsonl, names from company.jsonl): ${parts.join(' | ')}`,
  });
}

/** Upstream industries of a Shenwan industry (single-character names cannot be keys). */
function industryUps(
  ctx: Context,
  set: ShadowSet,
  industry: string,
  question: string,
  lang: Lang,
  minHits: number,
) {
  const r = ctx.chainkg.upsOf.get(industry);
  check(r, `no industry_up row for ${industry}`);
  const ups = Object.entries(r.ups).sort(([a, x], [b, y]) => y - x || byText(a, b));
  set.add({
    question,
    lang,
    kind: 'multi_hop',
    dataset: 'chainkg',
    expect: ups.map(([k]) => k).filter((k) => k.length >= 2),
    minHits,
    note: `industry_up.jsonl:${r.line} ${industry} ups=${JSON.stringify(Object.fromEntries(ups))}. Single-character names are left out of the key.`,
  });
}

function companyIndustryUps(
  ctx: Context,
  set: ShadowSet,
  name: string,
  question: string,
  lang: Lang,
  minHits: number,
) {
  const { chainkg } = ctx;
  const c = chainkg.company(name);
  const ci = chainkg.industryOfCode(c.code);
  check(ci, `no industry for ${name}`);
  const r = chainkg.upsOf.get(ci.industry_name);
  check(r, `no industry_up row for ${ci.industry_name}`);
  const ups = Object.entries(r.ups).sort(([a, x], [b, y]) => y - x || byText(a, b));
  set.add({
    question,
    lang,
    kind: 'multi_hop',
    dataset: 'chainkg',
    expect: [ci.industry_name, ...ups.map(([k]) => k).filter((k) => k.length >= 2)],
    minHits,
    note: `company.jsonl:${c.line} ${name}=${c.code}; company_industry.jsonl:${ci.line} -> ${ci.industry_name}; industry_up.jsonl:${r.line} ups=${JSON.stringify(Object.fromEntries(ups))}. Key = the industry plus its upstream industries.`,
  });
}

function topProductInputs(
  ctx: Context,
  set: ShadowSet,
  name: string,
  question: string,
  lang: Lang,
  minHits: number,
) {
  const { chainkg } = ctx;
  const c = chainkg.company(name);
  const top = chainkg.productsOf(c.code)[0];
  check(top, `${name} has no products`);
  const inputs = chainkg.inputsOf(top.product);
  set.add({
    question,
    lang,
    kind: 'multi_hop',
    dataset: 'chainkg',
    expect: [top.product, ...sortedTexts(inputs.keys())],
    minHits,
    note: `company.jsonl:${c.line} ${name}=${c.code}; company_product.jsonl:${top.line} top product ${top.product}=${top.weight} (${pct(top.weight)[0]}%); product_product.jsonl 上游材料 of ${top.product}: ${sortedTexts(
      inputs.keys(),
    )
      .map((m) => `${m}@${inputs.get(m)}`)
      .join(', ')}. Key = the product plus its inputs.`,
  });
}

function topProductPeers(
  ctx: Context,
  set: ShadowSet,
  name: string,
  question: string,
  lang: Lang,
  minHits: number,
) {
  const { chainkg } = ctx;
  const c = chainkg.company(name);
  const top = chainkg.productsOf(c.code)[0];
  check(top, `${name} has no products`);
  const others = chainkg.producers(top.product).filter((p) => p.code !== c.code.slice(0, 6));
  set.add({
    question,
    lang,
    kind: 'multi_hop',
    dataset: 'chainkg',
    expect: others.map((p) => p.name),
    minHits,
    note: `${quoteCompany(c)}; company_product.jsonl:${top.line} top product ${top.product}=${top.weight}; other producers of ${top.product}: ${others.map((p) => `${p.name}(${p.code})=${p.weight}@${p.lines.join(',')}`).join(', ')}`,
  });
}

function demoTierTwo(
  ctx: Context,
  set: ShadowSet,
  product: string,
  question: string,
  lang: Lang,
  minHits: number,
) {
  const { demo } = ctx;
  const first = demo.madeFrom(product);
  const second = new Map<string, number>();
  const parts: string[] = [];
  for (const i of first) {
    const deeper = demo.madeFrom(i.name);
    parts.push(`${i.name}(${i.share})@${i.line}->[${deeper.map((d) => `${d.name}@${d.line}`).join(', ')}]`);
    for (const d of deeper) if (!second.has(d.name)) second.set(d.name, d.line);
  }
  const keys = sortedTexts(second.keys()).filter((m) => !first.some((i) => i.name.includes(m)));
  set.add({
    question,
    lang,
    kind: 'multi_hop',
    dataset: 'demo',
    expect: keys,
    minHits,
    note: `demo edges.jsonl MADE_FROM, 2 tiers: ${product} -> ${parts.join('; ')}. Tier-2 key ${JSON.stringify(keys)}.`,
  });
}

/** The one supplier of `part` to `buyer`, then that supplier's own suppliers. */
function demoSupplierChain(
  ctx: Context,
  set: ShadowSet,
  buyer: string,
  part: string,
  question: string,
  lang: Lang,
) {
  const { demo } = ctx;
  const tier1 = demo.supplies(buyer, 'in').filter((s) => s.products.includes(part));
  check(tier1.length === 1, `${buyer} has ${tier1.length} suppliers of ${part}`);
  const supplier = tier1[0]!;
  const tier2 = demo.supplies(supplier.name, 'in');
  check(tier2.length >= 3, `${supplier.name} has only ${tier2.length} suppliers`);
  set.add({
    question,
    lang,
    kind: 'multi_hop',
    dataset: 'demo',
    expect: [supplier.name, ...tier2.map((s) => s.name)],
    minHits: 3,
    note: `demo edges.jsonl SUPPLIES: ${supplier.name} -> ${buyer} ${JSON.stringify(supplier.products)}@${supplier.line}; suppliers of ${supplier.name}: ${tier2.map((s) => `${s.name} ${JSON.stringify(s.products)}@${s.line}`).join(', ')}. Key = the tier-1 supplier and its suppliers.`,
  });
}

export function multiHopItems(ctx: Context, set: ShadowSet): void {
  tierTwo(
    ctx,
    set,
    '轮胎',
    'Tyres (轮胎) are made from several rubbers and plastics. What are those inputs themselves made from?',
    'en',
    3,
  );
  tierTwo(ctx, set, '电解铝', '电解铝的几种直接原料，再往上一层分别要用到什么原料？', 'zh', 2);
  tierTwo(ctx, set, '尿素', '尿素的上游原料又是用什么做出来的？把第二层原料列给我', 'zh', 3);
  tierTwo(ctx, set, '卫生纸', '卫生纸用的几种纸浆，它们各自的原材料是什么？', 'zh', 3);

  downstream(ctx, set, '煤', '煤在产业链上能直接加工成哪些下游产品？', 'zh', 4);
  downstream(ctx, set, '纯碱', 'Which downstream products use soda ash (纯碱) as a raw material?', 'en', 3);
  downstream(ctx, set, '液氨', '液氨往下游主要用来生产什么？', 'zh', 2);
  downstream(ctx, set, '氯气', '以氯气为原料的下游产品都有哪些？', 'zh', 3);

  inputProducers(ctx, set, '三元前驱体', '三元前驱体要用的几种金属盐，A股里有哪些上市公司在生产？', 'zh', 3);
  inputProducers(
    ctx,
    set,
    '石墨电极',
    'Which A-share companies produce the raw materials of graphite electrodes (石墨电极)?',
    'en',
    3,
  );
  inputProducers(ctx, set, '海绵钛', '生产海绵钛需要的原料，上市公司里谁在做？', 'zh', 2);
  inputProducers(ctx, set, '编织袋', '编织袋的塑料原料有哪些上市公司能供应？', 'zh', 3);

  industryUps(ctx, set, '轮胎轮毂', '申万的轮胎轮毂行业，上游连着哪些行业？', 'zh', 3);
  industryUps(
    ctx,
    set,
    '配电设备',
    'Which Shenwan industries are listed as upstream of 配电设备 (power distribution equipment)?',
    'en',
    3,
  );
  companyIndustryUps(
    ctx,
    set,
    '宗申动力',
    '宗申动力所在的申万行业是哪个？这个行业的上游有哪些行业？',
    'zh',
    3,
  );
  companyIndustryUps(
    ctx,
    set,
    '重庆百货',
    'Which Shenwan industry is 重庆百货 in, and which industries sit upstream of that industry?',
    'en',
    3,
  );

  topProductInputs(ctx, set, '燕京啤酒', '燕京啤酒收入最大的产品是什么？它的原料有哪些？', 'zh', 3);
  topProductInputs(
    ctx,
    set,
    '金安国纪',
    "What is 金安国纪's biggest product by revenue share, and which materials is it made from?",
    'en',
    2,
  );
  topProductInputs(ctx, set, '桂发祥', '桂发祥卖得最多的那个产品是用什么原料做的？', 'zh', 3);

  topProductPeers(ctx, set, '格力电器', '格力电器的第一大产品，A股还有哪些公司也在做？', 'zh', 3);
  topProductPeers(
    ctx,
    set,
    '风神股份',
    'Which other listed companies also make the main product of 风神股份?',
    'en',
    2,
  );

  demoTierTwo(
    ctx,
    set,
    '燃料电池电堆',
    '演示产业链里，燃料电池电堆往上游追两层，第二层原料有哪些？',
    'zh',
    3,
  );
  demoSupplierChain(
    ctx,
    set,
    '霁川汽车',
    '安全气囊',
    '霁川汽车的安全气囊由哪家企业供应？这家供应商又从哪些企业采购？',
    'zh',
  );
  demoSupplierChain(
    ctx,
    set,
    '曜驰摩托车',
    '液晶仪表',
    "In the demo chain, who supplies 曜驰摩托车's LCD instrument clusters (液晶仪表), and who supplies that supplier?",
    'en',
  );
}
