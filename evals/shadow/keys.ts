/**
 * How facts are written as keys, following the development set: shares in two forms, counts with
 * their measure words, dates and months in Chinese and ISO form, numbers with and without
 * thousands separators, and the phrase lists that refusals, ties and empty overlaps are judged by.
 */

/** A share as printed: one decimal (72.0 also matches 72.01) and rounded (72%), the latter left
 * out when rounding would print a misleading 100%. */
export function pct(weight: number): string[] {
  const out = [(weight * 100).toFixed(1)];
  const rounded = Math.round(weight * 100);
  if (rounded < 100) out.push(`${rounded}%`);
  return out;
}

export function countForms(n: number, english: boolean): string[] {
  const out = [`${n}家`, `${n}个`];
  if (english) {
    out.push(`${n} compan`, `${n} listed`, `${n} produc`, `${n} a-share`, `${n} firm`, `${n} enterprise`);
  }
  return out;
}

/** 2014-02-11 and 2014年2月11日. */
export function dateForms(iso: string): string[] {
  const [y, m, d] = iso.split('-');
  return [iso, `${y}年${Number(m)}月${Number(d)}日`];
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** 2022年4月, 2022-04 and (for English answers) April 2022. */
export function monthForms(ym: string, english: boolean): string[] {
  const [y, m] = ym.split('-');
  const out = [`${y}年${Number(m)}月`, ym];
  if (english) out.push(`${MONTHS[Number(m) - 1]} ${y}`);
  return out;
}

function group(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** 2192, 2,192, 2192.0, 2,192.01 … for each number of decimals asked for. */
export function numForms(x: number, decimals: readonly number[]): string[] {
  const out: string[] = [];
  for (const d of decimals) {
    const plain = x.toFixed(d);
    const [int = '', frac] = plain.split('.');
    const comma = frac === undefined ? group(int) : `${group(int)}.${frac}`;
    for (const form of [plain, comma]) if (!out.includes(form)) out.push(form);
  }
  return out;
}

export const EXCHANGE: Readonly<Record<string, readonly string[]>> = {
  上海证券交易所: ['上海证券交易所', '上交所', 'Shanghai'],
  深圳证券交易所: ['深圳证券交易所', '深交所', 'Shenzhen'],
};

/** The refusal phrases of the development set's refusal items, copied from one of them. */
export const REFUSAL = [
  '未找到',
  '没有找到',
  '找不到',
  '未查到',
  '没有查到',
  '没有相关',
  '数据中没有',
  '无法回答',
  '无法提供',
  '未收录',
  '没有收录',
  '没有记录',
  '暂无',
  '未提及',
  '没有提及',
  '未涉及',
  '没有涉及',
  '未明确',
  '没有明确',
  '超出',
  '不在数据',
  '缺失',
  'not found',
  'no data',
  'no record',
  'could not find',
  "couldn't find",
  'does not contain',
  'not in the',
  'no information',
  'not mentioned',
  'not specified',
  'out of scope',
  'missing',
] as const;

/** Extra phrases the development set accepts when a date lies outside a data set's span. */
export const OUT_OF_RANGE = [
  '只覆盖',
  '仅覆盖',
  '只包含',
  '仅包含',
  '只到',
  '截至',
  '截止到',
  '范围之外',
  '时间范围',
  'only cover',
  'only goes',
  'only up to',
  'ends in',
  'ends at',
  'outside the',
] as const;

/** Extra phrases the development set accepts for an empty cell of a series. */
export const EMPTY_CELL = ['空值', '为空', '空缺', '缺少', '没有数值', '无数值'] as const;

export const NO_OVERLAP = [
  '没有共同',
  '没有相同',
  '无共同',
  '不存在共同',
  '没有重合',
  '无重合',
  '不重合',
  '没有交集',
  '无交集',
  '没有重叠',
  '不共享',
  'no common',
  'no shared',
  'no overlap',
  'do not share',
  "don't share",
  'none in common',
  'nothing in common',
] as const;

export const TIE_ZH = ['一样多', '相同', '持平', '相等', '并列', '同样'] as const;
export const TIE_EN = ['same number', 'equal', 'a tie', 'tied', 'both have'] as const;

export const UP_ZH = ['上涨', '上升', '涨了', '走高', '增长', '增加'] as const;
export const DOWN_ZH = ['下降', '下跌', '跌了', '回落', '减少', '下滑'] as const;
export const UP_EN = ['rose', 'increase', 'higher', 'went up', 'grew'] as const;
export const DOWN_EN = ['fell', 'declin', 'decrease', 'dropped', 'lower', 'went down'] as const;
