import { describe, expect, it } from 'vitest';
import { forecastValues } from './forecast.js';

const values = Array.from({ length: 36 }, (_, i) => 100 + 5 * i + (i % 3));

describe('forecastValues', () => {
  it('dates the forecast from the last given date in the frequency’s calendar', async () => {
    const r = await forecastValues(
      { values, frequency: 'monthly', start: '2022-01-01', name: 'copper' },
      { horizon: 3 },
    );
    expect(r.series).toBe('copper');
    expect(r.points.map((p) => p.date)).toEqual(['2025-01-01', '2025-02-01', '2025-03-01']);
    expect(Object.keys(r.points[0]!).sort()).toEqual(['date', 'hi80', 'hi95', 'lo80', 'lo95', 'mean']);
  });

  it('keeps only the asked levels while the trend still reads the 80% interval', async () => {
    const wide = await forecastValues(
      { values, frequency: 'monthly', start: '2022-01-01' },
      { horizon: 3, levels: [99] },
    );
    const plain = await forecastValues({ values, frequency: 'monthly', start: '2022-01-01' }, { horizon: 3 });
    expect(Object.keys(wide.points[0]!).sort()).toEqual(['date', 'hi99', 'lo99', 'mean']);
    expect(wide.trend.probability).toEqual(plain.trend.probability);
  });

  it('fills a gap and says so; refuses dates out of order naming the series', async () => {
    const gappy = await forecastValues(
      { values: [1, 2, null, 4, 5, 6, 7, 8], frequency: 'yearly', start: '2010-01-01' },
      { horizon: 1 },
    );
    expect(gappy.notes.join(' ')).toMatch(/interpolated 1 missing value/);
    await expect(
      forecastValues(
        { values: [1, 2], frequency: 'monthly', dates: ['2024-02-01', '2024-01-01'], name: 'nickel' },
        { horizon: 1 },
      ),
    ).rejects.toThrow(/nickel/);
  });
});
