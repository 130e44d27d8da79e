import type { ChainGraph } from '../../chain/graph.js';
import { inputShares } from '../../chain/shares.js';
import type { Outlook } from '../prices.js';
import { type Measurement, measured, missing, pct, text } from '../types.js';

const clamp01 = (x: number): number => Math.min(1, Math.max(0, x));
const signed = (x: number, digits = 1) => `${x >= 0 ? '+' : ''}${x.toFixed(digits)}%`;

/** The 80% interval at the horizon as a share of the forecast. */
function widthOf(outlook: Outlook): number {
  const last = outlook.points[outlook.points.length - 1]!;
  return ((last.hi80 ?? last.mean) - (last.lo80 ?? last.mean)) / Math.max(1e-9, Math.abs(last.mean));
}

/**
 * Price risk from forecasts: a rise hurts buyers (20% saturates), so do volatility (5% per period
 * saturates) and an uncertain outlook (an 80% interval 40% of the price wide saturates). A product
 * with its own price series is measured on it. Otherwise its direct inputs that have one are, each
 * weighted by its input share (recorded, else equal among the inputs, said so): the expected
 * input-cost change, volatility and width are share-weighted sums, so inputs without a series
 * count as unchanged and a small covered share gives a small score.
 */
export function price(g: ChainGraph, p: number, prices: ReadonlyMap<string, Outlook>): Measurement {
  const name = g.names[p]!;
  const own = prices.get(g.ids[p]!);
  if (own) return fromOwnSeries(own);
  const inputs = g.inputs(p);
  const { shares, method } = inputShares(inputs);
  const covered = inputs
    .map((l, k) => ({ link: l, share: shares[k]!, outlook: prices.get(g.ids[l.node]!) }))
    .filter((x): x is { link: (typeof inputs)[number]; share: number; outlook: Outlook } => !!x.outlook);
  if (covered.length === 0)
    return missing(
      text(
        inputs.length > 0
          ? `no price series is linked to ${name} or to any of its ${inputs.length} inputs (import prices with --series-meta, or series with subjectId set to the product)`
          : `no price series is linked to ${name} and it has no recorded inputs`,
        inputs.length > 0
          ? `${name}及其 ${inputs.length} 种投入均无关联的价格序列（用 --series-meta 导入价格，或导入 subjectId 指向该产品的序列）`
          : `${name}没有关联的价格序列，也没有记录的投入`,
      ),
    );
  const sum = (f: (x: (typeof covered)[number]) => number) => covered.reduce((a, x) => a + x.share * f(x), 0);
  const share = sum(() => 1);
  const changePct = sum((x) => x.outlook.trend.changePct);
  const volatilityPct = sum((x) => x.outlook.trend.volatility.perPeriodPct);
  const width = sum((x) => widthOf(x.outlook));
  const score = 0.4 * clamp01(changePct / 20) + 0.3 * clamp01(volatilityPct / 5) + 0.3 * clamp01(width / 0.4);
  const how = {
    known: text('recorded input shares', '记录的投入占比'),
    equal: text(
      `equal shares assumed, 1/${inputs.length} each, as none is recorded`,
      `未记录占比，假定各占 1/${inputs.length}`,
    ),
    mixed: text('recorded shares, the rest split equally', '记录的占比，其余等分'),
  }[method];
  const parts = covered.map((x) => {
    const o = x.outlook;
    const noSkill = o.skill.verdict === 'similar' || o.skill.verdict === 'worse';
    return {
      en: `${g.names[x.link.node]} (${pct(x.share, 0)} of inputs; ${o.name}, link ${o.link.method} ${o.link.confidence}): ${signed(o.trend.changePct)} over ${o.points.length} periods${noSkill ? ' (a forecast no better than the last price)' : ''}, P(rise) ${pct(o.trend.probability.rise, 0)}, volatility ${o.trend.volatility.perPeriodPct.toFixed(1)}% per period`,
      zh: `${g.names[x.link.node]}（占投入 ${pct(x.share, 0)}；${o.name}，关联 ${o.link.method} ${o.link.confidence}）：${o.points.length} 期 ${signed(o.trend.changePct)}${noSkill ? '（预测不优于最新价格）' : ''}，上涨概率 ${pct(o.trend.probability.rise, 0)}，波动 ${o.trend.volatility.perPeriodPct.toFixed(1)}%/期`,
    };
  });
  return measured({
    value: Math.round(changePct * 10) / 10,
    unit: '% input cost change',
    score,
    details: {
      via: 'inputs',
      coveredShare: share,
      shares: method,
      inputs: covered.map((x) => g.names[x.link.node]).join(', '),
      series: covered.map((x) => x.outlook.name).join(', '),
      horizon: covered[0]!.outlook.points.length,
      changePct,
      volatilityPct,
      interval80WidthPct: width * 100,
    },
    explanation: text(
      `No price series for ${name} itself; its inputs with one make up ${pct(share, 0)} of its inputs (${how.en}): ${parts.map((x) => x.en).join('; ')}. Share-weighted input-cost change ${signed(changePct)}, volatility ${volatilityPct.toFixed(1)}% per period.`,
      `${name}本身没有价格序列；有价格序列的投入占其投入的 ${pct(share, 0)}（${how.zh}）：${parts.map((x) => x.zh).join('；')}。按占比加权的投入成本变化 ${signed(changePct)}，波动 ${volatilityPct.toFixed(1)}%/期。`,
    ),
    evidence: [...covered.map((x) => x.link.edge), ...covered.map((x) => x.outlook.seriesId)],
  });
}

function fromOwnSeries(outlook: Outlook): Measurement {
  const width = widthOf(outlook);
  const { changePct, volatility, probability } = outlook.trend;
  const score =
    0.4 * clamp01(changePct / 20) + 0.3 * clamp01(volatility.perPeriodPct / 5) + 0.3 * clamp01(width / 0.4);
  const h = outlook.points.length;
  return measured({
    value: Math.round(changePct * 10) / 10,
    unit: '% change',
    score,
    details: {
      via: 'own series',
      series: outlook.name,
      link: `${outlook.link.method} ${outlook.link.confidence}`,
      horizon: h,
      changePct,
      probabilityOfRise: probability.rise,
      volatilityPct: volatility.perPeriodPct,
      volatility: volatility.level,
      interval80WidthPct: width * 100,
      skill: outlook.skill.verdict,
    },
    explanation: text(
      `${outlook.trend.sentence.en} 80% interval at the horizon spans ${(width * 100).toFixed(0)}% of the forecast.`,
      `${outlook.trend.sentence.zh} 预测期末 80% 区间宽度为预测值的 ${(width * 100).toFixed(0)}%。`,
    ),
    evidence: [outlook.seriesId],
  });
}
