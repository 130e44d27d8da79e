import type { EdgeProps } from '../../knowledge-graph/schema/index.js';

export interface InputShares {
  shares: number[];
  /** known: every input has a share; equal: none has, so 1/n each; mixed: unknown ones split the rest. */
  method: 'known' | 'equal' | 'mixed';
  /** Inputs whose share was not recorded and was assumed. */
  assumed: number;
}

/**
 * Input shares of a product's MADE_FROM edges. Recorded shares are used as given (scaled down when
 * they sum above 1); inputs without one split what is left equally, or 1/n each when none has one.
 */
export function inputShares(links: ReadonlyArray<{ props: EdgeProps }>): InputShares {
  const n = links.length;
  if (n === 0) return { shares: [], method: 'equal', assumed: 0 };
  const known = links.map((l) =>
    typeof l.props.share === 'number' ? Math.max(0, l.props.share) : undefined,
  );
  const assumed = known.filter((s) => s === undefined).length;
  if (assumed === n) return { shares: known.map(() => 1 / n), method: 'equal', assumed };
  const sum = known.reduce<number>((a, s) => a + (s ?? 0), 0);
  if (assumed === 0) {
    const scale = sum > 1 ? 1 / sum : 1;
    return { shares: known.map((s) => s! * scale), method: 'known', assumed: 0 };
  }
  const rest = Math.max(0, 1 - sum) / assumed;
  const scale = sum > 1 ? 1 / sum : 1;
  return { shares: known.map((s) => (s === undefined ? rest : s * scale)), method: 'mixed', assumed };
}

export interface ProducerShares {
  shares: number[];
  /** weights: every producer reported a revenue share; counts: equal shares per producer. */
  method: 'weights' | 'counts';
  /** Weights outside [0, 1] (segment eliminations, restatements) that were clamped. */
  clamped: number;
  /** Producers without a reported weight. */
  missing: number;
}

/**
 * Each producer's share of a product for concentration measures. Revenue-share weights are used
 * when every producer has one, clamped to [0, 1] because chainkg reports some above 1 or below 0;
 * otherwise (or when the clamped weights sum to 0) each producer counts equally.
 */
export function producerShares(links: ReadonlyArray<{ props: EdgeProps }>): ProducerShares {
  const n = links.length;
  const weights = links.map((l) => l.props.weight);
  const missing = weights.filter((w) => typeof w !== 'number' || !Number.isFinite(w)).length;
  let clamped = 0;
  const clampedWeights = weights.map((w) => {
    if (typeof w !== 'number' || !Number.isFinite(w)) return 0;
    if (w < 0 || w > 1) clamped++;
    return Math.min(1, Math.max(0, w));
  });
  const total = clampedWeights.reduce((a, w) => a + w, 0);
  if (n > 0 && missing === 0 && total > 0) {
    return { shares: clampedWeights.map((w) => w / total), method: 'weights', clamped, missing };
  }
  return { shares: links.map(() => 1 / n), method: 'counts', clamped, missing };
}

/** Herfindahl–Hirschman index on the conventional 0–10,000 scale. */
export function hhi(shares: readonly number[]): number {
  return shares.reduce((a, s) => a + s * s, 0) * 10_000;
}
