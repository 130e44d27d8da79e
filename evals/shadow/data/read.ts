import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { z } from 'zod';

/** A record and where it came from: the 1-based line the notes cite. */
export interface Located<T> {
  row: T;
  line: number;
}

/** Every non-empty line of a JSON-lines file, each checked against `schema`. */
export function readJsonLines<S extends z.ZodType>(path: string, schema: S): Located<z.infer<S>>[] {
  const out: Located<z.infer<S>>[] = [];
  const lines = readFileSync(path, 'utf8').split('\n');
  for (const [i, text] of lines.entries()) {
    if (text.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      throw new Error(`${path}:${i + 1}: invalid JSON (${(error as Error).message})`);
    }
    const parsed = schema.safeParse(value);
    if (!parsed.success) {
      throw new Error(`${path}:${i + 1}: ${parsed.error.issues.map((issue) => issue.message).join('; ')}`);
    }
    out.push({ row: parsed.data, line: i + 1 });
  }
  return out;
}

/** The text of a file split into lines (line i of the file is element i - 1). */
export function readLines(path: string): string[] {
  return readFileSync(path, 'utf8').split('\n');
}

const CsvRows = z.array(z.array(z.string())).min(1);

/** A CSV file as rows of cells, the header first. Callers whose notes cite lines check that no
 * cell spans lines, so row i of the result is line i + 1 of the file. */
export function readCsv(path: string): string[][] {
  const rows = CsvRows.safeParse(parse(readFileSync(path, 'utf8')));
  if (!rows.success) throw new Error(`${path}: not a CSV table (${rows.error.issues[0]?.message})`);
  return rows.data;
}
