import type { EvalItem } from '../dataset/schema.js';
import { scoreItems } from '../score.js';
import { type Bench, report } from './bench.js';

/**
 * Scorer throughput: 10,000 generated items (half Chinese, half English), each with a reference,
 * an answer with citation markers, three contexts and citations, scored on every offline metric.
 * Target: all of them in ≤ 10 s. Args: [--items N].
 */
const ZH_NAMES = [
  '宗申动力',
  '璟能新能源',
  '霁川汽车',
  '渝星动力',
  '巴南区',
  '璧山区',
  '两江新区',
  '九龙坡区',
];
const ZH_THINGS = ['动力电池', '电芯', '车规级芯片', '减速器', '铝合金压铸件', '碳酸锂', '隔膜', '电解液'];
const EN_NAMES = [
  'Zongshen Power',
  'Jingneng Energy',
  'Jichuan Motors',
  'Yuxing Power',
  'Banan District',
  'Bishan District',
];
const EN_THINGS = [
  'battery cells',
  'automotive chips',
  'reducers',
  'die castings',
  'lithium carbonate',
  'separators',
];
const ZH_NUMERALS = ['二十', '三十五', '一百二十', '两千三百', '一万二千'];
const ARABIC = [20, 35, 120, 2300, 12000];

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function generate(i: number, r: () => number): EvalItem {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
  const n = Math.floor(r() * ARABIC.length);
  const amount = ARABIC[n]!;
  const year = 2019 + Math.floor(r() * 7);
  const wrong = r() < 0.3;
  if (i % 2 === 0) {
    const [name, thing] = [pick(ZH_NAMES), pick(ZH_THINGS)];
    const fact = `${year}年${name}的${thing}产能达到${ARABIC[n]}万吨，同比增长百分之${10 + (i % 20)}。`;
    const filler = `${pick(ZH_NAMES)}推进${pick(ZH_THINGS)}与${pick(ZH_THINGS)}供应链协同，依托产业大脑共享排产计划和库存数据。`;
    return {
      id: `zh-${i}`,
      question: `${year}年${name}的${thing}产能是多少？`,
      reference: `${year}年${name}${thing}产能${ARABIC[n]}万吨`,
      expected_entities: [name],
      answer: wrong
        ? `${name}的${thing}产能约为${ZH_NUMERALS[(n + 1) % 5]}万吨。[2]`
        : `${year}年，${name}${thing}产能为${ZH_NUMERALS[n]}万吨[1]。${filler}[2]`,
      contexts: [
        { id: 'c1', text: `${filler}${fact}` },
        { id: 'c2', text: filler.repeat(3) },
        {
          id: 'c3',
          text: `${pick(ZH_NAMES)}发布${pick(ZH_THINGS)}价格周报，${year}年第四季度价格一度超过每吨50万元。`,
        },
      ],
      citations: ['c1', 'c2'],
      tags: ['zh', i % 4 === 0 ? 'tune' : 'heldout'],
      intent: pick(['policy', 'count', 'entity_facts']),
    };
  }
  const [name, thing] = [pick(EN_NAMES), pick(EN_THINGS)];
  const fact = `In ${year}, ${name} reached a capacity of ${ARABIC[n]} thousand tonnes of ${thing}, up ${10 + (i % 20)}% on a year earlier.`;
  const filler = `${pick(EN_NAMES)} shares production plans and inventory data for ${pick(EN_THINGS)} through the industry brain.`;
  return {
    id: `en-${i}`,
    question: `What was the ${thing} capacity of ${name} in ${year}?`,
    reference: `${name} had ${amount * 1000} tonnes of ${thing} capacity in ${year}.`,
    expected_entities: [name],
    answer: wrong
      ? `Not in the data.`
      : `${name} reached ${ARABIC[n]} thousand tonnes of ${thing} in ${year} [1]. ${filler} [2]`,
    contexts: [
      { id: 'c1', text: `${filler} ${fact}` },
      { id: 'c2', text: `${filler} ${filler}` },
      { id: 'c3', text: `Prices of ${pick(EN_THINGS)} rose above 500 thousand yuan per tonne in ${year}.` },
    ],
    citations: ['c1', 'c2'],
    tags: ['en', i % 4 === 1 ? 'tune' : 'heldout'],
    intent: pick(['policy', 'count', 'entity_facts']),
  };
}

const bench: Bench = async (args) => {
  const i = args.indexOf('--items');
  const count = i >= 0 ? Number(args[i + 1]) : 10_000;
  const r = rng(20250101);
  const items = Array.from({ length: count }, (_, k) => generate(k, r));
  const started = performance.now();
  const { summary } = await scoreItems(items);
  const seconds = (performance.now() - started) / 1000;
  return report(`scorer: ${count.toLocaleString()} items (zh + en, 3 contexts, 2 citations each)`, [
    {
      label: 'time',
      value: `${seconds.toFixed(2)} s`,
      target: '≤ 10 s for 10,000',
      ok: count < 10_000 || seconds <= 10,
    },
    { label: 'throughput', value: `${Math.round(count / seconds).toLocaleString()} items/s` },
    { label: 'answer_correctness', value: String(summary.metrics.answer_correctness) },
    { label: 'faithfulness', value: String(summary.metrics.faithfulness) },
  ]);
};

export default bench;
