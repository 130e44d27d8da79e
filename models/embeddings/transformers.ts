import { existsSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
// Type-only, so erased: the package itself is imported lazily in load(), never at CLI start-up.
import type { FeatureExtractionPipeline } from '@huggingface/transformers';
import { checkVectors, type EmbedPurpose, type Embeddings, EmbeddingsError } from './port.js';

/** How token vectors become one text vector: the [CLS] token's, or the mask-weighted mean. */
export type Pooling = 'cls' | 'mean';

export interface TransformersEmbeddingsOptions {
  /** A local model directory (config.json, tokenizer.json, onnx/model.onnx), e.g. ./models/bge-small-zh-v1.5. */
  modelDir: string;
  dimensions: number;
  /** Prefix for queries; BGE Chinese models are trained with this instruction. */
  queryInstruction?: string;
  /**
   * Pooling when the directory does not declare one in sentence-transformers' 1_Pooling/config.json;
   * defaults to mean, which is what sentence-transformers itself assumes for a bare model.
   */
  pooling?: Pooling;
}

const PACKAGE = '@huggingface/transformers';
const REQUIRED_FILES = ['config.json', 'tokenizer.json', 'tokenizer_config.json', join('onnx', 'model.onnx')];
const BATCH = 16;

/**
 * A local ONNX embedding model run offline through transformers.js (onnxruntime-node). Remote
 * downloads are switched off: the model directory must already be on disk.
 */
export class TransformersEmbeddings implements Embeddings {
  readonly id: string;
  readonly dimensions: number;
  private extractor: Promise<{ run: FeatureExtractionPipeline; pooling: Pooling }> | undefined;

  constructor(private readonly options: TransformersEmbeddingsOptions) {
    this.dimensions = options.dimensions;
    this.id = `transformers:${basename(resolve(options.modelDir))}:${options.dimensions}`;
  }

  private load(): Promise<{ run: FeatureExtractionPipeline; pooling: Pooling }> {
    this.extractor ??= this.open().catch((error: unknown) => {
      // A failed load is not cached, so fixing the directory does not need a restart.
      this.extractor = undefined;
      throw error;
    });
    return this.extractor;
  }

  private async open(): Promise<{ run: FeatureExtractionPipeline; pooling: Pooling }> {
    const dir = resolve(this.options.modelDir);
    if (!existsSync(dir)) {
      throw new EmbeddingsError(
        `embeddings model directory ${dir} does not exist; set EMBEDDINGS_MODEL_DIR to a downloaded model`,
      );
    }
    const missing = REQUIRED_FILES.map((file) => join(dir, file)).filter((path) => !existsSync(path));
    if (missing.length > 0) {
      throw new EmbeddingsError(
        `embeddings model directory ${dir} is incomplete: missing ${missing.join(', ')} (an ONNX export with its tokenizer is needed)`,
      );
    }
    const hidden = readJson(join(dir, 'config.json')).hidden_size;
    if (typeof hidden === 'number' && hidden !== this.dimensions) {
      throw new EmbeddingsError(
        `the model in ${dir} has ${hidden}-dimensional embeddings but EMBEDDINGS_DIMENSIONS is ${this.dimensions}; set EMBEDDINGS_DIMENSIONS=${hidden}`,
      );
    }
    const pooling = declaredPooling(dir) ?? this.options.pooling ?? 'mean';

    let lib: typeof import('@huggingface/transformers');
    try {
      lib = await import('@huggingface/transformers');
    } catch (error) {
      throw new EmbeddingsError(
        `the transformers provider could not load ${PACKAGE} (${String(error)}); run: npm install ${PACKAGE}`,
      );
    }
    lib.env.allowRemoteModels = false;
    lib.env.allowLocalModels = true;
    // An absolute path is not a Hub model id, so transformers.js reads it as is: no localModelPath
    // (global state) is needed, and a missing file can never fall through to a download.
    try {
      const run = await lib.pipeline('feature-extraction', dir, {
        local_files_only: true,
        dtype: 'fp32',
        device: 'cpu',
      });
      return { run, pooling };
    } catch (error) {
      throw new EmbeddingsError(
        `cannot load the embeddings model in ${dir}: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }

  async embed(texts: readonly string[], purpose: EmbedPurpose = 'document'): Promise<Float32Array[]> {
    if (texts.length === 0) return [];
    const { run, pooling } = await this.load();
    const prefix = purpose === 'query' ? (this.options.queryInstruction ?? '') : '';
    const out: Float32Array[] = [];
    for (let i = 0; i < texts.length; i += BATCH) {
      const batch = texts.slice(i, i + BATCH).map((t) => prefix + t);
      // checkVectors normalises, so the pipeline is not asked to.
      const tensor = await run(batch, { pooling, normalize: false });
      const { dims, data } = tensor;
      if (dims.length !== 2 || dims[0] !== batch.length || !(data instanceof Float32Array)) {
        throw new EmbeddingsError(
          `${this.id} returned a ${tensor.type} tensor of shape [${dims.join(', ')}], expected float32 [${batch.length}, ${this.dimensions}]`,
        );
      }
      const width = dims[1]!;
      const vectors = Array.from({ length: batch.length }, (_, r) =>
        data.subarray(r * width, (r + 1) * width),
      );
      out.push(...checkVectors(vectors, batch.length, this.dimensions, this.id));
    }
    return out;
  }
}

function readJson(path: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new EmbeddingsError(
      `cannot read ${path}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new EmbeddingsError(`${path} is not a JSON object`);
  }
  return value as Record<string, unknown>;
}

/** The pooling a sentence-transformers export declares; BGE, for one, declares CLS this way. */
function declaredPooling(dir: string): Pooling | undefined {
  const path = join(dir, '1_Pooling', 'config.json');
  if (!existsSync(path)) return undefined;
  const config = readJson(path);
  if (config.pooling_mode_cls_token === true) return 'cls';
  if (config.pooling_mode_mean_tokens === true) return 'mean';
  throw new EmbeddingsError(
    `${path} asks for a pooling mode this provider does not run; only CLS and mean are supported`,
  );
}
