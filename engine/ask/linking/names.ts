import { inferRegion } from '../../../knowledge-graph/resolve/region.js';
import { foldName, normaliseName } from '../../../knowledge-graph/resolve/normalise.js';

/**
 * How Chinese company names vary. A registered name is 行政区划 + 字号 + 行业 + 组织形式
 * (重庆 + 长安 + 汽车 + 股份有限公司); short names keep the 字号 and often one business word
 * (长安汽车), news calls it by the 字号 alone (长安), and A-share names add an exchange mark
 * (京东方A) or a risk mark (*ST盐湖). These keys let one spelling find the others.
 */

/** Business words a short name may drop after the 字号; compounds first so they go whole. */
const BUSINESS_WORDS = [
  '新能源科技',
  '新材料科技',
  '电子科技',
  '信息技术',
  '信息科技',
  '智能科技',
  '汽车部件',
  '汽车零部件',
  '科技',
  '技术',
  '汽车',
  '电子',
  '电气',
  '电器',
  '新能源',
  '能源',
  '绿能',
  '新材料',
  '材料',
  '化工',
  '化学',
  '医药',
  '药业',
  '制药',
  '生物',
  '机械',
  '重工',
  '装备',
  '钢铁',
  '实业',
  '控股',
  '发展',
  '投资',
  '集团',
  '股份',
  '智能',
  '信息',
  '软件',
  '网络',
  '通信',
  '物流',
  '超市',
  '商业',
  '百货',
  '食品',
  '乳业',
  '建设',
  '环保',
  '传媒',
  '文化',
  '地产',
  '置业',
  '动力',
  '光电',
  '半导体',
  '锂业',
  '矿业',
  '有色',
  '电力',
  '燃气',
  '贸易',
  '国际',
  '工业',
  '制造',
].sort((a, b) => b.length - a.length);

/** `*ST`, `ST`, `S*ST` and the like in front of an A-share short name. */
const RISK_MARK = /^(?:S?\*?ST|退市)/i;

/** The folded name with its exchange or share-class mark (京东方A, 万科Ａ) and risk mark dropped. */
function shareName(name: string): string {
  return foldName(name)
    .replace(RISK_MARK, '')
    .replace(/(?<=\p{Script=Han})[ab]$/u, '');
}

function dropRegion(key: string): string {
  const region = inferRegion(key);
  if (!region) return key;
  const short = [region.name, region.name.replace(/(省|市|自治区)$/, '')].find((p) => key.startsWith(p));
  return short && key.length - short.length >= 2 ? key.slice(short.length) : key;
}

function dropBusinessWord(key: string): string {
  for (const word of BUSINESS_WORDS)
    if (key.endsWith(word) && key.length - word.length >= 2) return key.slice(0, -word.length);
  return key;
}

/**
 * Every key an enterprise can be called by, most specific first: the folded name, the name
 * without its marks, without its organisation form, and the 字号 once business words are dropped
 * — each with and without a leading region, since a region can also begin a 字号 (宁德时代).
 */
export function companyKeys(name: string): string[] {
  const keys = [foldName(name), shareName(name)];
  const formless = normaliseName(shareName(name));
  for (const start of [formless, dropRegion(formless)]) {
    let key = start;
    keys.push(key);
    // A trailing 股份 is a form too (东风集团股份), and may sit behind a business word.
    for (let i = 0; i < 2; i++) {
      const next = dropBusinessWord(key);
      if (next === key) break;
      key = next;
      keys.push(key);
    }
  }
  return [...new Set(keys.filter((k) => k.length >= 2))];
}
