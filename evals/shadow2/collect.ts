import { type Draft, type ShadowItem, ShadowSet } from '../shadow/item.js';
import { Lot } from '../shadow/prng.js';
import { EARLIER } from './earlier.js';

/** The seed of every draw of this set; the first shadow set drew with 20251202. */
export const SEED = 20260307;

/**
 * A question and the entities it asks about, which must be new to the earlier sets. `minHits`
 * may depend on how many keys are left once the key rules have dropped words of the question
 * and keys that contain other keys.
 */
export interface SecondDraft extends Omit<Draft, 'minHits'> {
  minHits: number | ((keys: number) => number);
  subjects: readonly string[];
}

export interface SecondItem {
  item: ShadowItem;
  subjects: readonly string[];
}

/** Asserts a lookup; SecondSet.build adds the question's label to the message. */
export function need(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

/**
 * Collects the questions with the first shadow set's key rules (its ShadowSet), numbers them
 * s2-001…, and gives each kind its own seeded lot, so adding a question to one kind does not
 * change what another kind draws.
 */
export class SecondSet {
  private readonly set = new ShadowSet('s2');
  private readonly subjects: (readonly string[])[] = [];

  lot(kind: string): Lot {
    let h = SEED;
    for (const ch of kind) h = (Math.imul(h, 31) + ch.charCodeAt(0)) >>> 0;
    return new Lot(h);
  }

  /** Runs one question's lookups; a failure is reported with `label` so the question can be found. */
  build(label: string, make: () => SecondDraft): void {
    let draft: SecondDraft;
    try {
      draft = make();
    } catch (error) {
      throw new Error(`second shadow set, ${label}: ${(error as Error).message}`);
    }
    for (const s of draft.subjects) need(s.length > 0, `${label}: empty subject`);
    const { subjects, minHits, ...rest } = draft;
    try {
      this.set.add({ ...rest, minHits: typeof minHits === 'number' ? minHits : minHits(keptKeys(rest)) });
    } catch (error) {
      throw new Error(`second shadow set, ${label}: ${(error as Error).message}`);
    }
    this.subjects.push(subjects);
  }

  items(): SecondItem[] {
    return this.set.items().map((item, i) => ({ item, subjects: this.subjects[i] ?? [] }));
  }
}

/** How many of a draft's keys the key rules keep, found by adding it to a scratch set. */
function keptKeys(draft: Omit<Draft, 'minHits'>): number {
  const scratch = new ShadowSet('s2');
  scratch.add({ ...draft, minHits: 1 });
  return scratch.items()[0]!.expect_any_of.length;
}

/** True when no question of the earlier sets names `name`, so a draw may use it. */
export function fresh(name: string): boolean {
  return !EARLIER.has(name);
}
