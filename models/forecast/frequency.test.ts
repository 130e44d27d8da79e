import { describe, expect, it } from 'vitest';
import { addPeriods, calendarFeatures } from './frequency.js';

describe('calendar', () => {
  it('steps months keeping the day within the month', () => {
    expect(addPeriods('2023-12-01', 'monthly', 1)).toBe('2024-01-01');
    expect(addPeriods('2024-01-31', 'monthly', 1)).toBe('2024-02-29');
    expect(addPeriods('2024-01-01', 'quarterly', 2)).toBe('2024-07-01');
    expect(addPeriods('2024-01-01', 'weekly', 1)).toBe('2024-01-08');
    expect(addPeriods('2024-01-01T23:00:00Z', 'hourly', 2)).toBe('2024-01-02T01:00:00Z');
  });

  it('gives zeros for an unknown date and unit-circle features otherwise', () => {
    expect(calendarFeatures(undefined, 'hourly')).toEqual([0, 0, 0, 0]);
    const [s, c] = calendarFeatures('2024-04-01', 'monthly');
    expect(s! ** 2 + c! ** 2).toBeCloseTo(1, 12);
  });
});
