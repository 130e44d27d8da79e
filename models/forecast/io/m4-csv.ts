import { readFileSync } from 'node:fs';
import { ForecastInputError } from '../errors.js';

/** One M4 series: id and its values (the CSV's trailing empty cells dropped). */
export interface M4Series {
  id: string;
  values: Float64Array;
}

/** Reads an M4 train or test CSV (`"V1","V2",...` header, then id and values per row). */
export function readM4Csv(path: string): M4Series[] {
  const lines = readFileSync(path, 'utf8').split(/\r?\n/);
  const out: M4Series[] = [];
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() === '') continue;
    const cells = line.split(',').map((c) => c.replace(/^"|"$/g, ''));
    const id = cells[0]!;
    const values: number[] = [];
    for (let j = 1; j < cells.length; j++) {
      if (cells[j] === '') continue;
      const v = Number(cells[j]);
      if (!Number.isFinite(v))
        throw new ForecastInputError(
          `${path}:${i + 1}: series ${id}, column ${j + 1}: "${cells[j]}" is not a number`,
        );
      values.push(v);
    }
    out.push({ id, values: Float64Array.from(values) });
  }
  return out;
}
