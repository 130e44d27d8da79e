import { HashEmbeddings } from './hash.js';
import { OllamaEmbeddings } from './ollama.js';
import { OpenAIEmbeddings } from './openai.js';
import { type Embeddings, EmbeddingsError } from './port.js';
import { TransformersEmbeddings } from './transformers.js';

export type { EmbedPurpose, Embeddings } from './port.js';
export { EmbeddingsError, l2normalise } from './port.js';
export { HashEmbeddings } from './hash.js';

/** The embeddings settings (same shape as the engine config's `embeddings` section). */
export interface EmbeddingsSettings {
  provider: 'hash' | 'transformers' | 'openai' | 'ollama';
  model?: string;
  modelDir?: string;
  baseUrl?: string;
  apiKey?: string;
  dimensions: number;
}

const BGE_ZH_QUERY = '为这个句子生成表示以用于检索相关文章：';

export function createEmbeddings(settings: EmbeddingsSettings): Embeddings {
  switch (settings.provider) {
    case 'hash':
      return new HashEmbeddings(settings.dimensions);
    case 'transformers':
      if (!settings.modelDir) {
        throw new EmbeddingsError(
          'embeddings.provider is transformers but EMBEDDINGS_MODEL_DIR is not set; point it at a local model directory',
        );
      }
      return new TransformersEmbeddings({
        modelDir: settings.modelDir,
        dimensions: settings.dimensions,
        queryInstruction: /bge.*zh/i.test(settings.modelDir) ? BGE_ZH_QUERY : '',
        // BGE is trained for its [CLS] vector; copies without 1_Pooling/config.json do not say so.
        ...(/bge/i.test(settings.modelDir) ? { pooling: 'cls' as const } : {}),
      });
    case 'openai':
    case 'ollama': {
      if (!settings.baseUrl || !settings.model) {
        throw new EmbeddingsError(
          `embeddings.provider is ${settings.provider} but EMBEDDINGS_BASE_URL or EMBEDDINGS_MODEL is not set; set both`,
        );
      }
      const common = { baseUrl: settings.baseUrl, model: settings.model, dimensions: settings.dimensions };
      return settings.provider === 'openai'
        ? new OpenAIEmbeddings({ ...common, ...(settings.apiKey ? { apiKey: settings.apiKey } : {}) })
        : new OllamaEmbeddings(common);
    }
  }
}
