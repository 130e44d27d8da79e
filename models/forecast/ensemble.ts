import { BASELINES, type Baseline } from './baselines/index.js';
import { mase, maseScale, smape } from './metrics.js';

export const MEMBERS = [...BASELINES, 'global', 'pooled', 'ar'] as const;
export type Member = (typeof MEMBERS)[number];
export type EnsembleWeights = Partial<Record<Member, number>>;

/** Used when no validation has chosen weights: robust members, equal shares. */
export const DEFAULT_WEIGHTS: EnsembleWeights = { theta: 1, damped: 1, snaive: 1, global: 2 };

/**
 * Weighted mean of the members' forecasts, step by step; members without a forecast at a step
 * (the global model past its horizon, or absent) drop out and the rest are renormalised.
 */
export function combine(
  forecasts: Partial<Record<Member, ArrayLike<number>>>,
  weights: EnsembleWeights,
  h: number,
): Float64Array {
  const out = new Float64Array(h);
  for (let i = 0; i < h; i++) {
    let sum = 0;
    let total = 0;
    for (const [member, w] of Object.entries(weights) as Array<[Member, number]>) {
      const v = forecasts[member]?.[i];
      if (!w || v === undefined || !Number.isFinite(v)) continue;
      sum += w * v;
      total += w;
    }
    out[i] = total > 0 ? sum / total : Number.NaN;
  }
  return out;
}

export interface ValidationCase {
  insample: ArrayLike<number>;
  actual: ArrayLike<number>;
  forecasts: Partial<Record<Member, ArrayLike<number>>>;
}

/**
 * Chooses ensemble weights on a validation split (the end of the training data) by greedy
 * forward selection with replacement (Caruana et al. 2004): each round adds the member that most
 * lowers the objective of the running mean. The objective is robust to outliers: per validation
 * case, the OWA-style ratio 0.5·(sMAPE/sMAPE_Naive2 + MASE/MASE_Naive2), aggregated by geometric
 * mean, so one series with an extreme value weighs like any other instead of deciding the weights
 * of every series (a plain mean of MASE is dominated by it). Returns integer counts as weights,
 * the objective (`score`, 1 = Naive2) and the classic OWA on means, per member and for the ensemble.
 */
export function selectEnsemble(
  cases: readonly ValidationCase[],
  candidates: readonly Member[],
  m: number,
  rounds = 20,
): {
  weights: EnsembleWeights;
  owa: number;
  score: number;
  perMember: Partial<Record<Member, { sMAPE: number; MASE: number; OWA: number; score: number }>>;
} {
  const scales = cases.map((c) => maseScale(c.insample, m));
  const reference = cases.map((c, i) => {
    const f = c.forecasts.naive2 ?? c.forecasts.naive!;
    return { sMAPE: smape(c.actual, f), MASE: mase(c.actual, f, scales[i]!) };
  });
  const naive2 = {
    sMAPE: reference.reduce((a, r) => a + r.sMAPE, 0) / cases.length,
    MASE: reference.reduce((a, r) => a + r.MASE, 0) / cases.length,
  };
  const evaluate = (f: (c: ValidationCase) => ArrayLike<number>) => {
    let s = 0;
    let q = 0;
    let logs = 0;
    cases.forEach((c, i) => {
      const fc = f(c);
      const cs = smape(c.actual, fc);
      const cq = mase(c.actual, fc, scales[i]!);
      s += cs;
      q += cq;
      const ref = reference[i]!;
      const ratio = 0.5 * (relative(cs, ref.sMAPE) + relative(cq, ref.MASE));
      logs += Math.log(ratio);
    });
    const sMAPE = s / cases.length;
    const MASE = q / cases.length;
    return {
      sMAPE,
      MASE,
      OWA: 0.5 * (sMAPE / (naive2.sMAPE || 1) + MASE / (naive2.MASE || 1)),
      score: Math.exp(logs / cases.length),
    };
  };
  const perMember: Partial<Record<Member, { sMAPE: number; MASE: number; OWA: number; score: number }>> = {};
  for (const member of candidates) perMember[member] = evaluate((c) => c.forecasts[member]!);
  const counts: EnsembleWeights = {};
  let best = Number.POSITIVE_INFINITY;
  let bestOwa = Number.NaN;
  for (let round = 0; round < rounds; round++) {
    let pick: Member | undefined;
    let pickScore = best;
    let pickOwa = bestOwa;
    for (const member of candidates) {
      const trial = { ...counts, [member]: (counts[member] ?? 0) + 1 };
      const r = evaluate((c) => combine(c.forecasts, trial, c.actual.length));
      if (r.score < pickScore - 1e-9) {
        pickScore = r.score;
        pickOwa = r.OWA;
        pick = member;
      }
    }
    if (!pick) break;
    counts[pick] = (counts[pick] ?? 0) + 1;
    best = pickScore;
    bestOwa = pickOwa;
  }
  return { weights: counts, owa: bestOwa, score: best, perMember };
}

/** a / b for non-negative errors, 1 when both are 0, kept within [1e-3, 1e3] so one case cannot dominate. */
function relative(a: number, b: number): number {
  if (a === 0 && b === 0) return 1;
  const r = a / (b || 1e-12);
  return Math.min(1e3, Math.max(1e-3, Number.isFinite(r) ? r : 1e3));
}

export function isBaseline(member: Member): member is Baseline {
  return member !== 'global' && member !== 'pooled' && member !== 'ar';
}
