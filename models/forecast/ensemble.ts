import { BASELINES, type Baseline } from './baselines/index.js';
import { mase, maseScale, smape } from './metrics.js';

export const MEMBERS = [...BASELINES, 'global'] as const;
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
 * lowers the OWA of the running mean. Returns integer counts as weights and the validation OWA.
 */
export function selectEnsemble(
  cases: readonly ValidationCase[],
  candidates: readonly Member[],
  m: number,
  rounds = 20,
): {
  weights: EnsembleWeights;
  owa: number;
  perMember: Partial<Record<Member, { sMAPE: number; MASE: number; OWA: number }>>;
} {
  const scales = cases.map((c) => maseScale(c.insample, m));
  const score = (f: (c: ValidationCase) => ArrayLike<number>) => {
    let s = 0;
    let q = 0;
    cases.forEach((c, i) => {
      const fc = f(c);
      s += smape(c.actual, fc);
      q += mase(c.actual, fc, scales[i]!);
    });
    return { sMAPE: s / cases.length, MASE: q / cases.length };
  };
  const naive2 = score((c) => c.forecasts.naive2 ?? c.forecasts.naive!);
  const owaOf = (r: { sMAPE: number; MASE: number }) =>
    0.5 * (r.sMAPE / (naive2.sMAPE || 1) + r.MASE / (naive2.MASE || 1));
  const perMember: Partial<Record<Member, { sMAPE: number; MASE: number; OWA: number }>> = {};
  for (const member of candidates) {
    const r = score((c) => c.forecasts[member]!);
    perMember[member] = { ...r, OWA: owaOf(r) };
  }
  const counts: EnsembleWeights = {};
  let best = Number.POSITIVE_INFINITY;
  for (let round = 0; round < rounds; round++) {
    let pick: Member | undefined;
    let pickScore = best;
    for (const member of candidates) {
      const trial = { ...counts, [member]: (counts[member] ?? 0) + 1 };
      const r = owaOf(score((c) => combine(c.forecasts, trial, c.actual.length)));
      if (r < pickScore - 1e-9) {
        pickScore = r;
        pick = member;
      }
    }
    if (!pick) break;
    counts[pick] = (counts[pick] ?? 0) + 1;
    best = pickScore;
  }
  return { weights: counts, owa: best, perMember };
}

export function isBaseline(member: Member): member is Baseline {
  return member !== 'global';
}
