/**
 * A small seeded generator (mulberry32), so every choice the generator makes by lot is the same on
 * every run and every machine.
 */
export class Lot {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** `n` distinct elements of `pool`, in the order drawn. */
  draw<T>(pool: readonly T[], n: number): T[] {
    if (n > pool.length) throw new Error(`cannot draw ${n} from ${pool.length}`);
    const rest = [...pool];
    const out: T[] = [];
    for (let i = 0; i < n; i++) out.push(rest.splice(Math.floor(this.next() * rest.length), 1)[0]!);
    return out;
  }
}
