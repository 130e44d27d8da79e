import { existsSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { checkVectors, type EmbedPurpose, type Embeddings, EmbeddingsError } from './port.js';

export interface TransformersEmbeddingsOptions {
  /** A local model directory (config.json, tokenizer.json, onnx/model.onnx), e.g. ./models/bge-small-zh-v1.5. */
  modelDir: string;
  dimensions: number;
  /** Prefix for queries; BGE Chinese models are trained with this instruction. */
  queryInstruction?: string;
}

/** The slice of @huggingface/transformers this provider uses. */
interface Tensor {
  tolist(): number[][];
}
type FeatureExtractor = (
  texts: string[],
  options: { pooling: 'cls' | 'mean'; normalize: boolean },
) => Promise<Tensor>;
interface TransformersModule {
  env: { allowRemoteModels: boolean; allowLocalModels: boolean; localModelPath: string };
  pipeline(
    task: 'feature-extraction',
    model: string,
    options?: { local_files_only?: boolean },
  ): Promise<FeatureExtractor>;
}

// A variable specifier keeps the package optional: it is loaded only when this provider is chosen.
const PACKAGE = '@huggingface/transformers';

/**
 * A local ONNX embedding model run offline through transformers.js (onnxruntime-node). Remote
 * downloads are switched off: the model directory must already be on disk.
 */
export class TransformersEmbeddings implements Embeddings {
  readonly id: string;
  readonly dimensions: number;
  private extractor: Promise<FeatureExtractor> | undefined;

  constructor(private readonly options: TransformersEmbeddingsOptions) {
    this.dimensions = options.dimensions;
    this.id = `transformers:${basename(resolve(options.modelDir))}:${options.dimensions}`;
  }

  private load(): Promise<FeatureExtractor> {
    this.extractor ??= (async () => {
      const dir = resolve(this.options.modelDir);
      if (!existsSync(dir)) {
        throw new EmbeddingsError(
          `embeddings model directory ${dir} does not exist; set EMBEDDINGS_MODEL_DIR to a downloaded model`,
        );
      }
      let lib: TransformersModule;
      try {
        lib = (await import(PACKAGE)) as TransformersModule;
      } catch {
        throw new EmbeddingsError(`the transformers provider needs ${PACKAGE}; run: npm install ${PACKAGE}`);
      }
      lib.env.allowRemoteModels = false;
      lib.env.allowLocalModels = true;
      lib.env.localModelPath = dirname(dir);
      return lib.pipeline('feature-extraction', basename(dir), { local_files_only: true });
    })();
    return this.extractor;
  }

  async embed(texts: readonly string[], purpose: EmbedPurpose = 'document'): Promise<Float32Array[]> {
    const extractor = await this.load();
    const prefix = purpose === 'query' ? (this.options.queryInstruction ?? '') : '';
    const out: Float32Array[] = [];
    for (let i = 0; i < texts.length; i += 16) {
      const batch = texts.slice(i, i + 16).map((t) => prefix + t);
      const tensor = await extractor(batch, { pooling: 'cls', normalize: true });
      out.push(...checkVectors(tensor.tolist(), batch.length, this.dimensions, this.id));
    }
    return out;
  }
}
