import { join } from 'node:path';
import { z } from 'zod';
import { byText, check } from '../item.js';
import { readCsv, readLines } from './read.js';

const Meta = z.object({ column: z.string(), code: z.string(), name_zh: z.string(), unit: z.string() });

export interface Observation {
  value: number;
  line: number;
}

/** The IMF monthly prices (1990-01…2023-12) with the column descriptions of imf-series.csv. */
export class Prices {
  /** column -> YYYY-MM -> observation; empty cells are absent. */
  readonly series = new Map<string, Map<string, Observation>>();
  readonly meta = new Map<string, z.infer<typeof Meta>>();
  readonly months: string[];

  constructor(dir: string) {
    const file = join(dir, 'imf-commodity-prices-monthly.csv');
    const rows = readCsv(file);
    check(rows.length === readLines(file).filter((l) => l !== '').length, `${file}: multi-line cell`);
    const [head, ...body] = rows;
    this.months = body.map((r) => r[0]!.slice(0, 7));
    for (const [j, column] of head!.entries()) {
      if (j === 0) continue;
      const obs = new Map<string, Observation>();
      for (const [i, r] of body.entries()) {
        const cell = r[j] ?? '';
        if (cell === '') continue;
        const value = Number(cell);
        check(Number.isFinite(value), `${file}:${i + 2}: ${column} is not a number`);
        obs.set(r[0]!.slice(0, 7), { value, line: i + 2 });
      }
      this.series.set(column, obs);
    }
    const [metaHead, ...metaRows] = readCsv(join(dir, 'imf-series.csv'));
    for (const r of metaRows) {
      const m = Meta.parse(Object.fromEntries(metaHead!.map((k, i) => [k, r[i]])));
      this.meta.set(m.column, m);
    }
    for (const column of this.series.keys()) check(this.meta.has(column), `imf-series.csv lacks ${column}`);
  }

  at(column: string, month: string): Observation {
    const obs = this.series.get(column)?.get(month);
    check(obs, `IMF ${column} has no value for ${month}`);
    return obs;
  }

  monthsOf(column: string): string[] {
    const obs = this.series.get(column);
    check(obs, `no IMF column ${column}`);
    return [...obs.keys()].sort(byText);
  }

  /** "imf-series.csv Copper = 铜 (USD/metric ton)": how the notes name a series. */
  describe(column: string): string {
    const m = this.meta.get(column);
    check(m, `no IMF column ${column}`);
    return `prices/imf-series.csv ${column} = ${m.name_zh} (${m.unit}); prices/imf-commodity-prices-monthly.csv`;
  }
}
