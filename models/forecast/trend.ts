import { type ForecastSkill, normalQuantile, powerOfTwoNear } from './forecaster.js';
import type { ForecastPoint, Frequency } from './types.js';

export interface TrendInsight {
  direction: 'rise' | 'flat' | 'fall';
  /** Expected change from the last observation to the final forecast step, in percent. */
  changePct: number;
  /** Probability of ending above +band, within ±band, below −band (normal approximation from the 80% interval). */
  probability: { rise: number; flat: number; fall: number };
  /** Half-width of "flat", in percent. */
  flatBandPct: number;
  turningPoints: Array<{ step: number; date?: string; kind: 'peak' | 'trough' }>;
  volatility: { perPeriodPct: number; level: 'low' | 'moderate' | 'high' };
  /** How the forecast did against the last value on the series' own past, when known. */
  skill?: Pick<ForecastSkill, 'maeRatio' | 'origins' | 'verdict'>;
  sentence: { zh: string; en: string };
}

const UNIT: Record<Frequency, { en: string; zh: string }> = {
  hourly: { en: 'hour', zh: '小时' },
  daily: { en: 'day', zh: '天' },
  weekly: { en: 'week', zh: '周' },
  monthly: { en: 'month', zh: '个月' },
  quarterly: { en: 'quarter', zh: '个季度' },
  yearly: { en: 'year', zh: '年' },
};

/** Standard normal CDF (Abramowitz–Stegun 7.1.26 via erf). */
function normalCdf(z: number): number {
  const t = 1 / (1 + 0.3275911 * (Math.abs(z) / Math.SQRT2));
  const poly =
    t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  const erf = 1 - poly * Math.exp(-(z * z) / 2);
  return z >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
}

/** A power of two near the largest magnitude, so differences and ratios of huge values stay finite. */
function unitOf(values: Iterable<number | undefined>): number {
  let largest = 0;
  for (const v of values) if (v !== undefined && Number.isFinite(v)) largest = Math.max(largest, Math.abs(v));
  return largest > 0 ? powerOfTwoNear(largest) : 1;
}

const finiteOr = (x: number, fallback = 0) => (Number.isFinite(x) ? x : fallback);

/**
 * Reads a forecast as the answer and briefing layers need it: direction and size of change with
 * probabilities, turning points in the forecast path, recent volatility, and one sentence each in
 * Chinese and English. Needs the 80% bounds (`lo80`, `hi80`) on the points. With `skill` (from
 * `forecastSeries`), the sentences say how the forecast did against the last value on the series'
 * own past, and a forecast no better than the last value is called that.
 */
export function trendInsight(
  name: string,
  rawHistory: ArrayLike<number>,
  rawPoints: readonly ForecastPoint[],
  frequency: Frequency,
  flatBandPct = 2,
  context: { skill?: TrendInsight['skill']; kind?: string; nameZh?: string } = {},
): TrendInsight {
  const { skill } = context;
  const u = unitOf([...Array.from(rawHistory), ...rawPoints.flatMap((p) => [p.mean, p.lo80, p.hi80])]);
  const history = Array.from(rawHistory, (v) => v / u);
  const points = rawPoints.map((p) => ({
    ...p,
    mean: p.mean / u,
    ...(p.lo80 === undefined ? {} : { lo80: p.lo80 / u }),
    ...(p.hi80 === undefined ? {} : { hi80: p.hi80 / u }),
  }));
  const last = history[history.length - 1]!;
  const end = points[points.length - 1]!;
  const base = Math.abs(last) > 1e-12 ? Math.abs(last) : 1;
  const changePct = finiteOr(((end.mean - last) / base) * 100);
  const z80 = normalQuantile(0.9);
  const sigma = Math.max(((end.hi80 ?? end.mean) - (end.lo80 ?? end.mean)) / (2 * z80), 1e-12 * base);
  const upper = last + (flatBandPct / 100) * base;
  const lower = last - (flatBandPct / 100) * base;
  const rise = finiteOr(1 - normalCdf((upper - end.mean) / sigma), 0.5);
  const fall = finiteOr(normalCdf((lower - end.mean) / sigma), 0.5);
  const flat = Math.max(0, 1 - rise - fall);
  // An exact tie between rise and fall (a forecast with no information) reads as flat.
  const direction = rise > fall && rise >= flat ? 'rise' : fall > rise && fall >= flat ? 'fall' : 'flat';

  const path = [last, ...points.map((p) => p.mean)];
  const tolerance = (flatBandPct / 400) * base;
  const turningPoints: TrendInsight['turningPoints'] = [];
  let trend = 0;
  for (let i = 1; i < path.length; i++) {
    const d = path[i]! - path[i - 1]!;
    const sign = Math.abs(d) <= tolerance ? 0 : Math.sign(d);
    if (sign !== 0 && trend !== 0 && sign !== trend) {
      const point = points[i - 2];
      turningPoints.push({
        step: i - 1,
        ...(point?.date ? { date: point.date } : {}),
        kind: trend > 0 ? 'peak' : 'trough',
      });
    }
    if (sign !== 0) trend = sign;
  }

  const window = Math.min(history.length - 1, 24);
  let sum = 0;
  let sq = 0;
  for (let i = history.length - window; i < history.length; i++) {
    const prev = history[i - 1]!;
    const r = Math.abs(prev) > 1e-12 ? (history[i]! - prev) / Math.abs(prev) : 0;
    sum += r;
    sq += r * r;
  }
  const perPeriodPct = finiteOr(
    window > 1 ? Math.sqrt(Math.max(0, (sq - (sum * sum) / window) / (window - 1))) * 100 : 0,
  );
  const level = perPeriodPct < 2 ? 'low' : perPeriodPct < 6 ? 'moderate' : 'high';
  const probability = { rise: round(rise), flat: round(flat), fall: round(fall) };

  const unit = UNIT[frequency];
  const h = points.length;
  const pct = (p: number) => `${Math.round(p * 100)}%`;
  const size = `${Math.abs(changePct).toFixed(1)}%`;
  const en = {
    rise: `expected to rise by ${size}`,
    fall: `expected to fall by ${size}`,
    flat: `expected to stay roughly flat (${changePct >= 0 ? '+' : '-'}${size})`,
  }[direction];
  const zh = {
    rise: `预计上涨${size}`,
    fall: `预计下跌${size}`,
    flat: `预计基本持平（${changePct >= 0 ? '+' : '-'}${size}）`,
  }[direction];
  const levelZh = { low: '较低', moderate: '中等', high: '较高' }[level];
  const turnEn = turningPoints.length
    ? ` Turning point${turningPoints.length > 1 ? 's' : ''}: ${turningPoints.map((t) => `${t.kind} ${t.date ? `around ${t.date}` : `at step ${t.step}`}`).join(', ')}.`
    : '';
  const turnZh = turningPoints.length
    ? `拐点：${turningPoints.map((t) => `${t.date ? `约${t.date}` : `第${t.step}期`}${t.kind === 'peak' ? '见顶' : '见底'}`).join('，')}。`
    : '';
  const bodyEn = `${en} over the next ${h} ${unit.en}${h > 1 ? 's' : ''} (probability ${pct(probability[direction])}; rise ${pct(rise)}, flat ${pct(flat)}, fall ${pct(fall)}). Volatility is ${level} (${perPeriodPct.toFixed(1)}% per ${unit.en}).${turnEn}`;
  const bodyZh = `未来${h}${unit.zh}${zh}（概率${pct(probability[direction])}；上涨${pct(rise)}，持平${pct(flat)}，下跌${pct(fall)}）。波动性${levelZh}（每${unit.zh.replace('个', '')}${perPeriodPct.toFixed(1)}%）。${turnZh}`;
  const words = skill ? skillWords(skill, context.kind === 'price') : undefined;
  const first = skill?.verdict === 'similar' || skill?.verdict === 'worse';
  const sentence = {
    en: `${name}: ${first ? `${words!.en} ` : ''}${bodyEn}${words && !first ? ` ${words.en}` : ''}`,
    zh: `${context.nameZh ?? name}：${first ? words!.zh : ''}${bodyZh}${words && !first ? words.zh : ''}`,
  };
  return {
    direction,
    changePct: round(changePct, 2),
    probability,
    flatBandPct,
    turningPoints,
    volatility: { perPeriodPct: round(perPeriodPct, 2), level },
    ...(skill ? { skill } : {}),
    sentence,
  };
}

/** The skill clause: "no better than the last price" is a finding, said first when it holds. */
function skillWords(skill: NonNullable<TrendInsight['skill']>, price: boolean): { en: string; zh: string } {
  const n = skill.origins;
  const r = skill.maeRatio?.toFixed(2);
  const lastEn = price ? 'the last price' : 'the last value';
  const lastZh = price ? '最新价格' : '最新值';
  switch (skill.verdict) {
    case 'better':
      return {
        en: `On ${n} past origins this forecast beat carrying ${lastEn} forward (error ×${r}).`,
        zh: `在过去${n}个预测起点上，该预测优于沿用${lastZh}（误差为其${r}倍）。`,
      };
    case 'similar':
    case 'worse':
      return {
        en: `the forecast is no better than ${lastEn} (on ${n} past origins its error was ×${r} that of carrying ${lastEn} forward), so ${lastEn} is as good a guess; read the rest as the spread of outcomes:`,
        zh: `预测并不优于${lastZh}（过去${n}个预测起点上其误差为沿用${lastZh}的${r}倍），${lastZh}同样是最佳估计；以下为结果分布：`,
      };
    case 'unknown':
      return {
        en: `Too little history to test this forecast against carrying ${lastEn} forward.`,
        zh: `历史数据太短，无法检验该预测是否优于沿用${lastZh}。`,
      };
  }
}
function round(x: number, digits = 3): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
