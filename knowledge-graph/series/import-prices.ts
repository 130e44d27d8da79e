import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import { nodeId, type Visibility } from '../schema/index.js';
import type { SeriesNode, SeriesPoint, SeriesStore } from './port.js';

/** A bad wide CSV: the message names the file, line and column. */
export class SeriesImportError extends Error {
  readonly userFacing = true;
  override readonly name = 'SeriesImportError';
}

type Frequency = SeriesNode['props']['frequency'];

export const ImportPricesOptionsSchema = z.object({
  /** Provenance source; defaults to the file name. */
  source: z.string().min(1).optional(),
  kind: z.enum(['price', 'demand', 'output', 'other']).default('price'),
  /** Inferred from the dates when omitted. */
  frequency: z.enum(['hourly', 'daily', 'weekly', 'monthly', 'quarterly', 'yearly']).optional(),
  unit: z.string().optional(),
  visibility: z
    .union([
      z.literal('public'),
      z.literal('industry'),
      z.templateLiteral(['enterprise:', z.string().min(1)]),
    ])
    .default('public'),
  /**
   * Per-column metadata, keyed by header name: a display name (also the series id), and kind,
   * unit, subject (the product, enterprise or region node the series is about) and region.
   */
  columns: z
    .record(
      z.string(),
      z.object({
        name: z.string().min(1).optional(),
        kind: z.enum(['price', 'demand', 'output', 'other']).optional(),
        unit: z.string().optional(),
        subjectId: z.string().min(1).optional(),
        regionId: z.string().min(1).optional(),
        code: z.string().min(1).optional(),
        nameEn: z.string().min(1).optional(),
        nameZh: z.string().min(1).optional(),
        description: z.string().min(1).optional(),
      }),
    )
    .default({}),
});
export type ImportPricesOptions = z.input<typeof ImportPricesOptionsSchema>;

// `YYYY-MM` (monthly tables such as the demo's) means the first of the month.
const DateCell = z.union([
  z.iso.date(),
  z.iso.datetime({ local: true, offset: true }),
  z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/)
    .transform((month) => `${month}-01`),
]);
const NumberCell = z
  .string()
  .trim()
  .transform((s, ctx) => {
    if (s === '' || /^(na|nan|null|-)$/i.test(s)) return null;
    const v = Number(s);
    if (!Number.isFinite(v)) {
      ctx.addIssue({ code: 'custom', message: `"${s}" is not a number` });
      return z.NEVER;
    }
    return v;
  });

/** Gap between two dates in days, for telling monthly from quarterly and the rest. */
function inferFrequency(dates: readonly string[]): Frequency {
  const gaps: number[] = [];
  for (let i = 1; i < Math.min(dates.length, 50); i++)
    gaps.push((Date.parse(dates[i]!) - Date.parse(dates[i - 1]!)) / 86_400_000);
  gaps.sort((a, b) => a - b);
  const gap = gaps[Math.floor(gaps.length / 2)] ?? 30;
  if (gap < 0.5) return 'hourly';
  if (gap < 3) return 'daily';
  if (gap < 10) return 'weekly';
  if (gap < 45) return 'monthly';
  if (gap < 135) return 'quarterly';
  return 'yearly';
}

function splitCsvLine(line: string): string[] {
  const cells: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      cells.push(cur);
      cur = '';
    } else cur += ch;
  }
  cells.push(cur);
  return cells;
}

/**
 * Reads a wide CSV (`Date`, then one column per series; empty cells are missing values) into
 * Series nodes and points. Dates must be ISO, ascending and unique; any bad cell, and any row wider
 * or narrower than the header, rejects the file with its line, so nothing is half-written or
 * silently cut: a value without a named column cannot be attributed to a series.
 */
export function parseWideCsv(
  path: string,
  options: ImportPricesOptions = {},
): { series: Array<{ node: SeriesNode; points: SeriesPoint[] }>; warnings: string[] } {
  const opts = ImportPricesOptionsSchema.parse(options);
  const text = readFileSync(path, 'utf8').replace(/^\uFEFF/, '');
  const lines = text.split(/\r?\n/);
  const header = splitCsvLine(lines[0] ?? '').map((h) => h.trim());
  if (header[0]?.toLowerCase() !== 'date' || header.length < 2) {
    throw new SeriesImportError(
      `${path}:1: expected a header "Date,<series>,..." (got "${(lines[0] ?? '').slice(0, 60)}")`,
    );
  }
  const names = header.slice(1);
  names.forEach((n, i) => {
    if (n === '') throw new SeriesImportError(`${path}:1: column ${i + 2} has no series name`);
    if (names.indexOf(n) !== i)
      throw new SeriesImportError(`${path}:1: column ${i + 2} repeats series name "${n}"`);
  });
  const dates: string[] = [];
  const columns: Array<Array<number | null>> = names.map(() => []);
  for (let li = 1; li < lines.length; li++) {
    const line = lines[li]!;
    if (line.trim() === '') continue;
    const cells = splitCsvLine(line);
    if (cells.length !== header.length)
      throw new SeriesImportError(
        `${path}:${li + 1}: the row has ${cells.length} cells but the header names ${header.length} columns; every row needs exactly one cell per column`,
      );
    const date = DateCell.safeParse(cells[0]?.trim());
    if (!date.success)
      throw new SeriesImportError(`${path}:${li + 1}: column Date: "${cells[0]}" is not an ISO date`);
    const prev = dates[dates.length - 1];
    if (prev !== undefined && date.data <= prev) {
      throw new SeriesImportError(
        `${path}:${li + 1}: column Date: ${date.data} ${date.data === prev ? 'repeats' : 'comes before'} ${prev}; dates must be ascending and unique`,
      );
    }
    dates.push(date.data);
    for (let c = 0; c < names.length; c++) {
      const v = NumberCell.safeParse(cells[c + 1] ?? '');
      if (!v.success) {
        throw new SeriesImportError(
          `${path}:${li + 1}: column "${names[c]}": ${v.error.issues[0]?.message ?? 'bad value'}`,
        );
      }
      columns[c]!.push(v.data);
    }
  }
  if (dates.length === 0) throw new SeriesImportError(`${path}: no data rows`);
  const frequency = opts.frequency ?? inferFrequency(dates);
  const source = opts.source ?? basename(path);
  const ingestedAt = new Date().toISOString();
  const warnings: string[] = [];
  const series = names.map((column, c) => {
    const meta = opts.columns[column] ?? {};
    const name = meta.name ?? column;
    const unit = meta.unit ?? opts.unit;
    return {
      node: {
        id: nodeId('Series', name),
        type: 'Series',
        name,
        aliases: [...new Set([column, meta.nameZh, meta.code].filter((a): a is string => !!a && a !== name))],
        provenance: [{ source, record: `${basename(path)}:column ${c + 2}`, ingestedAt, confidence: 1 }],
        visibility: opts.visibility as Visibility,
        props: {
          kind: meta.kind ?? opts.kind,
          frequency,
          ...(unit ? { unit } : {}),
          ...(meta.subjectId ? { subjectId: meta.subjectId } : {}),
          ...(meta.regionId ? { regionId: meta.regionId } : {}),
          ...(meta.code ? { code: meta.code } : {}),
          ...(meta.nameEn ? { nameEn: meta.nameEn } : {}),
          ...(meta.nameZh ? { nameZh: meta.nameZh } : {}),
          ...(meta.description ? { description: meta.description } : {}),
        },
      },
      points: dates.map((date, i) => ({ date, value: columns[c]![i]! })),
    };
  }) satisfies Array<{ node: SeriesNode; points: SeriesPoint[] }>;
  return { series, warnings };
}

const SeriesMetaRowSchema = z.object({
  column: z.string().trim().min(1, 'column is empty'),
  code: z.string().trim().optional(),
  name_zh: z.string().trim().optional(),
  unit: z.string().trim().optional(),
  description: z.string().trim().optional(),
});

/**
 * A series description file (`column,code,name_zh,unit,description`, as `imf-series.csv`) as the
 * per-column metadata of `parseWideCsv`. Every described column must be in the data's header, so
 * a stale description cannot name the wrong values.
 */
export function readSeriesMeta(path: string, header?: readonly string[]): ImportPricesOptions['columns'] {
  let rows: Array<Record<string, string>>;
  try {
    rows = parse(readFileSync(path, 'utf8').replace(/^\uFEFF/, ''), {
      columns: true,
      skip_empty_lines: true,
    }) as Array<Record<string, string>>;
  } catch (error) {
    throw new SeriesImportError(`${path}: ${(error as Error).message}`);
  }
  const out: NonNullable<ImportPricesOptions['columns']> = {};
  rows.forEach((row, i) => {
    const line = i + 2;
    const parsed = SeriesMetaRowSchema.safeParse(row);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new SeriesImportError(
        `${path}:${line}: field ${issue?.path.join('.') || '?'}: ${issue?.message}`,
      );
    }
    const m = parsed.data;
    if (header && !header.includes(m.column))
      throw new SeriesImportError(
        `${path}:${line}: column "${m.column}" is not in the data file's header; fix the name or drop the line`,
      );
    if (out[m.column])
      throw new SeriesImportError(`${path}:${line}: column "${m.column}" is described twice`);
    // The column is the source's English name (IMF); kept explicitly beside the Chinese one.
    out[m.column] = {
      nameEn: m.column,
      ...(m.code ? { code: m.code } : {}),
      ...(m.name_zh ? { nameZh: m.name_zh } : {}),
      ...(m.unit ? { unit: m.unit } : {}),
      ...(m.description ? { description: m.description } : {}),
    };
  });
  return out;
}

/** The header of a wide CSV, for checking a description file against it. */
export function wideCsvHeader(path: string): string[] {
  const first =
    readFileSync(path, 'utf8')
      .replace(/^\uFEFF/, '')
      .split(/\r?\n/, 1)[0] ?? '';
  return splitCsvLine(first).map((h) => h.trim());
}

/** `ibrain import prices <csv>`: parses the whole file first, then stores it in one transaction. */
export async function importPricesCsv(
  store: SeriesStore,
  path: string,
  options: ImportPricesOptions = {},
): Promise<{ series: number; points: number; names: string[]; warnings: string[] }> {
  const { series, warnings } = parseWideCsv(path, options);
  const result = await store.put(series);
  return { ...result, names: series.map((p) => p.node.name), warnings };
}

const DemoColumnSchema = z.object({
  file: z.string().min(1),
  column: z.string().min(1),
  name: z.string().min(1),
  kind: z.enum(['price', 'demand', 'output', 'other']),
  unit: z.string().optional(),
  subjectId: z.string().min(1).optional(),
  regionId: z.string().min(1).optional(),
});

/**
 * `ibrain init --demo`: imports every `series-*.csv` in the demo directory (source `demo`). When
 * the directory has a `series.jsonl` (one line per column: file, column, name, kind, unit,
 * subjectId, regionId), each column is stored under its own name with its metadata; the same
 * column header can then appear in several files (乘用车 demand and output) without colliding.
 */
export async function loadDemoSeries(
  store: SeriesStore,
  dir: string,
  options: ImportPricesOptions = {},
): Promise<{ files: number; series: number; points: number }> {
  const files = readdirSync(dir)
    .filter((f) => /^series-.*\.csv$/.test(f))
    .sort();
  const metaPath = join(dir, 'series.jsonl');
  const meta = existsSync(metaPath)
    ? readFileSync(metaPath, 'utf8')
        .split('\n')
        .flatMap((line, i) => {
          if (line.trim() === '') return [];
          const parsed = DemoColumnSchema.safeParse(JSON.parse(line));
          if (!parsed.success)
            throw new SeriesImportError(
              `${metaPath}:${i + 1}: ${parsed.error.issues[0]?.message ?? 'bad line'}`,
            );
          return [parsed.data];
        })
    : [];
  let series = 0;
  let points = 0;
  for (const f of files) {
    const columns = Object.fromEntries(
      meta.filter((m) => m.file === f).map(({ file: _file, column, ...rest }) => [column, rest]),
    );
    const r = await importPricesCsv(store, join(dir, f), { source: 'demo', ...options, columns });
    series += r.series;
    points += r.points;
  }
  return { files: files.length, series, points };
}
