import type { Context } from '../context.js';
import { check, type Lang, type ShadowSet } from '../item.js';
import { DOWN_EN, monthForms, numForms, pct, UP_EN } from '../keys.js';

function price(
  set: ShadowSet,
  question: string,
  lang: Lang,
  expect: string[],
  minHits: number,
  note: string,
): void {
  set.add({ question, lang, kind: 'price', dataset: 'prices', expect, minHits, note });
}

/** The month with the highest value of a series, asserting it is unique. */
function peak(ctx: Context, column: string) {
  const obs = [...(ctx.prices.series.get(column) ?? new Map()).entries()].sort(
    ([, a], [, b]) => b.value - a.value,
  );
  check(obs.length > 1 && obs[0]![1].value > obs[1]![1].value, `${column} peak is tied`);
  return { month: obs[0]![0], ...obs[0]![1] };
}

export function priceItems(ctx: Context, set: ShadowSet): void {
  const p = ctx.prices;
  const last = p.months[p.months.length - 1]!;

  const copper = p.at('Copper', last);
  price(
    set,
    'What is the latest monthly copper price in the IMF data, and which month is it for?',
    'en',
    [...numForms(copper.value, [0]), ...monthForms(last, true)],
    2,
    `${p.describe('Copper')}:${copper.line} ${last} = ${copper.value} (the last month in the file). Key = value + month.`,
  );

  const nickel = peak(ctx, 'Nickel');
  price(
    set,
    'IMF数据里镍价最高出现在哪个月？当时大约多少美元一吨？',
    'zh',
    [...monthForms(nickel.month, false), ...numForms(nickel.value, [0])],
    2,
    `${p.describe('Nickel')}:${nickel.line} maximum over ${p.monthsOf('Nickel')[0]}..${last} is ${nickel.month} = ${nickel.value}. Key = month + value.`,
  );

  const wti = p
    .monthsOf('Crude Oil WTI')
    .filter((m) => m.startsWith('2022'))
    .map((m) => p.at('Crude Oil WTI', m).value);
  check(wti.length === 12, 'WTI 2022 is not complete');
  const wtiMean = wti.reduce((s, v) => s + v, 0) / 12;
  price(
    set,
    '2022年WTI原油12个月的月均价平均下来是多少美元/桶？',
    'zh',
    [wtiMean.toFixed(1)],
    1,
    `${p.describe('Crude Oil WTI')} rows 2022-01..2022-12: mean of ${JSON.stringify(wti.map((v) => Number(v.toFixed(2))))} = ${wtiMean.toFixed(3)}.`,
  );

  const s0 = p.at('Silver', '2022-12');
  const s1 = p.at('Silver', '2023-12');
  const silverUp = s1.value > s0.value;
  price(
    set,
    'Did the silver price rise or fall from December 2022 to December 2023 in the IMF data, and by roughly how much?',
    'en',
    [...(silverUp ? UP_EN : DOWN_EN), ...pct(Math.abs(s1.value - s0.value) / s0.value)],
    2,
    `${p.describe('Silver')}:${s0.line},${s1.line} 2022-12 = ${s0.value}, 2023-12 = ${s1.value}: ${((100 * (s1.value - s0.value)) / s0.value).toFixed(1)}%. Key = direction + size.`,
  );

  const ttf = peak(ctx, 'Natural Gas Europe');
  price(
    set,
    '欧洲天然气（TTF）价格在这套IMF数据里哪个月最高？是多少美元/百万英热单位？',
    'zh',
    [...monthForms(ttf.month, false), ...numForms(ttf.value, [1])],
    2,
    `${p.describe('Natural Gas Europe')}:${ttf.line} maximum over ${p.monthsOf('Natural Gas Europe')[0]}..${last} is ${ttf.month} = ${ttf.value}. Key = month + value.`,
  );

  const gold = p.at('Gold', last);
  const silver = p.at('Silver', last);
  const ratio = gold.value / silver.value;
  price(
    set,
    `${last.slice(0, 4)}年${Number(last.slice(5))}月的金银比（金价除以银价）大约是多少？`,
    'zh',
    [ratio.toFixed(1)],
    1,
    `${p.describe('Gold')}:${gold.line} Gold ${last} = ${gold.value}; Silver ${last} = ${silver.value} (line ${silver.line}); ratio ${ratio.toFixed(3)}.`,
  );

  const silicon = p.monthsOf('Silicon');
  check(silicon[0]! > p.months[0]!, 'Silicon starts with the file');
  price(
    set,
    'From which month does the IMF data have a silicon (Silicon) price?',
    'en',
    monthForms(silicon[0]!, true),
    1,
    `${p.describe('Silicon')}: the cells before ${silicon[0]} are empty; first value ${silicon[0]} = ${p.at('Silicon', silicon[0]!).value} (line ${p.at('Silicon', silicon[0]!).line}).`,
  );
}
