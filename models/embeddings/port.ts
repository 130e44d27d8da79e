/**
 * The Embeddings port: turns texts into unit-length vectors. Retrieval stores `id` beside the
 * vectors so a change of provider, model or dimension is noticed and the index re-embedded.
 */
export type EmbedPurpose = 'document' | 'query';

export interface Embeddings {
  /** Provider, model and dimension, e.g. `hash:v1:512`; vectors from different ids never mix. */
  readonly id: string;
  readonly dimensions: number;
  embed(texts: readonly string[], purpose?: EmbedPurpose): Promise<Float32Array[]>;
}

export class EmbeddingsError extends Error {
  readonly userFacing = true;
  override readonly name = 'EmbeddingsError';
}

/** Scales a vector to unit length in place (a zero vector stays zero). */
export function l2normalise(vector: Float32Array): Float32Array {
  let sum = 0;
  for (let i = 0; i < vector.length; i++) sum += vector[i]! * vector[i]!;
  if (sum === 0) return vector;
  const scale = 1 / Math.sqrt(sum);
  for (let i = 0; i < vector.length; i++) vector[i]! *= scale;
  return vector;
}

/** Checks a provider's answer before it reaches an index: count, dimension and finiteness. */
export function checkVectors(
  vectors: readonly ArrayLike<number>[],
  expected: number,
  dimensions: number,
  who: string,
): Float32Array[] {
  if (vectors.length !== expected) {
    throw new EmbeddingsError(`${who} returned ${vectors.length} embeddings for ${expected} texts`);
  }
  return vectors.map((v, i) => {
    if (v.length !== dimensions) {
      throw new EmbeddingsError(
        `${who} returned a ${v.length}-dimensional vector (text ${i}); set EMBEDDINGS_DIMENSIONS=${v.length} or use a model with ${dimensions}`,
      );
    }
    const out = Float32Array.from(v);
    if (!out.every(Number.isFinite))
      throw new EmbeddingsError(`${who} returned a non-finite value (text ${i})`);
    return l2normalise(out);
  });
}
