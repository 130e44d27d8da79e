import { describe, expect, it } from 'vitest';
import { intervalScore, mase, maseScale, owa, smape } from './metrics.js';

describe('metrics', () => {
  it('sMAPE follows the M4 definition and counts 0/0 as 0', () => {
    expect(smape([100], [110])).toBeCloseTo((200 * 10) / 210, 10);
    expect(smape([0, 100], [0, 100])).toBe(0);
  });

  it('MASE scales by the in-sample seasonal naive error', () => {
    const insample = [1, 2, 3, 4, 5, 6];
    expect(maseScale(insample, 1)).toBe(1);
    expect(maseScale(insample, 2)).toBe(2);
    expect(mase([7, 8], [6, 6], 1)).toBe(1.5);
  });

  it('MASE of a constant history is finite', () => {
    expect(maseScale([3, 3, 3], 1)).toBe(0);
    expect(mase([3, 3], [3, 3], 0)).toBe(0);
    expect(Number.isFinite(mase([4, 4], [3, 3], 0))).toBe(true);
  });

  it('OWA is 1 for Naive2 itself', () => {
    expect(owa(18.383, 2.395, { sMAPE: 18.383, MASE: 2.395 })).toBeCloseTo(1, 12);
  });

  it('interval score counts covered points and the mean width', () => {
    expect(intervalScore([1, 5, 10], [0, 0, 0], [2, 4, 20])).toEqual({
      covered: 2,
      count: 3,
      width: (2 + 4 + 20) / 3,
    });
  });
});
