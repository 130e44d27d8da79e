import type { Outlook } from '../prices.js';
import { type Measurement, measured, missing, text } from '../types.js';

const clamp01 = (x: number): number => Math.min(1, Math.max(0, x));

/**
 * Price risk from a forecast: a rise hurts buyers (20% saturates), so do volatility (5% per period
 * saturates) and an uncertain outlook (an 80% interval 40% of the price wide saturates).
 */
export function price(name: string, outlook: Outlook | undefined): Measurement {
  if (!outlook)
    return missing(
      text(
        `no price series is linked to ${name} (import series with subjectId set to the product)`,
        `没有与${name}关联的价格序列（导入 subjectId 指向该产品的序列）`,
      ),
    );
  const last = outlook.points[outlook.points.length - 1]!;
  const width = ((last.hi80 ?? last.mean) - (last.lo80 ?? last.mean)) / Math.max(1e-9, Math.abs(last.mean));
  const { changePct, volatility } = outlook.trend;
  const score =
    0.4 * clamp01(changePct / 20) + 0.3 * clamp01(volatility.perPeriodPct / 5) + 0.3 * clamp01(width / 0.4);
  const h = outlook.points.length;
  return measured({
    value: Math.round(changePct * 10) / 10,
    unit: '% change',
    score,
    details: {
      series: outlook.name,
      horizon: h,
      changePct,
      volatilityPct: volatility.perPeriodPct,
      volatility: volatility.level,
      interval80WidthPct: width * 100,
    },
    explanation: text(
      `${outlook.trend.sentence.en} 80% interval at the horizon spans ${(width * 100).toFixed(0)}% of the forecast.`,
      `${outlook.trend.sentence.zh} 预测期末 80% 区间宽度为预测值的 ${(width * 100).toFixed(0)}%。`,
    ),
    evidence: [outlook.seriesId],
  });
}
