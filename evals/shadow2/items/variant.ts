import type { Context } from '../../shadow/context.js';
import type { CompanyRow } from '../../shadow/data/chainkg.js';
import { byText, norm } from '../../shadow/item.js';
import { dateForms, pct } from '../../shadow/keys.js';
import { fresh, need, type SecondSet } from '../collect.js';
import { cleanCompanies, clearTop, drawEach, half, pick, plainProduct } from '../pools.js';

/** Simplified → traditional for the characters product names here use most. */
const TRADITIONAL: Readonly<Record<string, string>> = {
  电: '電',
  机: '機',
  车: '車',
  铝: '鋁',
  钢: '鋼',
  铁: '鐵',
  铜: '銅',
  锌: '鋅',
  线: '線',
  缆: '纜',
  药: '藥',
  饲: '飼',
  纸: '紙',
  发: '發',
  动: '動',
  气: '氣',
  门: '門',
  装: '裝',
  设: '設',
  备: '備',
  产: '產',
  灯: '燈',
  热: '熱',
  压: '壓',
  锅: '鍋',
  炉: '爐',
  轮: '輪',
  织: '織',
  纺: '紡',
  丝: '絲',
  钛: '鈦',
  镍: '鎳',
  锂: '鋰',
  酱: '醬',
  饮: '飲',
  鱼: '魚',
  鸡: '雞',
  猪: '豬',
  种: '種',
  农: '農',
  导: '導',
  体: '體',
  阀: '閥',
  齿: '齒',
  轴: '軸',
  钟: '鐘',
  汇: '匯',
  显: '顯',
  层: '層',
  监: '監',
  测: '測',
  仪: '儀',
  涂: '塗',
  软: '軟',
  医: '醫',
  疗: '療',
  变: '變',
  饰: '飾',
  纤: '纖',
  维: '維',
  盐: '鹽',
  碱: '鹼',
  类: '類',
  业: '業',
  务: '務',
  东: '東',
  乐: '樂',
  广: '廣',
  厂: '廠',
  术: '術',
  网: '網',
  络: '絡',
  质: '質',
  货: '貨',
  贸: '貿',
  运: '運',
  输: '輸',
  销: '銷',
  营: '營',
  养: '養',
  闻: '聞',
  报: '報',
  书: '書',
};

/** A one-character slip a typist makes: a character swapped for one that sounds alike. */
const HOMOPHONE: Readonly<Record<string, string>> = {
  科: '柯',
  华: '化',
  新: '心',
  电: '点',
  达: '大',
  通: '同',
  信: '心',
  力: '立',
  天: '添',
  源: '原',
  明: '名',
  宏: '红',
  鑫: '新',
  海: '嗨',
  龙: '隆',
  博: '搏',
  精: '晶',
  创: '闯',
  联: '连',
  恒: '衡',
  瑞: '锐',
  嘉: '佳',
  泰: '太',
};

function traditional(text: string): string {
  return [...text].map((ch) => TRADITIONAL[ch] ?? ch).join('');
}

function fullWidth(text: string): string {
  return [...text]
    .map((ch) => (/[0-9A-Z.]/.test(ch) ? String.fromCharCode(ch.charCodeAt(0) + 0xfee0) : ch))
    .join('');
}

export function variantItems(ctx: Context, set: SecondSet): void {
  const ck = ctx.chainkg;
  const lot = set.lot('variant');
  const clean = cleanCompanies(ck);
  const productNames = new Set<string>();
  for (const c of clean) for (const h of ck.productsOf(c.code)) productNames.add(h.product);
  const products = [...productNames].filter((p) => fresh(p) && plainProduct(p)).sort(byText);
  const n = (p: string) => ck.producers(p).length;
  const [tradProduct, slangProduct] = drawEach(lot, products, [
    (p) => n(p) >= 4 && n(p) <= 12 && traditional(p) !== p,
    (p) => n(p) >= 4 && n(p) <= 12,
  ]);
  const producers = (p: string) => ck.producers(p);
  const listing = (p: string) =>
    producers(p)
      .map((q) => `${q.name}(${q.code})=${q.weight}@[${q.lines.join(', ')}]`)
      .join(', ');
  set.build(`variant traditional characters for ${tradProduct}`, () => ({
    question: `哪些上市公司在生產${traditional(tradProduct!)}？幫我列一下`,
    lang: 'zh',
    kind: 'variant',
    dataset: 'chainkg',
    expect: producers(tradProduct!).map((q) => q.name),
    minHits: half,
    subjects: [tradProduct!],
    note: `Traditional characters (${traditional(tradProduct!)} = ${tradProduct}). company_product.jsonl product==${tradProduct}: ${listing(tradProduct!)}.`,
  }));
  set.build(`variant colloquial question on ${slangProduct}`, () => ({
    question: `问哈儿，${slangProduct}是哪些上市公司在整嘛？说几家来听下`,
    lang: 'zh',
    kind: 'variant',
    dataset: 'chainkg',
    expect: producers(slangProduct!).map((q) => q.name),
    minHits: half,
    subjects: [slangProduct!],
    note: `Colloquial Chongqing-style phrasing (问哈儿, 在整, 听下). company_product.jsonl product==${slangProduct}: ${listing(slangProduct!)}.`,
  }));

  const names = ck.companies.flatMap((c) => [c.name, c.fullname]).map(norm);
  const typo = (c: CompanyRow) => {
    const i = [...c.name].findIndex((ch) => HOMOPHONE[ch]);
    if (i < 0) return undefined;
    const chars = [...c.name];
    chars[i] = HOMOPHONE[chars[i]!]!;
    const wrong = chars.join('');
    return names.some((x) => x.includes(norm(wrong))) ? undefined : wrong;
  };
  const withTop = (c: CompanyRow) => clearTop(ck, c, 0.3) !== undefined;
  const [wide, spaced, slipped, lower, mixed] = drawEach(lot, clean, [
    withTop,
    withTop,
    (c) => typo(c) !== undefined,
    () => true,
    () => true,
  ]);
  const suffix = (c: CompanyRow) => (c.location === '上海证券交易所' ? 'SH' : 'SZ');
  set.build(`variant full-width code of ${wide!.name}`, () => {
    const top = clearTop(ck, wide!, 0.3)!;
    const code = `${wide!.code.slice(0, 6)}.${suffix(wide!)}`;
    return {
      question: `请问${fullWidth(code)}是哪家公司？主营什么？`,
      lang: 'zh',
      kind: 'variant',
      dataset: 'chainkg',
      expect: [wide!.name, top.product],
      minHits: 2,
      subjects: [wide!.code.slice(0, 6)],
      note: `Full-width digits and suffix for ${code}. company.jsonl:${wide!.line} ${wide!.name} ${wide!.fullname}; company_product.jsonl:${top.line} top product ${top.product}=${top.weight}.`,
    };
  });
  set.build(`variant spaced name ${spaced!.name}`, () => {
    const top = clearTop(ck, spaced!, 0.3)!;
    return {
      question: `${[...spaced!.name].join(' ')} 的 第 一 大 产 品 是 啥 ？ 占 比 多 少 ？`,
      lang: 'zh',
      kind: 'variant',
      dataset: 'chainkg',
      expect: [top.product, ...pct(top.weight)],
      minHits: 2,
      subjects: [spaced!.name],
      note: `Spaces between every character. company.jsonl:${spaced!.line} ${spaced!.name}; company_product.jsonl:${top.line} top product ${top.product}=${top.weight}.`,
    };
  });
  set.build(`variant typo for ${slipped!.name}`, () => {
    const wrong = typo(slipped!);
    need(wrong, `no typo for ${slipped!.name}`);
    return {
      question: `${wrong}的工商全称是什么？`,
      lang: 'zh',
      kind: 'variant',
      dataset: 'chainkg',
      expect: [slipped!.fullname],
      minHits: 1,
      subjects: [slipped!.name],
      note: `One-character typo (${wrong} for ${slipped!.name}); ${wrong} names no company. company.jsonl:${slipped!.line} ${slipped!.name} = ${slipped!.fullname}.`,
    };
  });
  set.build(`variant lower-case suffix for ${lower!.name}`, () => {
    const code = `${lower!.code.slice(0, 6)}.${suffix(lower!).toLowerCase()}`;
    return {
      question: `帮忙查下${code}是哪天上市的`,
      lang: 'zh',
      kind: 'variant',
      dataset: 'chainkg',
      expect: dateForms(lower!.time),
      minHits: 1,
      subjects: [lower!.code.slice(0, 6)],
      note: `Lower-case exchange suffix. company.jsonl:${lower!.line} ${lower!.name} ${lower!.code} time ${lower!.time}.`,
    };
  });
  set.build(`variant mixed question on ${mixed!.name}`, () => ({
    question: `Hi，想确认下 ${mixed!.name} 的 stock code 和 listing date 分别是多少？`,
    lang: 'mixed',
    kind: 'variant',
    dataset: 'chainkg',
    expect: [mixed!.code.slice(0, 6), ...dateForms(mixed!.time)],
    minHits: 2,
    subjects: [mixed!.name],
    note: `Mixed Chinese and English. company.jsonl:${mixed!.line} ${mixed!.name} ${mixed!.code} time ${mixed!.time}.`,
  }));

  const ickg = ctx.ickg;
  const rivals = new Map<string, Set<string>>();
  for (const q of ickg.quads) {
    if (q.relation !== '竞争' || q.head === q.tail) continue;
    rivals.set(q.head, (rivals.get(q.head) ?? new Set()).add(q.tail));
    rivals.set(q.tail, (rivals.get(q.tail) ?? new Set()).add(q.head));
  }
  const rival = pick(
    lot,
    [...rivals.keys()]
      .filter((e) => fresh(e) && rivals.get(e)!.size >= 3 && rivals.get(e)!.size <= 8)
      .sort(byText),
  );
  set.build(`variant mixed ICKG competitors of ${rival}`, () => {
    const found = ickg.both([rival], '竞争');
    return {
      question: `图谱里 ${rival} 的 main competitors 都有谁？`,
      lang: 'mixed',
      kind: 'variant',
      dataset: 'ickg',
      expect: [...found.keys()].sort(byText),
      minHits: half,
      subjects: [rival],
      note: `Mixed Chinese and English. ICKG (${rival} 竞争 X, either direction): ${[...found.entries()]
        .sort(([a], [b]) => byText(a, b))
        .map(([k, v]) => `${k}@${v.join(',')}`)
        .join('; ')}.`,
    };
  });
}
