import type { Context } from '../context.js';
import { check, type Dataset, type Lang, type ShadowSet, sortedTexts } from '../item.js';
import { dateForms, NO_OVERLAP, pct, TIE_ZH } from '../keys.js';

function cmp(
  set: ShadowSet,
  question: string,
  lang: Lang,
  dataset: Dataset,
  expect: string[],
  minHits: number,
  note: string,
) {
  set.add({ question, lang, kind: 'comparison', dataset, expect, minHits, note });
}

function sharedInputs(ctx: Context, set: ShadowSet, a: string, b: string, question: string, lang: Lang) {
  const ua = ctx.chainkg.inputsOf(a);
  const ub = ctx.chainkg.inputsOf(b);
  const common = sortedTexts([...ua.keys()].filter((m) => ub.has(m)));
  const list = (m: Map<string, number>) =>
    sortedTexts(m.keys())
      .map((k) => `${k}@${m.get(k)}`)
      .join(', ');
  const note = `product_product.jsonl 上游材料 ${a}: ${list(ua)}; ${b}: ${list(ub)}; intersection ${JSON.stringify(common)}.`;
  if (common.length > 0) {
    const keys = common.filter((k) => !common.some((o) => o !== k && k.includes(o)));
    cmp(set, question, lang, 'chainkg', keys, keys.length, note);
  } else {
    cmp(set, question, lang, 'chainkg', [...NO_OVERLAP], 1, `${note} The answer must say there is none.`);
  }
}

function shareOf(ctx: Context, product: string, company: string) {
  const p = ctx.chainkg.producers(product).find((x) => x.name === company);
  check(p, `${company} does not produce ${product}`);
  return p;
}

export function comparisonItems(ctx: Context, set: ShadowSet): void {
  const { chainkg, ickg, demo } = ctx;

  sharedInputs(ctx, set, '服装', '纺织品', '服装和纺织品用到的原料里，哪些是两者共有的？', 'zh');
  sharedInputs(
    ctx,
    set,
    '碳酸锂',
    '磷酸二铵',
    'Which raw materials do lithium carbonate (碳酸锂) and diammonium phosphate (磷酸二铵) have in common?',
    'en',
  );
  sharedInputs(ctx, set, '环氧丙烷', '聚氯乙烯', '环氧丙烷和聚氯乙烯的直接原料有没有相同的？', 'zh');
  sharedInputs(
    ctx,
    set,
    '光缆',
    '覆铜板',
    'Do optical cable (光缆) and copper-clad laminate (覆铜板) share any direct input material?',
    'en',
  );

  const pesticide = chainkg.producers('农药');
  const fertiliser = chainkg.producers('复合肥');
  check(pesticide.length !== fertiliser.length, '农药 and 复合肥 have as many producers');
  cmp(
    set,
    '农药和复合肥，哪个产品的上市生产企业更多？各有几家？',
    'zh',
    'chainkg',
    [`${pesticide.length}家`, `${fertiliser.length}家`],
    2,
    `company_product.jsonl distinct codes: 农药=${pesticide.length}, 复合肥=${fertiliser.length}.`,
  );

  const baijiu = chainkg.producers('白酒');
  const aircon = chainkg.producers('空调');
  check(baijiu.length === aircon.length, '白酒 and 空调 no longer tie');
  cmp(
    set,
    '生产白酒的上市公司和生产空调的上市公司，哪边数量多？',
    'zh',
    'chainkg',
    [`${baijiu.length}家`, ...TIE_ZH],
    2,
    `company_product.jsonl distinct codes: 白酒=${baijiu.length} (${baijiu.map((p) => p.name).join(', ')}); 空调=${aircon.length} (${aircon.map((p) => p.name).join(', ')}). A tie: the answer must give the count and say they are equal.`,
  );

  const a = shareOf(ctx, '电力电缆', '东方电缆');
  const b = shareOf(ctx, '电力电缆', '宝胜股份');
  check(Math.abs(a.weight - b.weight) > 0.01, 'shares too close');
  cmp(
    set,
    'Compare 东方电缆 and 宝胜股份: what share of revenue does each get from 电力电缆 (power cable)?',
    'en',
    'chainkg',
    [...pct(a.weight), ...pct(b.weight)],
    2,
    `company_product.jsonl 电力电缆: 东方电缆=${a.weight}@${a.lines}, 宝胜股份=${b.weight}@${b.lines}. Key = both shares.`,
  );

  const c = shareOf(ctx, '焦炭', '陕西黑猫');
  const d = shareOf(ctx, '焦炭', '山西焦化');
  check(Math.abs(c.weight - d.weight) > 0.01, 'shares too close');
  cmp(
    set,
    '陕西黑猫和山西焦化，谁对焦炭业务的依赖更大？两家焦炭收入占比各是多少？',
    'zh',
    'chainkg',
    [...pct(c.weight), ...pct(d.weight)],
    2,
    `company_product.jsonl 焦炭: 陕西黑猫=${c.weight}@${c.lines}, 山西焦化=${d.weight}@${d.lines}. Key = both shares.`,
  );

  const mt = chainkg.company('贵州茅台');
  const wl = chainkg.company('五粮液');
  check(mt.time !== wl.time, 'same listing date');
  cmp(
    set,
    '贵州茅台和五粮液哪家上市更早？分别是哪天上市的？',
    'zh',
    'chainkg',
    [...dateForms(mt.time), ...dateForms(wl.time)],
    2,
    `company.jsonl:${mt.line} 贵州茅台 time ${mt.time}; company.jsonl:${wl.line} 五粮液 time ${wl.time}; earlier: ${mt.time < wl.time ? '贵州茅台' : '五粮液'}. Key = both dates.`,
  );

  const saic = chainkg.industryOfCode(chainkg.company('上汽集团').code);
  const gac = chainkg.industryOfCode(chainkg.company('广汽集团').code);
  check(
    saic && gac && saic.industry_name === gac.industry_name,
    '上汽集团 and 广汽集团 are in different industries',
  );
  cmp(
    set,
    'Are 上汽集团 and 广汽集团 in the same Shenwan level-3 industry? Which one?',
    'en',
    'chainkg',
    [saic.industry_name],
    1,
    `company_industry.jsonl:${saic.line} 上汽集团 -> ${saic.industry_name}; company_industry.jsonl:${gac.line} 广汽集团 -> ${gac.industry_name}: the same.`,
  );

  const tops = ['涪陵电力', '重庆啤酒', '重庆水务']
    .map((name) => {
      const top = chainkg.productsOf(chainkg.company(name).code)[0];
      check(top, `${name} has no products`);
      return { name, ...top };
    })
    .sort((x, y) => y.weight - x.weight);
  check(tops[0]!.weight - tops[1]!.weight > 0.01, 'top shares too close');
  cmp(
    set,
    '涪陵电力、重庆啤酒、重庆水务三家，哪家第一大产品的收入占比最高？是什么产品、占多少？',
    'zh',
    'chainkg',
    [tops[0]!.product, ...pct(tops[0]!.weight)],
    2,
    `company_product.jsonl top product per company: ${tops.map((t) => `${t.name} ${t.product}=${t.weight}@${t.line}`).join(', ')}. Key = the product + its share.`,
  );

  const sequoia = ickg.out(['红杉中国'], '投资');
  const tencent = ickg.out(['腾讯'], '投资');
  const both = sortedTexts([...sequoia.keys()].filter((k) => tencent.has(k)));
  cmp(
    set,
    '红杉中国和腾讯共同投资过哪些公司？',
    'zh',
    'ickg',
    both,
    2,
    `ICKG 投资 (head 红杉中国) ∩ (head 腾讯): ${both.map((k) => `${k}: ${sequoia.get(k)} / ${tencent.get(k)}`).join('; ')}.`,
  );

  const sense = ickg.out(['商汤'], '投资');
  const catl = ickg.out(['宁德时代', '宁德时代新能源科技股份有限公司'], '投资');
  const both2 = sortedTexts([...sense.keys()].filter((k) => catl.has(k)));
  cmp(
    set,
    'Which companies have received investment from both SenseTime (商汤) and CATL (宁德时代)?',
    'en',
    'ickg',
    both2,
    2,
    `ICKG 投资 (head 商汤) ∩ (head 宁德时代): ${both2.map((k) => `${k}: ${sense.get(k)} / ${catl.get(k)}`).join('; ')}.`,
  );

  const bishan = demo.enterprisesIn('璧山区');
  const jiulongpo = demo.enterprisesIn('九龙坡区');
  check(bishan.length === jiulongpo.length, '璧山区 and 九龙坡区 no longer tie');
  cmp(
    set,
    '璧山区和九龙坡区，哪个区的演示企业更多？',
    'zh',
    'demo',
    [`${bishan.length}家`, ...TIE_ZH],
    2,
    `demo edges.jsonl LOCATED_IN enterprises: 璧山区=${bishan.length}, 九龙坡区=${jiulongpo.length}. A tie: the answer must give the count and say they are equal.`,
  );

  const lz = demo.supplies('岚舟汽车', 'in');
  const xc = demo.supplies('栩辰汽车', 'in');
  const shared = sortedTexts(lz.map((s) => s.name).filter((n) => xc.some((x) => x.name === n)));
  cmp(
    set,
    '岚舟汽车和栩辰汽车有哪些共同的供应商？',
    'zh',
    'demo',
    shared,
    Math.min(3, shared.length),
    `demo edges.jsonl SUPPLIES into 岚舟汽车: ${lz.map((s) => `${s.name}${JSON.stringify(s.products)}@${s.line}`).join(', ')}; into 栩辰汽车: ${xc.map((s) => `${s.name}${JSON.stringify(s.products)}@${s.line}`).join(', ')}; common ${JSON.stringify(shared)}.`,
  );

  const lipf6 = demo.madeFrom('六氟磷酸锂').find((i) => i.name === '碳酸锂');
  const lifsi = demo.madeFrom('双氟磺酰亚胺锂').find((i) => i.name === '碳酸锂');
  check(lipf6 && lifsi && Math.abs(lipf6.share - lifsi.share) > 0.01, '碳酸锂 shares missing or too close');
  cmp(
    set,
    'In the demo chain, is lithium carbonate (碳酸锂) a bigger share of the inputs of 六氟磷酸锂 or of 双氟磺酰亚胺锂? Give both shares.',
    'en',
    'demo',
    [...pct(lipf6.share), ...pct(lifsi.share)],
    2,
    `demo edges.jsonl MADE_FROM share: 六氟磷酸锂<-碳酸锂 ${lipf6.share}@${lipf6.line}; 双氟磺酰亚胺锂<-碳酸锂 ${lifsi.share}@${lifsi.line}. Key = both shares.`,
  );
}
