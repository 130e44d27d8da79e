import type { z } from 'zod';
import { readLines } from './lines.js';
import type { ImportReport } from './report.js';

/** The first issue of a failed parse as `field: message`, for a reject reason. */
export function describeIssues(error: z.ZodError): string {
  const issue = error.issues[0]!;
  const field = issue.path.length ? issue.path.join('.') : 'record';
  return `${field}: ${issue.message}`;
}

/**
 * Parses and validates each line of a JSON-lines file; bad lines are rejected into the report
 * with their line number and the rest go on. Blank lines are skipped silently.
 */
export async function* validLines<T>(
  path: string,
  file: string,
  schema: z.ZodType<T>,
  report: ImportReport,
): AsyncGenerator<{ line: number; record: T }> {
  for await (const { line, text } of readLines(path)) {
    if (text.trim() === '') continue;
    report.read++;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      report.reject(file, line, 'malformed JSON: the line is not one JSON object');
      continue;
    }
    const parsed = schema.safeParse(value);
    if (!parsed.success) {
      report.reject(file, line, `invalid record: ${describeIssues(parsed.error)}`);
      continue;
    }
    yield { line, record: parsed.data };
  }
}
