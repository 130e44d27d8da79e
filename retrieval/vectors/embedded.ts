import type { Database, Statement } from 'better-sqlite3';
import { ScoreHeap } from './heap.js';
import { AnnIndex, type AnnOptions } from './ann.js';
import {
  matches,
  type TransactionalVectorStore,
  type VectorFilter,
  type VectorHit,
  type VectorPayload,
  type VectorRecord,
  VectorStoreError,
} from './port.js';

export interface EmbeddedVectorOptions {
  dimensions: number;
  /** At or above this many vectors searches go through the HNSW index; below, exact scan. */
  annThreshold?: number;
  /** HNSW settings, and the file the index is kept in between processes. */
  ann?: AnnOptions;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS retrieval_vectors (
  id INTEGER PRIMARY KEY,
  vector BLOB NOT NULL,
  doc_id TEXT NOT NULL,
  source TEXT NOT NULL,
  visibility TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS retrieval_vectors_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);`;

interface Row {
  id: number;
  vector: Buffer;
  doc_id: string;
  source: string;
  visibility: string;
}

/**
 * The embedded VectorStore: vectors persist as BLOBs in the engine's SQLite file (so they commit
 * with their chunks) and are mirrored in memory as one matrix for search. Small corpora are
 * scanned exactly; at `annThreshold` vectors an HNSW index (hnswlib) is loaded or built, kept up
 * to date, and saved beside the database on close. The
 * mirror re-syncs by id after own writes and after other processes commit (PRAGMA data_version).
 */
export class EmbeddedVectorStore implements TransactionalVectorStore {
  readonly kind = 'embedded';
  readonly name: string = 'embedded';
  readonly shared: boolean = false;
  readonly dimensions: number;
  private readonly annThreshold: number;
  private matrix = new Float32Array(0);
  private slots = 0;
  private readonly slotOf = new Map<number, number>();
  private ids: number[] = [];
  private payloads: VectorPayload[] = [];
  private alive = new Uint8Array(0);
  private liveCount = 0;
  private ann: AnnIndex | undefined;
  private synced = false;
  private dataVersion = -1;
  private readonly insert: Statement;
  private readonly remove: Statement;

  constructor(
    private readonly db: Database,
    private readonly options: EmbeddedVectorOptions,
  ) {
    this.dimensions = options.dimensions;
    this.annThreshold = options.annThreshold ?? 20_000;
    db.exec(SCHEMA);
    this.insert = db.prepare(
      'INSERT OR REPLACE INTO retrieval_vectors(id, vector, doc_id, source, visibility) VALUES (?, ?, ?, ?, ?)',
    );
    this.remove = db.prepare('DELETE FROM retrieval_vectors WHERE id = ?');
  }

  writeSync(upserts: readonly VectorRecord[], deletes: readonly number[]): void {
    for (const id of deletes) this.remove.run(id);
    for (const r of upserts) {
      if (r.vector.length !== this.dimensions) {
        throw new VectorStoreError(
          `vector ${r.id} has ${r.vector.length} dimensions; the store holds ${this.dimensions}`,
        );
      }
      this.insert.run(
        r.id,
        Buffer.from(r.vector.buffer, r.vector.byteOffset, r.vector.byteLength),
        r.payload.docId,
        r.payload.source,
        r.payload.visibility,
      );
    }
    // The caller's transaction may still roll back: the mirror re-reads the table before the next search.
    this.synced = false;
  }

  async upsert(records: readonly VectorRecord[]): Promise<void> {
    this.db.transaction(() => this.writeSync(records, [])).immediate();
  }

  async delete(ids: readonly number[]): Promise<void> {
    this.db.transaction(() => this.writeSync([], ids)).immediate();
  }

  async count(): Promise<number> {
    this.sync();
    return this.liveCount;
  }

  async missing(ids: readonly number[]): Promise<number[]> {
    const present = new Set<number>();
    for (let i = 0; i < ids.length; i += 500) {
      const part = ids.slice(i, i + 500);
      const found = this.db
        .prepare(`SELECT id FROM retrieval_vectors WHERE id IN (${part.map(() => '?').join(',')})`)
        .pluck()
        .all(...part) as number[];
      for (const id of found) present.add(id);
    }
    return ids.filter((id) => !present.has(id));
  }

  async recordedEmbeddings(): Promise<string | undefined> {
    return this.db
      .prepare(`SELECT value FROM retrieval_vectors_meta WHERE key = 'embeddings'`)
      .pluck()
      .get() as string | undefined;
  }

  async recordEmbeddings(id: string): Promise<void> {
    this.db
      .prepare(`INSERT INTO retrieval_vectors_meta (key, value) VALUES ('embeddings', ?)
                ON CONFLICT (key) DO UPDATE SET value = excluded.value`)
      .run(id);
  }

  async clear(): Promise<void> {
    this.db.exec('DELETE FROM retrieval_vectors');
    this.reset();
  }

  async close(): Promise<void> {
    this.ann?.save();
    this.reset();
  }

  /** Whether searches currently use the ANN index. */
  get usesAnn(): boolean {
    this.sync();
    return this.ann !== undefined;
  }

  async search(vector: Float32Array, k: number, filter?: VectorFilter): Promise<VectorHit[]> {
    return this.searchSync(vector, k, filter);
  }

  searchSync(
    vector: Float32Array,
    k: number,
    filter?: VectorFilter,
    mode: 'auto' | 'exact' = 'auto',
  ): VectorHit[] {
    this.sync();
    if (vector.length !== this.dimensions) {
      throw new VectorStoreError(
        `query vector has ${vector.length} dimensions; the store holds ${this.dimensions}`,
      );
    }
    if (mode === 'auto' && this.ann) {
      // Deleted vectors are marked in the index, so only a filter needs a callback per candidate.
      const accept = filter
        ? (id: number) => {
            const slot = this.slotOf.get(id);
            return slot !== undefined && matches(this.payloads[slot]!, filter);
          }
        : undefined;
      const hits = this.ann.search(vector, k, accept).map(([id, score]) => ({ id, score }));
      if (hits.length === k) return hits;
      // A narrow filter (or a tiny live set) left too few ANN candidates: answer exactly instead.
    }
    return this.exact(vector, k, filter);
  }

  private exact(vector: Float32Array, k: number, filter?: VectorFilter): VectorHit[] {
    const heap = new ScoreHeap(false);
    const d = this.dimensions;
    const data = this.matrix;
    for (let slot = 0; slot < this.slots; slot++) {
      if (!this.alive[slot] || (filter && !matches(this.payloads[slot]!, filter))) continue;
      let s = 0;
      const base = slot * d;
      for (let i = 0; i < d; i++) s += data[base + i]! * vector[i]!;
      if (heap.size < k) heap.push(s, slot);
      else if (s > heap.peekScore()) {
        heap.pop();
        heap.push(s, slot);
      }
    }
    return heap.drainDescending().map(([score, slot]) => ({ id: this.ids[slot]!, score }));
  }

  private reset(): void {
    this.matrix = new Float32Array(0);
    this.slots = 0;
    this.slotOf.clear();
    this.ids = [];
    this.payloads = [];
    this.alive = new Uint8Array(0);
    this.liveCount = 0;
    this.ann = undefined;
    this.synced = false;
  }

  /** Brings the mirror in line with the table: drops vanished ids, loads new ones. */
  private sync(): void {
    const version = this.db.pragma('data_version', { simple: true }) as number;
    if (this.synced && version === this.dataVersion) return;
    const present = new Set(this.db.prepare('SELECT id FROM retrieval_vectors').pluck().all() as number[]);
    for (const [id, slot] of this.slotOf) {
      if (!present.has(id)) {
        this.alive[slot] = 0;
        this.slotOf.delete(id);
        this.liveCount--;
        this.ann?.delete(id);
      }
    }
    const missing = [...present].filter((id) => !this.slotOf.has(id));
    const read = this.db.prepare(
      'SELECT id, vector, doc_id, source, visibility FROM retrieval_vectors WHERE id = ?',
    );
    for (const id of missing) this.add(read.get(id) as Row);
    if (!this.ann && this.liveCount >= this.annThreshold) this.openAnn();
    this.synced = true;
    this.dataVersion = version;
  }

  private add(row: Row): void {
    const d = this.dimensions;
    if (row.vector.byteLength !== d * 4) {
      throw new VectorStoreError(
        `stored vector ${row.id} has ${row.vector.byteLength / 4} dimensions, expected ${d}; re-ingest with --reembed`,
      );
    }
    if ((this.slots + 1) * d > this.matrix.length) {
      const grown = new Float32Array(Math.max(1024, this.slots * 2) * d);
      grown.set(this.matrix);
      this.matrix = grown;
      const alive = new Uint8Array(grown.length / d);
      alive.set(this.alive);
      this.alive = alive;
    }
    const slot = this.slots++;
    // SQLite BLOBs need not be 4-byte aligned: copy before viewing as floats.
    this.matrix.set(new Float32Array(new Uint8Array(row.vector).buffer, 0, d), slot * d);
    this.ids[slot] = row.id;
    this.payloads[slot] = { docId: row.doc_id, source: row.source, visibility: row.visibility };
    this.alive[slot] = 1;
    this.slotOf.set(row.id, slot);
    this.liveCount++;
    this.ann?.add(row.id, this.vectorAt(slot));
  }

  private vectorAt(slot: number): Float32Array {
    return this.matrix.subarray(slot * this.dimensions, (slot + 1) * this.dimensions);
  }

  /** Loads the saved index and reconciles it with the live vectors, or builds it, then saves it. */
  private openAnn(): void {
    const ann = AnnIndex.open(this.dimensions, this.liveCount * 2, this.options.ann);
    ann.prune((id) => {
      const slot = this.slotOf.get(id);
      return slot !== undefined && ann.holds(id, this.vectorAt(slot));
    });
    for (const [id, slot] of this.slotOf) if (!ann.has(id)) ann.add(id, this.vectorAt(slot));
    ann.save();
    this.ann = ann;
  }
}
