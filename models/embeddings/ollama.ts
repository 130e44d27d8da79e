import { Ollama } from 'ollama';
import { checkVectors, type Embeddings, EmbeddingsError } from './port.js';

export interface OllamaEmbeddingsOptions {
  baseUrl: string;
  model: string;
  dimensions: number;
  timeoutMs?: number;
}

/** Ollama's batch embeddings (`/api/embed`) through the official client, e.g. `bge-m3`. */
export class OllamaEmbeddings implements Embeddings {
  readonly id: string;
  readonly dimensions: number;
  private readonly client: Ollama;

  constructor(private readonly options: OllamaEmbeddingsOptions) {
    this.dimensions = options.dimensions;
    this.id = `ollama:${options.model}:${options.dimensions}`;
    const timeoutMs = options.timeoutMs ?? 60_000;
    // The client has no timeout of its own: every request gets an abort signal.
    this.client = new Ollama({
      host: options.baseUrl,
      fetch: (input, init) => fetch(input, { ...init, signal: AbortSignal.timeout(timeoutMs) }),
    });
  }

  async embed(texts: readonly string[]): Promise<Float32Array[]> {
    const out: Float32Array[] = [];
    for (let i = 0; i < texts.length; i += 32) {
      const batch = texts.slice(i, i + 32);
      let embeddings: number[][];
      try {
        ({ embeddings } = await this.client.embed({ model: this.options.model, input: batch }));
      } catch (error) {
        throw new EmbeddingsError(
          `Ollama at ${this.options.baseUrl} failed to embed: ${(error as Error).message}; check EMBEDDINGS_BASE_URL and that the model is pulled`,
        );
      }
      out.push(...checkVectors(embeddings, batch.length, this.dimensions, this.options.baseUrl));
    }
    return out;
  }
}
