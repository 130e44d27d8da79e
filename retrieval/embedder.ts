/**
 * What retrieval needs from an embeddings provider, declared here so retrieval does not import
 * the models layer; every provider in models/embeddings satisfies it.
 */
export interface Embedder {
  readonly id: string;
  readonly dimensions: number;
  embed(texts: readonly string[], purpose?: 'document' | 'query'): Promise<Float32Array[]>;
}
