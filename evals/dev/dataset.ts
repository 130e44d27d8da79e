import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { z } from 'zod';

/** One item of the independent development set `../shared/evals/qa-dev.jsonl` (its README gives the format). */
export const DevItemSchema = z.object({
  id: z.string().min(1),
  question: z.string().min(1),
  lang: z.enum(['zh', 'en', 'mixed']),
  kind: z.string().min(1),
  dataset: z.enum(['chainkg', 'ickg', 'policies', 'demo', 'prices']),
  expect_any_of: z.array(z.string()),
  min_hits: z.number().int().nonnegative(),
  expect_none_of: z.array(z.string()).nullish(),
  refusal: z.boolean(),
  note: z.string().optional(),
});
export type DevItem = z.infer<typeof DevItemSchema>;
export type DevDataset = DevItem['dataset'];
export const DEV_DATASETS: readonly DevDataset[] = ['chainkg', 'ickg', 'policies', 'demo', 'prices'];

/** `../shared/evals/qa-dev.jsonl` beside `../shared/data`, when it is there. */
export function devSetPath(sharedData: string | undefined): string | undefined {
  if (!sharedData) return undefined;
  const path = join(dirname(sharedData), 'evals', 'qa-dev.jsonl');
  return existsSync(path) ? path : undefined;
}

/** Every item, or an error naming the line and field of the first bad one. */
export function loadDevSet(path: string): DevItem[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .flatMap((line, i) => {
      if (!line.trim()) return [];
      let json: unknown;
      try {
        json = JSON.parse(line);
      } catch {
        throw new Error(`${path}:${i + 1}: not a JSON object`);
      }
      const parsed = DevItemSchema.safeParse(json);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new Error(`${path}:${i + 1}: field ${issue?.path.join('.')}: ${issue?.message}`);
      }
      return [parsed.data];
    });
}
