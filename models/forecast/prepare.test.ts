import { describe, expect, it } from 'vitest';
import { ForecastInputError } from './errors.js';
import { prepareSeries } from './prepare.js';

describe('prepareSeries', () => {
  it('interpolates inner gaps and trims missing ends, saying so', () => {
    const s = prepareSeries({ name: 'a', frequency: 'monthly', values: [null, 1, null, 3, Number.NaN] });
    expect([...s.values]).toEqual([1, 2, 3]);
    expect(s.notes.join(' ')).toMatch(/leading.*trailing.*interpolated 1/);
  });

  it('rejects an all-missing series', () => {
    expect(() => prepareSeries({ name: 'empty', frequency: 'monthly', values: [null, null] })).toThrow(
      /"empty": no observed values/,
    );
  });

  it('rejects unsorted, duplicate and invalid dates with the position', () => {
    const base = { name: 'd', frequency: 'monthly' as const, values: [1, 2, 3] };
    expect(() => prepareSeries({ ...base, dates: ['2020-01-01', '2020-03-01', '2020-02-01'] })).toThrow(
      /not ascending at position 3/,
    );
    expect(() => prepareSeries({ ...base, dates: ['2020-01-01', '2020-01-01', '2020-02-01'] })).toThrow(
      /duplicate date 2020-01-01/,
    );
    expect(() => prepareSeries({ ...base, dates: ['2020-01-01', 'soon', '2020-02-01'] })).toThrow(
      ForecastInputError,
    );
    expect(() => prepareSeries({ ...base, dates: ['2020-01-01'] })).toThrow(/1 dates for 3 values/);
  });

  it('keeps dates aligned with trimmed values', () => {
    const s = prepareSeries({
      name: 'x',
      frequency: 'monthly',
      values: [null, 5, 6],
      dates: ['2020-01-01', '2020-02-01', '2020-03-01'],
    });
    expect(s.dates).toEqual(['2020-02-01', '2020-03-01']);
  });
});
