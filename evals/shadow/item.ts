import { z } from 'zod';

export const KINDS = [
  'multi_hop',
  'enterprise_facts',
  'aggregation',
  'comparison',
  'relation',
  'policy',
  'demo_chain',
  'price',
  'refusal',
  'variant',
] as const;
export const LANGS = ['zh', 'en', 'mixed'] as const;
export const DATASETS = ['chainkg', 'ickg', 'policies', 'demo', 'prices'] as const;

export type Kind = (typeof KINDS)[number];
export type Lang = (typeof LANGS)[number];
export type Dataset = (typeof DATASETS)[number];

/** One line of a shadow set whose ids read `${prefix}-001`…: the development set's fields and meaning. */
export function shadowItemSchema(prefix: string) {
  return z
    .object({
      id: z.string().regex(new RegExp(`^${prefix}-\\d{3}$`)),
      question: z.string().min(1),
      lang: z.enum(LANGS),
      kind: z.enum(KINDS),
      dataset: z.enum(DATASETS),
      expect_any_of: z.array(z.string().min(1)).min(1),
      min_hits: z.number().int().min(1),
      expect_none_of: z.array(z.string().min(1)).min(1).optional(),
      refusal: z.boolean(),
      note: z.string().min(1),
    })
    .strict()
    .refine((item) => item.min_hits <= item.expect_any_of.length, {
      message: 'min_hits is larger than the number of keys',
    });
}

/** One line of qa-shadow.jsonl. */
export const ShadowItemSchema = shadowItemSchema('shadow');
export type ShadowItem = z.infer<typeof ShadowItemSchema>;

/** The scorer's normalisation: NFKC, lower case, every whitespace character removed. */
export function norm(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/gu, '');
}

/** Throws when `condition` is false; the generator stops rather than write a stale key. */
export function check(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(`shadow set: ${message}`);
}

/** Locale-free ordering, so the output does not depend on the machine's ICU data. */
export function byText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function sortedTexts(values: Iterable<string>): string[] {
  return [...values].sort(byText);
}

export interface Draft {
  question: string;
  lang: Lang;
  kind: Kind;
  dataset: Dataset;
  expect: readonly string[];
  minHits: number;
  note: string;
  none?: readonly string[];
  refusal?: boolean;
}

/**
 * Collects items and applies the development set's key rules: words of the question are never
 * keys (except for refusal phrases), a key that contains another key is dropped so one mention
 * never counts twice, and min_hits must be reachable.
 */
export class ShadowSet {
  private readonly drafts: Omit<ShadowItem, 'id'>[] = [];
  private readonly schema: ReturnType<typeof shadowItemSchema>;

  /** `prefix` names the set in its ids (`shadow-001`, `s2-001`…). */
  constructor(private readonly prefix = 'shadow') {
    this.schema = shadowItemSchema(prefix);
  }

  add(draft: Draft): void {
    const refusal = draft.refusal ?? false;
    const expect = [...draft.expect];
    check(new Set(expect).size === expect.length, `duplicate key in ${draft.question}: ${expect}`);
    for (const key of expect) check(norm(key).length >= 2, `key ${key} of ${draft.question} is too short`);
    for (const key of draft.none ?? []) check(norm(key) !== '', `empty expect_none_of in ${draft.question}`);
    const question = norm(draft.question);
    const asked = refusal ? expect : expect.filter((key) => !question.includes(norm(key)));
    const keys = asked.filter((a) => !asked.some((b) => b !== a && norm(a).includes(norm(b))));
    check(
      draft.minHits >= 1 && draft.minHits <= keys.length,
      `min_hits ${draft.minHits} with keys ${JSON.stringify(keys)} for ${draft.question}`,
    );
    for (const bad of draft.none ?? []) {
      check(!keys.some((key) => norm(key).includes(norm(bad))), `${bad} is both expected and forbidden`);
    }
    this.drafts.push({
      question: draft.question,
      lang: draft.lang,
      kind: draft.kind,
      dataset: draft.dataset,
      expect_any_of: keys,
      min_hits: draft.minHits,
      ...(draft.none ? { expect_none_of: [...draft.none] } : {}),
      refusal,
      note: draft.note,
    });
  }

  /** The items with ids in order of addition, each checked against the schema. */
  items(): ShadowItem[] {
    const seen = new Set<string>();
    return this.drafts.map((draft, i) => {
      check(!seen.has(draft.question), `question asked twice: ${draft.question}`);
      seen.add(draft.question);
      const item = { id: `${this.prefix}-${String(i + 1).padStart(3, '0')}`, ...draft };
      return this.schema.parse(item);
    });
  }
}

/** The item as one JSON line, fields in the development set's order. */
export function toLine(item: ShadowItem): string {
  const ordered = {
    id: item.id,
    question: item.question,
    lang: item.lang,
    kind: item.kind,
    dataset: item.dataset,
    expect_any_of: item.expect_any_of,
    min_hits: item.min_hits,
    ...(item.expect_none_of ? { expect_none_of: item.expect_none_of } : {}),
    refusal: item.refusal,
    note: item.note,
  };
  return JSON.stringify(ordered);
}
