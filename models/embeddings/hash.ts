import { type Embeddings, l2normalise } from './port.js';

/**
 * Deterministic feature hashing: CJK character uni/bi/tri-grams and lower-cased Latin words and
 * their character trigrams, each hashed (FNV-1a) to a signed bucket, sub-linear term weights,
 * L2-normalised. No download, no model: similar wording gives similar vectors, which is what a
 * dense signal next to BM25 needs offline.
 */
export class HashEmbeddings implements Embeddings {
  readonly id: string;

  constructor(readonly dimensions = 512) {
    this.id = `hash:v1:${dimensions}`;
  }

  async embed(texts: readonly string[]): Promise<Float32Array[]> {
    return texts.map((text) => this.embedOne(text));
  }

  embedOne(text: string): Float32Array {
    const counts = new Map<string, number>();
    const add = (feature: string, weight: number) => counts.set(feature, (counts.get(feature) ?? 0) + weight);
    for (const run of scriptRuns(text.normalize('NFKC').toLowerCase())) {
      if (run.cjk) {
        const chars = Array.from(run.text);
        for (let i = 0; i < chars.length; i++) {
          add(`u:${chars[i]}`, 0.5);
          if (i + 1 < chars.length) add(`b:${chars[i]}${chars[i + 1]}`, 1);
          if (i + 2 < chars.length) add(`t:${chars[i]}${chars[i + 1]}${chars[i + 2]}`, 1);
        }
      } else {
        add(`w:${run.text}`, 1);
        const padded = `<${run.text}>`;
        for (let i = 0; i + 3 <= padded.length; i++) add(`c:${padded.slice(i, i + 3)}`, 0.3);
      }
    }
    const vector = new Float32Array(this.dimensions);
    for (const [feature, count] of counts) {
      const h = fnv1a(feature);
      const sign = h & 0x80000000 ? -1 : 1;
      vector[(h & 0x7fffffff) % this.dimensions]! += sign * (1 + Math.log(count));
    }
    return l2normalise(vector);
  }
}

interface Run {
  text: string;
  cjk: boolean;
}

const RUN = /[\p{Script=Han}]+|[\p{L}\p{N}]+/gu;
const HAN = /^\p{Script=Han}/u;

function scriptRuns(text: string): Run[] {
  return Array.from(text.matchAll(RUN), (m) => ({ text: m[0], cjk: HAN.test(m[0]) }));
}

function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
