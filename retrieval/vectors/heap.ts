/** A binary heap of (score, id) pairs; `max` puts the largest score on top. */
export class ScoreHeap {
  private readonly scores: number[] = [];
  private readonly ids: number[] = [];

  constructor(private readonly max: boolean) {}

  get size(): number {
    return this.scores.length;
  }

  peekScore(): number {
    return this.scores[0]!;
  }

  peekId(): number {
    return this.ids[0]!;
  }

  push(score: number, id: number): void {
    this.scores.push(score);
    this.ids.push(id);
    let i = this.scores.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.above(i, p)) break;
      this.swap(i, p);
      i = p;
    }
  }

  pop(): [number, number] {
    const top: [number, number] = [this.scores[0]!, this.ids[0]!];
    const lastScore = this.scores.pop()!;
    const lastId = this.ids.pop()!;
    if (this.scores.length) {
      this.scores[0] = lastScore;
      this.ids[0] = lastId;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let best = i;
        if (l < this.scores.length && this.above(l, best)) best = l;
        if (r < this.scores.length && this.above(r, best)) best = r;
        if (best === i) break;
        this.swap(i, best);
        i = best;
      }
    }
    return top;
  }

  /** Pairs sorted best first (highest score for a max heap is not assumed: sorted descending). */
  drainDescending(): Array<[number, number]> {
    const out: Array<[number, number]> = [];
    while (this.size) out.push(this.pop());
    return this.max ? out : out.reverse();
  }

  private above(a: number, b: number): boolean {
    return this.max ? this.scores[a]! > this.scores[b]! : this.scores[a]! < this.scores[b]!;
  }

  private swap(a: number, b: number): void {
    const score = this.scores[a]!;
    this.scores[a] = this.scores[b]!;
    this.scores[b] = score;
    const id = this.ids[a]!;
    this.ids[a] = this.ids[b]!;
    this.ids[b] = id;
  }
}
