import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { z } from 'zod';
import { type EvalItem, EvalItemSchema, MAX_LIST, MAX_STRING } from './schema.js';

/** A line that was skipped, and why. `line` is 1-based (the array position for JSON bodies). */
export interface ItemError {
  line: number;
  id?: string;
  message: string;
}

export interface LoadResult {
  items: EvalItem[];
  errors: ItemError[];
}

/** Lines beyond every field's cap together are refused before JSON.parse ever sees them. */
const MAX_LINE = MAX_STRING * 4 + MAX_LIST * 1000;

/**
 * Collects items one line at a time: each bad line becomes an error with its line number and
 * is skipped, so one broken record never costs the rest of the file.
 */
export class ItemCollector {
  private readonly seen = new Set<string>();
  readonly result: LoadResult = { items: [], errors: [] };

  addLine(raw: string, line: number): void {
    const text = raw.trim();
    if (!text) return;
    if (text.length > MAX_LINE) {
      this.result.errors.push({
        line,
        message: `line is ${text.length} characters, over the ${MAX_LINE} limit`,
      });
      return;
    }
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      this.result.errors.push({ line, message: `invalid JSON: ${(error as Error).message}` });
      return;
    }
    this.addValue(value, line);
  }

  addValue(value: unknown, line: number): void {
    const parsed = EvalItemSchema.safeParse(value);
    const id = idOf(value);
    if (!parsed.success) {
      this.result.errors.push({ line, ...(id ? { id } : {}), message: describe(parsed.error) });
      return;
    }
    if (this.seen.has(parsed.data.id)) {
      this.result.errors.push({ line, id: parsed.data.id, message: `duplicate id ${parsed.data.id}` });
      return;
    }
    this.seen.add(parsed.data.id);
    this.result.items.push(parsed.data);
  }
}

/** Streams a JSON-lines file, so a large item file is never held as one string. */
export async function loadItems(path: string): Promise<LoadResult> {
  const collector = new ItemCollector();
  const lines = createInterface({
    input: createReadStream(path, 'utf8'),
    crlfDelay: Number.POSITIVE_INFINITY,
  });
  let n = 0;
  for await (const line of lines) collector.addLine(line, ++n);
  return collector.result;
}

/** JSON-lines text already in memory (an API body). */
export function parseItems(text: string): LoadResult {
  const collector = new ItemCollector();
  for (const [i, line] of text.split('\n').entries()) collector.addLine(line, i + 1);
  return collector.result;
}

/** Items already parsed from JSON (an API body's array); `line` is the 1-based position. */
export function validateItems(values: readonly unknown[]): LoadResult {
  const collector = new ItemCollector();
  for (const [i, value] of values.entries()) collector.addValue(value, i + 1);
  return collector.result;
}

function idOf(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const id = (value as { id?: unknown }).id;
  return typeof id === 'string' && id.length <= 200 ? id : undefined;
}

function describe(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.length ? issue.path.join('.') : 'item'}: ${issue.message}`)
    .join('; ');
}
