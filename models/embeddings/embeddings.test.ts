import { describe, expect, it } from 'vitest';
import { HashEmbeddings } from './hash.js';
import { createEmbeddings } from './index.js';

const dot = (a: Float32Array, b: Float32Array) => a.reduce((s, v, i) => s + v * b[i]!, 0);

describe('HashEmbeddings', () => {
  it('is deterministic, unit length, and closer for similar text', async () => {
    const e = new HashEmbeddings(512);
    const [a, b, c, a2] = await e.embed([
      '行业数据仓是数字底座',
      '数据仓是行业大脑的数字底座',
      'The cat sat on the mat',
      '行业数据仓是数字底座',
    ]);
    expect(Array.from(a!)).toEqual(Array.from(a2!));
    expect(dot(a!, a!)).toBeCloseTo(1, 5);
    expect(dot(a!, b!)).toBeGreaterThan(dot(a!, c!) + 0.3);
    expect(e.id).toBe('hash:v1:512');
  });
});

describe('createEmbeddings', () => {
  it('builds providers and explains missing settings', () => {
    expect(createEmbeddings({ provider: 'hash', dimensions: 64 }).dimensions).toBe(64);
    expect(() => createEmbeddings({ provider: 'openai', dimensions: 64 })).toThrow(/EMBEDDINGS_BASE_URL/);
    expect(() => createEmbeddings({ provider: 'transformers', dimensions: 64 })).toThrow(
      /EMBEDDINGS_MODEL_DIR/,
    );
    expect(
      createEmbeddings({
        provider: 'ollama',
        baseUrl: 'http://127.0.0.1:11434',
        model: 'bge-m3',
        dimensions: 1024,
      }).id,
    ).toBe('ollama:bge-m3:1024');
  });

  it('refuses a transformers model directory that does not exist, without downloading', async () => {
    const e = createEmbeddings({
      provider: 'transformers',
      modelDir: '/nonexistent/bge-small-zh',
      dimensions: 512,
    });
    await expect(e.embed(['x'])).rejects.toThrow(/does not exist/);
  });
});
