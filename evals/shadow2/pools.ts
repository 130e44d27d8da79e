import type { Chainkg, CompanyRow, Holding } from '../shadow/data/chainkg.js';
import { byText, norm } from '../shadow/item.js';
import type { Lot } from '../shadow/prng.js';
import { fresh } from './collect.js';

/** One element of `pool`, drawn by lot. */
export function pick<T>(lot: Lot, pool: readonly T[]): T {
  return lot.draw(pool, 1)[0]!;
}

/** The min_hits of a list of `n` keys: about half of them, never more than `cap`. */
export function half(n: number, cap = 3): number {
  return Math.max(1, Math.min(cap, Math.ceil(n / 2)));
}

/**
 * Companies with one clean record: one row for the code and one for the name (no renames), a
 * Shenwan industry, listed products, no ST mark, and a name and code no earlier question uses.
 * Sorted by code so that draws do not depend on file order.
 */
export function cleanCompanies(ck: Chainkg): CompanyRow[] {
  return ck.companies
    .filter(
      (c) =>
        ck.rowsOfCode(c.code).length === 1 &&
        ck.rowsNamed(c.name).length === 1 &&
        ck.industryOfCode(c.code) !== undefined &&
        ck.productsOf(c.code).length > 0 &&
        !c.name.includes('ST') &&
        fresh(c.name) &&
        fresh(c.fullname) &&
        fresh(c.code.slice(0, 6)),
    )
    .sort((a, b) => byText(a.code, b.code));
}

/**
 * The company's largest product when it is clearly the largest (a share of at least `min`, and
 * ten points ahead of the next), not an accounting line, and not a product the earlier sets ask
 * about.
 */
export function clearTop(ck: Chainkg, c: CompanyRow, min: number): Holding | undefined {
  const [top, next] = ck.productsOf(c.code);
  if (!top || top.weight < min || top.weight > 1) return undefined;
  if (next && top.weight - next.weight < 0.1) return undefined;
  if (!plainProduct(top.product) || !fresh(top.product)) return undefined;
  return top;
}

export function sortedKeys<V>(map: ReadonlyMap<string, V>): string[] {
  return [...map.keys()].sort(byText);
}

/** Names usable as keys: a one-character name (煤, 铜) would match inside unrelated words. */
export function long(names: readonly string[]): string[] {
  return names.filter((n) => norm(n).length >= 2);
}

/**
 * One element per rule, each drawn by lot from the pool elements that satisfy the rule and were
 * not drawn before, so one question set asks about each entity once.
 */
export function drawEach<T>(lot: Lot, pool: readonly T[], rules: readonly ((x: T) => boolean)[]): T[] {
  const taken = new Set<T>();
  return rules.map((rule, i) => {
    const left = pool.filter((x) => !taken.has(x) && rule(x));
    if (left.length === 0) throw new Error(`nothing left to draw for rule ${i + 1}`);
    const x = pick(lot, left);
    taken.add(x);
    return x;
  });
}

/**
 * A company's product lines, largest first, when the first `n` are named goods or services (no
 * accounting lines) each at least two points ahead of the next, and no share is above 1 (a share
 * above 1 would make "the largest line" ambiguous). Empty otherwise.
 */
export function clearLines(ck: Chainkg, c: CompanyRow, n: number): Holding[] {
  const held = ck.productsOf(c.code);
  if (held.length < n || held.some((h) => h.weight > 1)) return [];
  const head = held.slice(0, n);
  const ordered = head.every(
    (h, i) => h.weight > 0 && plainProduct(h.product) && (i === 0 || head[i - 1]!.weight - h.weight >= 0.02),
  );
  const next = held[n];
  return ordered && (!next || head[n - 1]!.weight - next.weight >= 0.02) ? held : [];
}

/** A Shenwan level-3 name as a key: answers often drop the Ⅲ that tells it from its parent. */
export function industryKey(name: string): string {
  const bare = name.replace(/Ⅲ$/u, '');
  return norm(bare).length >= 2 ? bare : name;
}

/** A product line that names a good or service, not an accounting line (平衡项目, 分部, 其他业务, 水电费…). */
export function plainProduct(name: string): boolean {
  return norm(name).length >= 2 && !/其他|业务|收入|销售|板块|分部|项目|抵消|合计|平衡|费$/.test(name);
}

/** A question written in one language, for a name drawn by lot. */
export type Ask = (name: string) => { question: string; lang: 'zh' | 'en' };

export const zh = (question: string) => ({ question, lang: 'zh' as const });
export const en = (question: string) => ({ question, lang: 'en' as const });
