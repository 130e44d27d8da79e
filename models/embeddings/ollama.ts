import { z } from 'zod';
import { postJson } from './http.js';
import { checkVectors, type Embeddings, EmbeddingsError } from './port.js';

export interface OllamaEmbeddingsOptions {
  baseUrl: string;
  model: string;
  dimensions: number;
  timeoutMs?: number;
}

const ResponseSchema = z.object({ embeddings: z.array(z.array(z.number())) });

/** Ollama's `/api/embed` (batch input), e.g. model `bge-m3` or `nomic-embed-text`. */
export class OllamaEmbeddings implements Embeddings {
  readonly id: string;
  readonly dimensions: number;

  constructor(private readonly options: OllamaEmbeddingsOptions) {
    this.dimensions = options.dimensions;
    this.id = `ollama:${options.model}:${options.dimensions}`;
  }

  async embed(texts: readonly string[]): Promise<Float32Array[]> {
    const url = `${this.options.baseUrl.replace(/\/$/, '')}/api/embed`;
    const out: Float32Array[] = [];
    for (let i = 0; i < texts.length; i += 32) {
      const batch = texts.slice(i, i + 32);
      const raw = await postJson(
        url,
        { model: this.options.model, input: batch },
        {},
        this.options.timeoutMs ?? 60_000,
      );
      const parsed = ResponseSchema.safeParse(raw);
      if (!parsed.success)
        throw new EmbeddingsError(`${url} answered without embeddings[]: ${parsed.error.issues[0]?.message}`);
      out.push(...checkVectors(parsed.data.embeddings, batch.length, this.dimensions, url));
    }
    return out;
  }
}
