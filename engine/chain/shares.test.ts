import { describe, expect, it } from 'vitest';
import { hhi, inputShares, producerShares } from './shares.js';

describe('hhi', () => {
  it('is 10,000 for a monopoly and Σ s² × 10,000 otherwise', () => {
    expect(hhi([1])).toBe(10_000);
    expect(hhi([0.75, 0.25])).toBeCloseTo(6_250, 9);
    expect(hhi([0.25, 0.25, 0.25, 0.25])).toBeCloseTo(2_500, 9);
  });
});

describe('producerShares', () => {
  it('normalises revenue-share weights when every producer has one', () => {
    const s = producerShares([{ props: { weight: 0.6 } }, { props: { weight: 0.2 } }]);
    expect(s.method).toBe('weights');
    expect(s.shares[0]).toBeCloseTo(0.75, 12);
    expect(s.shares[1]).toBeCloseTo(0.25, 12);
  });

  it('clamps weights above 1 and below 0 and counts them', () => {
    const s = producerShares([
      { props: { weight: 0.9 } },
      { props: { weight: 1.4 } },
      { props: { weight: -0.1 } },
    ]);
    expect(s.clamped).toBe(2);
    expect(s.shares[0]).toBeCloseTo(0.9 / 1.9, 12);
    expect(s.shares[1]).toBeCloseTo(1 / 1.9, 12);
    expect(s.shares[2]).toBe(0);
    // (0.9² + 1²) / 1.9² = 1.81 / 3.61
    expect(hhi(s.shares)).toBeCloseTo((1.81 / 3.61) * 10_000, 9);
  });

  it('falls back to counts when a weight is missing or all clamp to zero', () => {
    expect(producerShares([{ props: { weight: 0.5 } }, { props: {} }])).toMatchObject({
      method: 'counts',
      shares: [0.5, 0.5],
      missing: 1,
    });
    expect(producerShares([{ props: { weight: -1 } }, { props: { weight: -2 } }]).method).toBe('counts');
  });
});

describe('inputShares', () => {
  it('uses known shares, scales them down above 1, and splits the rest among unknown ones', () => {
    expect(inputShares([{ props: { share: 0.4 } }, { props: { share: 0.35 } }])).toEqual({
      shares: [0.4, 0.35],
      method: 'known',
      assumed: 0,
    });
    const over = inputShares([{ props: { share: 0.6 } }, { props: { share: 0.6 } }]);
    expect(over.shares[0]).toBeCloseTo(0.5, 12);
    expect(inputShares([{ props: { share: 0.5 } }, { props: {} }, { props: {} }])).toEqual({
      shares: [0.5, 0.25, 0.25],
      method: 'mixed',
      assumed: 2,
    });
    expect(inputShares([{ props: {} }, { props: {} }, { props: {} }, { props: {} }]).shares).toEqual([
      0.25, 0.25, 0.25, 0.25,
    ]);
  });
});
