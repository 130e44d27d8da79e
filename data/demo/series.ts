/**
 * Monthly demo series (2019-01 … 2025-12): a level path through dated anchors (log-linear
 * interpolation), yearly seasonality, dated shocks and noise. Price anchors loosely follow the
 * public shape of the Chinese market (lithium spike 2021–2022 and crash 2023, chip shortage 2021);
 * levels are illustrative, not data.
 */
import { createRng } from './prng.js';

export const START_YEAR = 2019;
export const END_YEAR = 2025;
export const MONTHS: string[] = [];
for (let y = START_YEAR; y <= END_YEAR; y++)
  for (let m = 1; m <= 12; m++) MONTHS.push(`${y}-${String(m).padStart(2, '0')}`);

export type SeriesKind = 'price' | 'demand' | 'output';

interface SeriesDef {
  column: string;
  kind: SeriesKind;
  unit: string;
  /** Anchors `YYYY-MM:level`; the level is interpolated log-linearly between them. */
  anchors: string;
  /** Seasonal profile (12 multipliers, Jan…Dec) and its strength (0 = none, 1 = full). */
  season: keyof typeof SEASONS;
  seasonStrength: number;
  /** Standard deviation of the multiplicative noise. */
  noise: number;
  /** Named shocks applied as multipliers. */
  shocks: (keyof typeof SHOCKS)[];
  decimals: number;
  name: string;
}

const SEASONS = {
  flat: [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1],
  auto: [0.98, 0.7, 1.02, 0.95, 0.98, 1.03, 0.93, 0.96, 1.06, 1.06, 1.12, 1.21],
  nev: [0.82, 0.68, 0.95, 0.92, 0.97, 1.04, 0.98, 1.02, 1.1, 1.12, 1.2, 1.3],
  moto: [1.02, 0.72, 1.15, 1.12, 1.05, 0.98, 0.9, 0.92, 1.0, 1.02, 1.03, 1.09],
  industrial: [0.97, 0.82, 1.03, 1.01, 1.02, 1.03, 0.99, 1.0, 1.03, 1.02, 1.03, 1.05],
  price: [1.01, 1.0, 1.005, 1.0, 0.995, 0.99, 0.99, 0.995, 1.005, 1.01, 1.005, 1.0],
  charging: [0.8, 0.6, 0.9, 0.95, 1.0, 1.05, 1.0, 1.0, 1.05, 1.1, 1.2, 1.35],
} as const;

/** Shocks: `YYYY-MM:multiplier` pairs. */
const SHOCKS = {
  covid: '2020-01:0.85 2020-02:0.3 2020-03:0.72 2020-04:0.92',
  covidLight: '2020-02:0.6 2020-03:0.85',
  chip: '2021-05:0.92 2021-06:0.88 2021-07:0.86 2021-08:0.82 2021-09:0.8 2021-10:0.88 2021-11:0.94',
  lockdown: '2022-04:0.72 2022-05:0.88 2022-12:0.9',
  nevTax: '2022-12:1.12 2023-01:0.72',
  tradeIn: '2024-09:1.05 2024-10:1.08 2024-11:1.1 2024-12:1.08 2025-01:1.05',
} as const;

const price = (
  column: string,
  unit: string,
  anchors: string,
  decimals = 0,
  noise = 0.022,
  name = `${column}价格`,
): SeriesDef => ({
  column,
  kind: 'price',
  unit,
  anchors,
  season: 'price',
  seasonStrength: 1,
  noise,
  shocks: [],
  decimals,
  name,
});

export const SERIES_DEFS: readonly SeriesDef[] = [
  price(
    '碳酸锂',
    '元/吨',
    '2019-01:80000 2019-12:52000 2020-06:40000 2020-12:50000 2021-06:90000 2021-12:270000 2022-03:490000 2022-06:470000 2022-11:575000 2023-01:480000 2023-04:200000 2023-06:300000 2023-12:100000 2024-06:90000 2024-12:76000 2025-06:61000 2025-09:72000 2025-12:95000',
    0,
    0.03,
    '电池级碳酸锂价格',
  ),
  price(
    '氢氧化锂',
    '元/吨',
    '2019-01:100000 2019-12:65000 2020-06:50000 2020-12:52000 2021-06:100000 2021-12:240000 2022-03:480000 2022-11:560000 2023-04:220000 2023-07:300000 2023-12:85000 2024-12:68000 2025-06:62000 2025-12:80000',
    0,
    0.03,
  ),
  price(
    '六氟磷酸锂',
    '元/吨',
    '2019-01:100000 2020-06:70000 2020-12:110000 2021-06:320000 2021-12:550000 2022-03:590000 2022-12:220000 2023-06:130000 2023-12:70000 2024-12:60000 2025-06:52000 2025-12:90000',
    0,
    0.03,
  ),
  price(
    '电解液',
    '元/吨',
    '2019-01:40000 2020-06:32000 2021-06:70000 2021-12:120000 2022-03:130000 2022-12:70000 2023-12:25000 2024-12:20000 2025-06:19000 2025-12:27000',
  ),
  price(
    '三元正极材料',
    '元/吨',
    '2019-01:150000 2020-06:120000 2021-06:170000 2021-12:280000 2022-06:380000 2022-12:350000 2023-12:150000 2024-12:120000 2025-12:135000',
  ),
  price(
    '磷酸铁锂正极材料',
    '元/吨',
    '2019-01:45000 2020-06:37000 2021-06:55000 2021-12:100000 2022-11:170000 2023-06:80000 2023-12:45000 2024-12:36000 2025-12:42000',
  ),
  price(
    '负极材料',
    '元/吨',
    '2019-01:50000 2021-06:48000 2022-06:60000 2023-12:38000 2025-12:33000',
    0,
    0.015,
  ),
  price(
    '隔膜',
    '元/平方米',
    '2019-01:1.8 2020-06:1.5 2021-12:1.5 2022-06:1.55 2023-12:1.1 2024-12:0.8 2025-12:0.75',
    2,
    0.015,
  ),
  price(
    '电芯',
    '元/Wh',
    '2019-01:0.75 2020-12:0.6 2021-12:0.75 2022-09:1.0 2023-06:0.75 2023-12:0.5 2024-12:0.35 2025-12:0.33',
    3,
    0.012,
  ),
  price(
    '动力电池',
    '元/Wh',
    '2019-01:0.95 2020-12:0.78 2021-12:0.92 2022-09:1.2 2023-06:0.95 2023-12:0.66 2024-12:0.47 2025-12:0.45',
    3,
    0.01,
  ),
  price(
    '硫酸镍',
    '元/吨',
    '2019-01:27000 2020-06:28000 2021-12:40000 2022-03:50000 2022-12:40000 2023-12:27000 2024-12:28000 2025-12:27000',
  ),
  price(
    '硫酸钴',
    '元/吨',
    '2019-01:80000 2019-06:45000 2020-12:60000 2022-03:110000 2022-12:60000 2023-12:35000 2024-12:28000 2025-03:33000 2025-12:55000',
    0,
    0.03,
  ),
  price(
    '电解铜',
    '元/吨',
    '2019-01:48000 2020-03:40000 2021-05:72000 2022-07:58000 2023-06:68000 2024-05:80000 2024-12:74000 2025-12:86000',
    0,
    0.018,
  ),
  price(
    '电解铝',
    '元/吨',
    '2019-01:13800 2020-04:11500 2021-10:23000 2022-12:18500 2023-12:18500 2024-12:20000 2025-12:21500',
    0,
    0.015,
  ),
  price(
    '冷轧钢板',
    '元/吨',
    '2019-01:4300 2020-04:4000 2021-05:6500 2022-12:4800 2023-12:4600 2024-09:3900 2025-12:3900',
    0,
    0.015,
  ),
  price(
    '天然橡胶',
    '元/吨',
    '2019-01:11500 2020-04:9800 2021-02:15500 2022-06:13000 2023-06:12000 2024-10:18000 2025-12:15000',
    0,
    0.025,
  ),
  price(
    '丁苯橡胶',
    '元/吨',
    '2019-01:11500 2020-04:8500 2021-06:14000 2022-06:12500 2023-06:11500 2024-10:16500 2025-12:12000',
    0,
    0.025,
  ),
  price(
    '炭黑',
    '元/吨',
    '2019-01:7500 2020-05:5800 2021-12:9000 2022-06:10000 2023-06:8500 2024-06:8000 2025-12:6800',
    0,
    0.02,
  ),
  price(
    '氧化镨钕',
    '元/吨',
    '2019-01:300000 2020-06:280000 2021-12:900000 2022-02:1080000 2022-12:720000 2023-12:460000 2024-06:370000 2025-08:600000 2025-12:540000',
    0,
    0.03,
  ),
  price(
    '多晶硅',
    '元/千克',
    '2019-01:75 2020-06:60 2021-12:230 2022-08:300 2023-06:70 2023-12:60 2024-07:35 2025-06:35 2025-09:50 2025-12:52',
    1,
    0.025,
  ),
  price(
    '车规级芯片',
    '指数(2019-01=100)',
    '2019-01:100 2020-12:103 2021-09:260 2022-06:230 2023-06:130 2024-06:110 2025-12:105',
    1,
    0.02,
    '车规级芯片价格指数',
  ),
  price(
    '聚丙烯',
    '元/吨',
    '2019-01:9000 2020-04:7000 2021-10:9800 2022-12:7800 2023-12:7400 2025-12:6900',
    0,
    0.015,
  ),
  price(
    '原油',
    '美元/桶',
    '2019-01:60 2019-04:71 2020-04:20 2020-12:50 2021-10:84 2022-06:120 2022-12:81 2023-09:94 2023-12:77 2024-04:89 2024-12:73 2025-04:66 2025-12:63',
    2,
    0.035,
  ),
  price(
    '工业硅',
    '元/吨',
    '2019-01:12000 2020-06:11500 2021-10:55000 2021-12:22000 2022-06:20000 2023-12:15000 2024-12:11500 2025-06:8000 2025-12:9200',
    0,
    0.025,
  ),

  // Demand: national market (illustrative scale), monthly.
  {
    column: '乘用车',
    kind: 'demand',
    unit: '辆',
    anchors:
      '2019-06:1750000 2020-06:1650000 2021-06:1700000 2022-06:1820000 2023-06:2000000 2024-06:2150000 2025-06:2300000',
    season: 'auto',
    seasonStrength: 1,
    noise: 0.03,
    shocks: ['covid', 'chip', 'lockdown', 'tradeIn'],
    decimals: 0,
    name: '乘用车销量',
  },
  {
    column: '新能源汽车',
    kind: 'demand',
    unit: '辆',
    anchors:
      '2019-06:100000 2020-06:110000 2021-06:250000 2022-06:520000 2023-06:750000 2024-06:1050000 2025-06:1350000',
    season: 'nev',
    seasonStrength: 1,
    noise: 0.035,
    shocks: ['covid', 'lockdown', 'nevTax', 'tradeIn'],
    decimals: 0,
    name: '新能源汽车销量',
  },
  {
    column: '商用车',
    kind: 'demand',
    unit: '辆',
    anchors:
      '2019-06:360000 2020-06:430000 2021-06:400000 2022-06:280000 2023-06:330000 2024-06:320000 2025-06:340000',
    season: 'auto',
    seasonStrength: 0.8,
    noise: 0.04,
    shocks: ['covid', 'lockdown'],
    decimals: 0,
    name: '商用车销量',
  },
  {
    column: '摩托车',
    kind: 'demand',
    unit: '辆',
    anchors:
      '2019-06:1430000 2020-06:1420000 2021-06:1680000 2022-06:1700000 2023-06:1550000 2024-06:1760000 2025-06:1900000',
    season: 'moto',
    seasonStrength: 1,
    noise: 0.04,
    shocks: ['covid'],
    decimals: 0,
    name: '摩托车销量（含出口）',
  },
  {
    column: '电动摩托车',
    kind: 'demand',
    unit: '辆',
    anchors:
      '2019-06:60000 2020-06:80000 2021-06:110000 2022-06:140000 2023-06:160000 2024-06:190000 2025-06:220000',
    season: 'moto',
    seasonStrength: 1,
    noise: 0.05,
    shocks: ['covid'],
    decimals: 0,
    name: '电动摩托车销量',
  },
  {
    column: '动力电池',
    kind: 'demand',
    unit: 'GWh',
    anchors: '2019-06:5.3 2020-06:5.3 2021-06:12.5 2022-06:24 2023-06:32 2024-06:45 2025-06:60',
    season: 'nev',
    seasonStrength: 0.9,
    noise: 0.04,
    shocks: ['covid', 'lockdown', 'nevTax'],
    decimals: 2,
    name: '动力电池装车量',
  },
  {
    column: '储能电池系统',
    kind: 'demand',
    unit: 'GWh',
    anchors: '2019-06:0.3 2020-06:0.6 2021-06:2.5 2022-06:8 2023-06:14 2024-06:24 2025-06:38',
    season: 'charging',
    seasonStrength: 0.6,
    noise: 0.08,
    shocks: ['covidLight'],
    decimals: 2,
    name: '储能电池出货量',
  },
  {
    column: '车规级芯片',
    kind: 'demand',
    unit: '亿颗',
    anchors: '2019-06:8.5 2020-06:8.3 2021-06:10.5 2022-06:12 2023-06:14 2024-06:15.5 2025-06:17',
    season: 'auto',
    seasonStrength: 0.6,
    noise: 0.035,
    shocks: ['covid'],
    decimals: 2,
    name: '车规级芯片需求量',
  },
  {
    column: '轮胎',
    kind: 'demand',
    unit: '万条',
    anchors: '2019-06:7000 2020-06:6700 2021-06:7600 2022-06:7300 2023-06:8200 2024-06:8700 2025-06:8900',
    season: 'industrial',
    seasonStrength: 1,
    noise: 0.03,
    shocks: ['covid', 'lockdown'],
    decimals: 0,
    name: '轮胎需求量',
  },
  {
    column: '充电桩',
    kind: 'demand',
    unit: '台',
    anchors:
      '2019-06:35000 2020-06:38000 2021-06:70000 2022-06:200000 2023-06:280000 2024-06:350000 2025-06:420000',
    season: 'charging',
    seasonStrength: 1,
    noise: 0.06,
    shocks: ['covidLight'],
    decimals: 0,
    name: '充电桩新增量',
  },

  // Output: Chongqing (illustrative scale), monthly.
  {
    column: '乘用车',
    kind: 'output',
    unit: '辆',
    anchors:
      '2019-06:120000 2020-06:125000 2021-06:135000 2022-06:145000 2023-06:150000 2024-06:158000 2025-06:165000',
    season: 'auto',
    seasonStrength: 1,
    noise: 0.035,
    shocks: ['covid', 'chip', 'lockdown', 'tradeIn'],
    decimals: 0,
    name: '重庆乘用车产量',
  },
  {
    column: '新能源汽车',
    kind: 'output',
    unit: '辆',
    anchors:
      '2019-06:3000 2020-06:4000 2021-06:9000 2022-06:30000 2023-06:42000 2024-06:78000 2025-06:110000',
    season: 'nev',
    seasonStrength: 1,
    noise: 0.05,
    shocks: ['covid', 'lockdown'],
    decimals: 0,
    name: '重庆新能源汽车产量',
  },
  {
    column: '摩托车',
    kind: 'output',
    unit: '辆',
    anchors:
      '2019-06:420000 2020-06:400000 2021-06:480000 2022-06:470000 2023-06:430000 2024-06:500000 2025-06:540000',
    season: 'moto',
    seasonStrength: 1,
    noise: 0.04,
    shocks: ['covid'],
    decimals: 0,
    name: '重庆摩托车产量',
  },
  {
    column: '发动机',
    kind: 'output',
    unit: '台',
    anchors:
      '2019-06:520000 2020-06:500000 2021-06:560000 2022-06:540000 2023-06:510000 2024-06:530000 2025-06:545000',
    season: 'moto',
    seasonStrength: 0.8,
    noise: 0.035,
    shocks: ['covid', 'chip'],
    decimals: 0,
    name: '重庆发动机产量（含摩托车发动机）',
  },
  {
    column: '变速器',
    kind: 'output',
    unit: '台',
    anchors:
      '2019-06:95000 2020-06:90000 2021-06:96000 2022-06:92000 2023-06:88000 2024-06:90000 2025-06:93000',
    season: 'auto',
    seasonStrength: 0.9,
    noise: 0.035,
    shocks: ['covid', 'chip', 'lockdown'],
    decimals: 0,
    name: '重庆变速器产量',
  },
  {
    column: '动力电池',
    kind: 'output',
    unit: 'GWh',
    anchors: '2019-06:0.15 2020-06:0.2 2021-06:0.5 2022-06:1.4 2023-06:2.2 2024-06:3.6 2025-06:5',
    season: 'nev',
    seasonStrength: 0.9,
    noise: 0.05,
    shocks: ['covid', 'lockdown'],
    decimals: 3,
    name: '重庆动力电池产量',
  },
  {
    column: '电机',
    kind: 'output',
    unit: '台',
    anchors:
      '2019-06:4000 2020-06:5000 2021-06:11000 2022-06:34000 2023-06:47000 2024-06:85000 2025-06:120000',
    season: 'nev',
    seasonStrength: 0.9,
    noise: 0.05,
    shocks: ['covid', 'lockdown'],
    decimals: 0,
    name: '重庆驱动电机产量',
  },
  {
    column: '轮胎',
    kind: 'output',
    unit: '万条',
    anchors: '2019-06:160 2020-06:150 2021-06:170 2022-06:165 2023-06:180 2024-06:188 2025-06:192',
    season: 'industrial',
    seasonStrength: 1,
    noise: 0.035,
    shocks: ['covid', 'lockdown'],
    decimals: 1,
    name: '重庆轮胎产量',
  },
  {
    column: '铝合金',
    kind: 'output',
    unit: '吨',
    anchors:
      '2019-06:95000 2020-06:92000 2021-06:105000 2022-06:108000 2023-06:115000 2024-06:124000 2025-06:130000',
    season: 'industrial',
    seasonStrength: 1,
    noise: 0.03,
    shocks: ['covid'],
    decimals: 0,
    name: '重庆铝合金产量',
  },
  {
    column: '钢材',
    kind: 'output',
    unit: '吨',
    anchors:
      '2019-06:1250000 2020-06:1230000 2021-06:1300000 2022-06:1220000 2023-06:1200000 2024-06:1150000 2025-06:1130000',
    season: 'industrial',
    seasonStrength: 1,
    noise: 0.025,
    shocks: ['covidLight'],
    decimals: 0,
    name: '重庆钢材产量',
  },
];

const monthIndex = (ym: string): number => {
  const [y, m] = ym.split('-').map(Number) as [number, number];
  return (y - START_YEAR) * 12 + (m - 1);
};

const parsePairs = (text: string): [number, number][] =>
  text
    .split(' ')
    .filter(Boolean)
    .map((pair) => {
      const [ym, v] = pair.split(':') as [string, string];
      return [monthIndex(ym), Number(v)];
    });

/** Log-linear interpolation through anchors; flat before the first and after the last. */
function levelAt(anchors: [number, number][], t: number): number {
  const first = anchors[0]!;
  const last = anchors[anchors.length - 1]!;
  if (t <= first[0]) return first[1];
  if (t >= last[0]) return last[1];
  for (let i = 1; i < anchors.length; i++) {
    const [t1, v1] = anchors[i]!;
    const [t0, v0] = anchors[i - 1]!;
    if (t <= t1) {
      const f = (t - t0) / (t1 - t0);
      return Math.exp(Math.log(v0) + f * (Math.log(v1) - Math.log(v0)));
    }
  }
  return last[1];
}

export interface SeriesTable {
  file: string;
  kind: SeriesKind;
  columns: string[];
  /** rows[i][j]: value of column j in month i, or undefined when missing. */
  rows: (number | undefined)[][];
  decimals: number[];
}

export interface SeriesMeta {
  column: string;
  file: string;
  kind: SeriesKind;
  unit: string;
  subjectId: string;
  frequency: 'monthly';
  name: string;
  regionId: string;
}

export function buildSeries(seed: number): { tables: SeriesTable[]; meta: SeriesMeta[] } {
  const tables: SeriesTable[] = [];
  const meta: SeriesMeta[] = [];
  for (const kind of ['price', 'demand', 'output'] as const) {
    const defs = SERIES_DEFS.filter((d) => d.kind === kind);
    const file = `series-${kind}.csv`;
    const columns = defs.map((d) => d.column);
    if (new Set(columns).size !== columns.length) throw new Error(`duplicate column in ${file}`);
    const values = defs.map((d) => {
      const rng = createRng(seed, `series:${kind}:${d.column}`);
      const anchors = parsePairs(d.anchors);
      const shocks = new Map<number, number>();
      for (const s of d.shocks)
        for (const [t, m] of parsePairs(SHOCKS[s])) shocks.set(t, (shocks.get(t) ?? 1) * m);
      const season = SEASONS[d.season];
      // AR(1) noise so deviations persist a little, as real series do.
      let ar = 0;
      return MONTHS.map((_, t) => {
        ar = 0.5 * ar + d.noise * rng.normal();
        const s = 1 + d.seasonStrength * (season[t % 12]! - 1);
        const v = levelAt(anchors, t) * s * (shocks.get(t) ?? 1) * Math.exp(ar);
        const f = 10 ** d.decimals;
        return Math.round(v * f) / f;
      });
    });
    // A few missing cells (never in the first year or the last quarter).
    const gaps = createRng(seed, `gaps:${kind}`);
    const missing = new Set<string>();
    const nMissing = kind === 'price' ? 6 : 3;
    while (missing.size < nMissing)
      missing.add(`${gaps.int(0, columns.length - 1)}:${gaps.int(12, MONTHS.length - 4)}`);
    const rows = MONTHS.map((_, t) =>
      values.map((col, j) => (missing.has(`${j}:${t}`) ? undefined : col[t])),
    );
    tables.push({ file, kind, columns, rows, decimals: defs.map((d) => d.decimals) });
    for (const d of defs)
      meta.push({
        column: d.column,
        file,
        kind,
        unit: d.unit,
        subjectId: `product:${d.column}`,
        frequency: 'monthly',
        name: d.name,
        regionId: kind === 'output' ? 'region:重庆市' : 'region:中国',
      });
  }
  return { tables, meta };
}

export function tableToCsv(table: SeriesTable): string {
  const lines = [['Date', ...table.columns].join(',')];
  table.rows.forEach((row, t) => {
    lines.push(
      [MONTHS[t]!, ...row.map((v, j) => (v === undefined ? '' : v.toFixed(table.decimals[j]!)))].join(','),
    );
  });
  return `${lines.join('\n')}\n`;
}
