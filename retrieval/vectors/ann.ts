import { existsSync, mkdirSync, renameSync } from 'node:fs';
import { dirname } from 'node:path';
import hnswlib from 'hnswlib-node';

// hnswlib-node is CommonJS without static export names, so Node's ESM loader needs the default import.
const { HierarchicalNSW } = hnswlib;

/**
 * Search breadth: 96 gave recall@10 0.91 at 100k hash-embedded passages, 200 about 0.97 and
 * 400 0.99 (evals/bench/retrieval.bench.ts), each doubling roughly halving queries per second.
 */
const EF_SEARCH = 200;

export interface AnnOptions {
  /** Where the index is kept between processes; absent for in-memory stores. */
  path?: string;
  m?: number;
  efConstruction?: number;
  efSearch?: number;
}

/**
 * Approximate nearest neighbours over the store's vectors, labelled by vector id: hnswlib (C++)
 * through hnswlib-node, kept in a file beside the database so a restart reloads it instead of
 * rebuilding. Scores are cosine similarities, like the exact scan's inner products on unit vectors.
 */
export class AnnIndex {
  private readonly index: InstanceType<typeof HierarchicalNSW>;
  private readonly labels = new Set<number>();
  private dirty = false;

  private constructor(
    dimensions: number,
    private readonly options: AnnOptions,
  ) {
    this.index = new HierarchicalNSW('cosine', dimensions);
  }

  /** Loads the saved index when its file exists and fits, otherwise starts an empty one. */
  static open(dimensions: number, capacity: number, options: AnnOptions = {}): AnnIndex {
    const ann = new AnnIndex(dimensions, options);
    if (options.path && existsSync(options.path)) {
      try {
        ann.index.readIndexSync(options.path, true);
        if (ann.index.getNumDimensions() === dimensions) {
          for (const label of ann.index.getIdsList()) ann.labels.add(label);
          ann.index.setEf(options.efSearch ?? EF_SEARCH);
          return ann;
        }
      } catch {
        // A damaged or foreign file is rebuilt from the vectors, which are the source of truth.
      }
    }
    ann.index.initIndex({
      maxElements: Math.max(1024, capacity),
      m: options.m ?? 16,
      efConstruction: options.efConstruction ?? 200,
      randomSeed: 42,
      allowReplaceDeleted: true,
    });
    ann.index.setEf(options.efSearch ?? EF_SEARCH);
    return ann;
  }

  has(label: number): boolean {
    return this.labels.has(label);
  }

  /** Whether the indexed vector for `label` is (still) this one: a loaded file may predate a re-embedding. */
  holds(label: number, vector: Float32Array): boolean {
    if (!this.labels.has(label)) return false;
    const stored = this.index.getPoint(label);
    let dot = 0;
    let a = 0;
    let b = 0;
    for (let i = 0; i < vector.length; i++) {
      dot += stored[i]! * vector[i]!;
      a += stored[i]! * stored[i]!;
      b += vector[i]! * vector[i]!;
    }
    return dot / Math.sqrt(a * b || 1) > 0.9999;
  }

  /** Removes every label `keep` rejects. */
  prune(keep: (label: number) => boolean): void {
    for (const label of [...this.labels]) if (!keep(label)) this.delete(label);
  }

  get size(): number {
    return this.labels.size;
  }

  add(label: number, vector: Float32Array): void {
    if (this.index.getCurrentCount() >= this.index.getMaxElements()) {
      this.index.resizeIndex(this.index.getMaxElements() * 2);
    }
    this.index.addPoint(Array.from(vector), label, true);
    this.labels.add(label);
    this.dirty = true;
  }

  delete(label: number): void {
    if (!this.labels.delete(label)) return;
    this.index.markDelete(label);
    this.dirty = true;
  }

  /** The best `k` labels (that pass `accept`, when given), as [label, cosine similarity], best first. */
  search(vector: Float32Array, k: number, accept?: (label: number) => boolean): Array<[number, number]> {
    const n = Math.min(k, this.labels.size);
    if (n === 0) return [];
    const { neighbors, distances } = this.index.searchKnn(Array.from(vector), n, accept);
    return neighbors.map((label, i) => [label, 1 - distances[i]!]);
  }

  /** Writes the index file when it changed; written aside and renamed so a crash never leaves half a file. */
  save(): void {
    if (!this.dirty || !this.options.path) return;
    mkdirSync(dirname(this.options.path), { recursive: true });
    const partial = `${this.options.path}.partial`;
    this.index.writeIndexSync(partial);
    renameSync(partial, this.options.path);
    this.dirty = false;
  }
}
