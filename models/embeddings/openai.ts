import { z } from 'zod';
import { postJson } from './http.js';
import { checkVectors, type Embeddings, EmbeddingsError } from './port.js';

export interface OpenAIEmbeddingsOptions {
  baseUrl: string;
  apiKey?: string;
  model: string;
  dimensions: number;
  /** Texts per request; providers cap batch sizes (DashScope at 10, OpenAI at 2048). */
  batchSize?: number;
  timeoutMs?: number;
}

const ResponseSchema = z.object({
  data: z.array(z.object({ index: z.number().int(), embedding: z.array(z.number()) })),
});

/** Any OpenAI-compatible `/embeddings` endpoint (OpenAI, DashScope, Zhipu, vLLM, llama.cpp server). */
export class OpenAIEmbeddings implements Embeddings {
  readonly id: string;
  readonly dimensions: number;

  constructor(private readonly options: OpenAIEmbeddingsOptions) {
    this.dimensions = options.dimensions;
    this.id = `openai:${options.model}:${options.dimensions}`;
  }

  async embed(texts: readonly string[]): Promise<Float32Array[]> {
    const out: Float32Array[] = [];
    const size = this.options.batchSize ?? 64;
    const url = `${this.options.baseUrl.replace(/\/$/, '')}/embeddings`;
    for (let i = 0; i < texts.length; i += size) {
      const batch = texts.slice(i, i + size);
      const raw = await postJson(
        url,
        { model: this.options.model, input: batch },
        this.options.apiKey ? { authorization: `Bearer ${this.options.apiKey}` } : {},
        this.options.timeoutMs ?? 60_000,
      );
      const parsed = ResponseSchema.safeParse(raw);
      if (!parsed.success)
        throw new EmbeddingsError(
          `${url} answered without data[].embedding: ${parsed.error.issues[0]?.message}`,
        );
      const ordered = [...parsed.data.data].sort((a, b) => a.index - b.index).map((d) => d.embedding);
      out.push(...checkVectors(ordered, batch.length, this.dimensions, url));
    }
    return out;
  }
}
