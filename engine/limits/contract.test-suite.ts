import { randomBytes } from 'node:crypto';
import { expect, it } from 'vitest';
import type { TokenBuckets } from './port.js';

// Refills so slowly that no token comes back while a test runs.
const SLOW = { capacity: 3, refillPerSecond: 0.001 };

/** What every TokenBuckets adapter must do. */
export function tokenBucketsContract(open: () => Promise<TokenBuckets>): void {
  const key = () => `t-${randomBytes(4).toString('hex')}`;

  it('allows a burst of capacity, then refuses with the seconds to wait', async () => {
    const buckets = await open();
    const k = key();
    const states = [];
    for (let i = 0; i < 4; i++) states.push(await buckets.take(k, SLOW));
    expect(states.map((s) => s.allowed)).toEqual([true, true, true, false]);
    expect(states.map((s) => s.remaining)).toEqual([2, 1, 0, 0]);
    expect(states[3]!.retryAfterSeconds).toBeGreaterThan(900);
    await buckets.close();
  });

  it('peek takes nothing and keys are independent', async () => {
    const buckets = await open();
    const [a, b] = [key(), key()];
    for (let i = 0; i < 5; i++) expect((await buckets.peek(a, SLOW)).allowed).toBe(true);
    for (let i = 0; i < 3; i++) await buckets.take(a, SLOW);
    expect((await buckets.peek(a, SLOW)).allowed).toBe(false);
    expect((await buckets.take(b, SLOW)).remaining).toBe(2);
    await buckets.close();
  });

  it('drain counts failures down to zero, and a refilled bucket allows again', async () => {
    const buckets = await open();
    const k = key();
    for (let i = 0; i < 5; i++) await buckets.drain(k, SLOW);
    expect(await buckets.peek(k, SLOW)).toMatchObject({ allowed: false, remaining: 0 });
    const fast = { capacity: 1, refillPerSecond: 50 };
    const f = key();
    expect((await buckets.take(f, fast)).allowed).toBe(true);
    await new Promise((r) => setTimeout(r, 80));
    expect((await buckets.take(f, fast)).allowed).toBe(true);
    await buckets.close();
  });
}
