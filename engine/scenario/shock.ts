import { z } from 'zod';

const PERCENT = String.raw`([+-]?\d+(?:\.\d+)?)%`;
const PRICE = new RegExp(`^price:(.+):${PERCENT}$`);
const REMOVE = /^remove:(enterprise|region):(.+)$/;
const CAPACITY = new RegExp(`^capacity:(?:(enterprise|product):)?(.+):${PERCENT}$`);

export type Shock =
  | { kind: 'price'; product: string; change: number }
  | { kind: 'remove'; target: 'enterprise' | 'region'; name: string }
  | { kind: 'capacity'; target: 'enterprise' | 'product'; name: string; cut: number };

const USAGE =
  'a shock is price:<product>:±x%, remove:enterprise:<name>, remove:region:<name>, capacity:<product>:-x% or capacity:enterprise:<name>:-x%';

/** A `--shock` flag: the text form on the CLI and in the API, parsed into a typed shock. */
export const ShockSchema = z
  .string()
  .trim()
  .transform((s, ctx): Shock => {
    const price = PRICE.exec(s);
    if (price) {
      const change = Number(price[2]) / 100;
      if (change <= -1) {
        ctx.addIssue({ code: 'custom', message: `a price cannot fall by 100% or more, got ${price[2]}%` });
        return z.NEVER;
      }
      return { kind: 'price', product: price[1]!.trim(), change };
    }
    const remove = REMOVE.exec(s);
    if (remove)
      return { kind: 'remove', target: remove[1] as 'enterprise' | 'region', name: remove[2]!.trim() };
    const capacity = CAPACITY.exec(s);
    if (capacity) {
      const cut = Math.abs(Number(capacity[3])) / 100;
      if (cut > 1) {
        ctx.addIssue({ code: 'custom', message: `a capacity cut is at most 100%, got ${capacity[3]}%` });
        return z.NEVER;
      }
      const target = (capacity[1] ?? 'product') as 'enterprise' | 'product';
      return { kind: 'capacity', target, name: capacity[2]!.trim(), cut };
    }
    ctx.addIssue({ code: 'custom', message: `${USAGE}; got "${s}"` });
    return z.NEVER;
  });

export function describeShock(s: Shock): string {
  switch (s.kind) {
    case 'price':
      return `price of ${s.product} ${s.change >= 0 ? '+' : ''}${(s.change * 100).toFixed(1)}%`;
    case 'remove':
      return `remove ${s.target} ${s.name}`;
    case 'capacity':
      return `cut capacity of ${s.target === 'enterprise' ? 'enterprise ' : ''}${s.name} by ${(s.cut * 100).toFixed(1)}%`;
  }
}
