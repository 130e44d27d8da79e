import {
  type FactorName,
  type Measurement,
  type Omitted,
  type RiskFactor,
  type RiskReport,
  type Text,
  text,
} from './types.js';

/** Each factor's share of the composite when every factor is measured. */
export const FACTOR_WEIGHTS: Record<FactorName, number> = {
  concentration: 0.2,
  sourcing: 0.2,
  geography: 0.15,
  criticality: 0.15,
  price: 0.15,
  relations: 0.1,
  policy: 0.05,
};

export const FACTOR_LABELS: Record<FactorName, Text> = {
  concentration: text('Producer concentration', '生产集中度'),
  sourcing: text('Single- and few-source inputs', '单一/少数来源投入'),
  geography: text('Geographic concentration', '地域集中度'),
  criticality: text('Criticality in the chain', '链上关键性'),
  price: text('Price risk', '价格风险'),
  relations: text('Relationship signals', '企业关系信号'),
  policy: text('Policy attention', '政策关注度'),
};

export function riskLevel(score: number): RiskReport['level'] {
  if (score >= 75) return 'severe';
  if (score >= 50) return 'high';
  if (score >= 25) return 'moderate';
  return 'low';
}

export const LEVEL_LABELS: Record<RiskReport['level'], Text> = {
  low: text('low', '低'),
  moderate: text('moderate', '中'),
  high: text('high', '高'),
  severe: text('severe', '极高'),
};

/**
 * The 0–100 composite: factor weights renormalised over the factors that could be measured, so a
 * missing data source neither lowers nor raises the score; each omission is listed with its reason.
 */
export function compose(measurements: ReadonlyMap<FactorName, Measurement>): {
  score: number;
  factors: RiskFactor[];
  omitted: Omitted[];
} {
  const omitted: Omitted[] = [];
  let total = 0;
  for (const [name, m] of measurements) {
    if (m.ok) total += FACTOR_WEIGHTS[name];
    else omitted.push({ name, reason: m.reason });
  }
  const factors: RiskFactor[] = [];
  for (const [name, m] of measurements) {
    if (!m.ok) continue;
    const weight = FACTOR_WEIGHTS[name] / total;
    factors.push({
      name,
      label: FACTOR_LABELS[name],
      weight,
      contribution: 100 * weight * m.measured.score,
      ...m.measured,
    });
  }
  const score = factors.reduce((a, f) => a + f.contribution, 0);
  factors.sort((a, b) => b.contribution - a.contribution);
  return { score, factors, omitted };
}
