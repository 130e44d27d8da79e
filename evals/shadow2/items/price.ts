import type { Context } from '../../shadow/context.js';
import { byText } from '../../shadow/item.js';
import { DOWN_EN, DOWN_ZH, monthForms, numForms, UP_EN, UP_ZH } from '../../shadow/keys.js';
import { fresh, need, type SecondSet } from '../collect.js';
import { drawEach } from '../pools.js';

const LAST = '2023-12';

export function priceItems(ctx: Context, set: SecondSet): void {
  const prices = ctx.prices;
  const meta = (c: string) => {
    const m = prices.meta.get(c);
    need(m, `no IMF column ${c}`);
    return m;
  };
  // Commodity prices in USD per tonne that no earlier question named, English or Chinese.
  const pool = [...prices.series.keys()]
    .filter((c) => meta(c).unit === 'USD/metric ton' && fresh(c) && fresh(meta(c).name_zh))
    .sort(byText);
  const value = (c: string, m: string) => prices.at(c, m).value;
  const within = (c: string, prefix: string) => prices.monthsOf(c).filter((m) => m.startsWith(prefix));
  const extreme = (c: string, months: string[], sign: 1 | -1) => {
    const best = [...months].sort((a, b) => sign * (value(c, b) - value(c, a)) || byText(a, b));
    return { month: best[0]!, unique: best.length < 2 || value(c, best[0]!) !== value(c, best[1]!) };
  };
  const full = (c: string) => prices.monthsOf(c).length === prices.months.length;
  const [latest, peaked, averaged, yoy23, yoy22, ratioA, ratioB, lowest] = drawEach(set.lot('price'), pool, [
    (c) => prices.series.get(c)!.has(LAST),
    (c) => full(c) && extreme(c, prices.monthsOf(c), 1).unique,
    (c) => within(c, '2021').length === 12,
    (c) => prices.series.get(c)!.has('2022-12') && prices.series.get(c)!.has(LAST),
    (c) => prices.series.get(c)!.has('2021-12') && prices.series.get(c)!.has('2022-12'),
    (c) => prices.series.get(c)!.has(LAST),
    (c) => prices.series.get(c)!.has(LAST),
    (c) => within(c, '2020').length === 12 && extreme(c, within(c, '2020'), -1).unique,
  ]);
  const base = { kind: 'price' as const, dataset: 'prices' as const };

  set.build(`price latest ${latest}`, () => {
    const obs = prices.at(latest!, LAST);
    return {
      ...base,
      question: `IMF数据里${meta(latest!).name_zh}最新一期报价是多少美元/吨？是哪个月的数？`,
      lang: 'zh',
      expect: [...numForms(obs.value, [0]), ...monthForms(LAST, false)],
      minHits: 2,
      subjects: [meta(latest!).name_zh],
      note: `${prices.describe(latest!)}:${obs.line} ${LAST} = ${obs.value} (the last month in the file).`,
    };
  });

  set.build(`price peak ${peaked}`, () => {
    const { month } = extreme(peaked!, prices.monthsOf(peaked!), 1);
    const obs = prices.at(peaked!, month);
    return {
      ...base,
      question: `1990年以来${meta(peaked!).name_zh}价格的历史最高点在哪个月？当时多少美元一吨？`,
      lang: 'zh',
      expect: [...monthForms(month, false), ...numForms(obs.value, [0])],
      minHits: 2,
      subjects: [meta(peaked!).name_zh],
      note: `${prices.describe(peaked!)}:${obs.line} maximum over 1990-01..2023-12 is ${month} = ${obs.value}.`,
    };
  });

  set.build(`price 2021 average ${averaged}`, () => {
    const months = within(averaged!, '2021');
    const mean = months.reduce((s, m) => s + value(averaged!, m), 0) / months.length;
    return {
      ...base,
      question: `What was the average monthly price of ${averaged} (${meta(averaged!).name_zh}) over the twelve months of 2021, in USD per tonne?`,
      lang: 'en',
      expect: numForms(mean, [1]),
      minHits: 1,
      subjects: [averaged!, meta(averaged!).name_zh],
      note: `${prices.describe(averaged!)} rows 2021-01..2021-12 (lines ${prices.at(averaged!, months[0]!).line}-${prices.at(averaged!, months[11]!).line}): mean of [${months.map((m) => value(averaged!, m).toFixed(2)).join(', ')}] = ${mean}.`,
    };
  });

  for (const [c, from, to, lang] of [
    [yoy23!, '2022-12', LAST, 'zh'],
    [yoy22!, '2021-12', '2022-12', 'en'],
  ] as const) {
    set.build(`price change ${c} ${from}..${to}`, () => {
      const a = prices.at(c, from);
      const b = prices.at(c, to);
      need(a.value !== b.value, `${c} did not move`);
      const change = ((b.value - a.value) / a.value) * 100;
      const up = change > 0;
      const words = lang === 'zh' ? (up ? UP_ZH : DOWN_ZH) : up ? UP_EN : DOWN_EN;
      const size = [Math.abs(change).toFixed(1), `${Math.round(Math.abs(change))}%`];
      const question =
        lang === 'zh'
          ? `${meta(c).name_zh}的国际价格，从2022年12月到2023年12月这一年是涨是跌？幅度大概多少？`
          : `Year on year from December 2021 to December 2022, did the IMF price of ${c} (${meta(c).name_zh}) go up or down, and by roughly what percentage?`;
      return {
        ...base,
        question,
        lang,
        expect: [...words, ...size],
        minHits: 2,
        subjects: [meta(c).name_zh],
        note: `${prices.describe(c)}:${a.line},${b.line} ${from} = ${a.value}, ${to} = ${b.value}; ${up ? 'up' : 'down'} ${change.toFixed(2)}%.`,
      };
    });
  }

  set.build(`price ratio ${ratioA} / ${ratioB}`, () => {
    const a = prices.at(ratioA!, LAST);
    const b = prices.at(ratioB!, LAST);
    const [hi, lo, hiName, loName] = a.value >= b.value ? [a, b, ratioA!, ratioB!] : [b, a, ratioB!, ratioA!];
    const ratio = hi.value / lo.value;
    return {
      ...base,
      question: `2023年12月，${meta(hiName).name_zh}的价格大约是${meta(loName).name_zh}的多少倍？`,
      lang: 'zh',
      expect: [`${ratio.toFixed(1)}倍`, ratio.toFixed(2)],
      minHits: 1,
      subjects: [meta(hiName).name_zh, meta(loName).name_zh],
      note: `${prices.describe(hiName)}:${hi.line} ${LAST} = ${hi.value}; ${prices.describe(loName)}:${lo.line} ${LAST} = ${lo.value}; ratio ${ratio}.`,
    };
  });

  set.build(`price 2020 low ${lowest}`, () => {
    const { month } = extreme(lowest!, within(lowest!, '2020'), -1);
    const obs = prices.at(lowest!, month);
    return {
      ...base,
      question: `In 2020, in which month was the IMF ${lowest} (${meta(lowest!).name_zh}) price at its lowest?`,
      lang: 'en',
      expect: monthForms(month, true),
      minHits: 1,
      subjects: [lowest!, meta(lowest!).name_zh],
      note: `${prices.describe(lowest!)}:${obs.line} minimum over 2020-01..2020-12 is ${month} = ${obs.value} (values: ${within(
        lowest!,
        '2020',
      )
        .map((m) => `${m}=${value(lowest!, m).toFixed(2)}`)
        .join(', ')}).`,
    };
  });
}
