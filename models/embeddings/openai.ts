import OpenAI from 'openai';
import { checkVectors, type Embeddings, EmbeddingsError } from './port.js';

export interface OpenAIEmbeddingsOptions {
  baseUrl: string;
  apiKey?: string;
  model: string;
  dimensions: number;
  /** Texts per request; providers cap batch sizes (DashScope at 10, OpenAI at 2048). */
  batchSize?: number;
  timeoutMs?: number;
  maxRetries?: number;
}

/**
 * Any OpenAI-compatible `/embeddings` endpoint (OpenAI, DashScope, Zhipu, vLLM, llama.cpp server)
 * through the official SDK, which brings timeouts and retries with backoff on 408/429/5xx.
 */
export class OpenAIEmbeddings implements Embeddings {
  readonly id: string;
  readonly dimensions: number;
  private readonly client: OpenAI;

  constructor(private readonly options: OpenAIEmbeddingsOptions) {
    this.dimensions = options.dimensions;
    this.id = `openai:${options.model}:${options.dimensions}`;
    this.client = new OpenAI({
      baseURL: options.baseUrl,
      // Local servers (vLLM, llama.cpp) take no key, but the SDK insists on one.
      apiKey: options.apiKey ?? 'no-key',
      timeout: options.timeoutMs ?? 60_000,
      maxRetries: options.maxRetries ?? 2,
    });
  }

  async embed(texts: readonly string[]): Promise<Float32Array[]> {
    const out: Float32Array[] = [];
    const size = this.options.batchSize ?? 64;
    for (let i = 0; i < texts.length; i += size) {
      const batch = texts.slice(i, i + size);
      let data: Array<{ index: number; embedding: number[] }>;
      try {
        ({ data } = await this.client.embeddings.create({
          model: this.options.model,
          input: batch,
          encoding_format: 'float',
        }));
      } catch (error) {
        throw new EmbeddingsError(
          `embeddings endpoint ${this.options.baseUrl} failed: ${(error as Error).message}; check EMBEDDINGS_BASE_URL, EMBEDDINGS_MODEL and EMBEDDINGS_API_KEY`,
        );
      }
      const ordered = [...data].sort((a, b) => a.index - b.index).map((d) => d.embedding);
      out.push(...checkVectors(ordered, batch.length, this.dimensions, this.options.baseUrl));
    }
    return out;
  }
}
