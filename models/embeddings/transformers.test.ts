import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import onnxProto from 'onnx-proto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createEmbeddings } from './index.js';
import { l2normalise } from './port.js';
import { TransformersEmbeddings } from './transformers.js';

const { onnx } = onnxProto;

/*
 * A tiny but genuine BERT-shaped model directory, written at test time: a WordPiece tokenizer in
 * the Hugging Face tokenizers JSON format and an ONNX graph whose last_hidden_state is a lookup
 * of a fixed embedding matrix. Mean pooling over it is then computable by hand, so the test can
 * check the whole path (tokenizer, ONNX Runtime, pooling, normalisation) against an oracle.
 */
// Wide enough that random rows are nearly orthogonal, so shared tokens, not chance, decide closeness.
const HIDDEN = 32;
const VOCAB = [
  '[PAD]',
  '[UNK]',
  '[CLS]',
  '[SEP]',
  '产',
  '业',
  '大',
  '脑',
  '数',
  '据',
  '链',
  '风',
  '险',
  '天',
  '气',
  'industry',
  'brain',
  'data',
  'chain',
  'risk',
  'the',
  'cat',
  'mat',
  '##s',
];
const id = (token: string) => VOCAB.indexOf(token);

/** Deterministic pseudo-random rows (mulberry32), so every run builds the same model. */
function embeddingMatrix(): Float32Array {
  let state = 0x1b873593;
  const next = () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return Float32Array.from({ length: VOCAB.length * HIDDEN }, () => next() * 2 - 1);
}
const MATRIX = embeddingMatrix();

function idsInput(name: string): onnxProto.onnx.IValueInfoProto {
  return {
    name,
    type: {
      tensorType: {
        elemType: onnx.TensorProto.DataType.INT64,
        shape: { dim: [{ dimParam: 'batch' }, { dimParam: 'sequence' }] },
      },
    },
  };
}

function modelBytes(): Uint8Array {
  const graph: onnxProto.onnx.IGraphProto = {
    name: 'tiny_bert',
    // attention_mask and token_type_ids are declared, though unused, because transformers.js feeds
    // a BERT model exactly the inputs its session lists and a real BERT export lists all three.
    input: [idsInput('input_ids'), idsInput('attention_mask'), idsInput('token_type_ids')],
    output: [
      {
        name: 'last_hidden_state',
        type: {
          tensorType: {
            elemType: onnx.TensorProto.DataType.FLOAT,
            shape: { dim: [{ dimParam: 'batch' }, { dimParam: 'sequence' }, { dimValue: HIDDEN }] },
          },
        },
      },
    ],
    initializer: [
      {
        name: 'word_embeddings',
        dims: [VOCAB.length, HIDDEN],
        dataType: onnx.TensorProto.DataType.FLOAT,
        rawData: new Uint8Array(MATRIX.buffer, MATRIX.byteOffset, MATRIX.byteLength),
      },
    ],
    node: [
      {
        opType: 'Gather',
        input: ['word_embeddings', 'input_ids'],
        output: ['last_hidden_state'],
        attribute: [{ name: 'axis', i: 0, type: onnx.AttributeProto.AttributeType.INT }],
      },
    ],
  };
  const model = onnx.ModelProto.create({
    irVersion: 8,
    producerName: 'industry-brain-test',
    opsetImport: [{ domain: '', version: 13 }],
    graph,
  });
  return onnx.ModelProto.encode(model).finish();
}

const SPECIAL = ['[PAD]', '[UNK]', '[CLS]', '[SEP]'];

function writeModelDir(
  dir: string,
  options: { onnx?: boolean; declaredPooling?: 'cls' | 'mean' } = {},
): void {
  mkdirSync(join(dir, 'onnx'), { recursive: true });
  const json = (file: string, value: unknown) => writeFileSync(join(dir, file), JSON.stringify(value));
  json('config.json', {
    model_type: 'bert',
    architectures: ['BertModel'],
    hidden_size: HIDDEN,
    vocab_size: VOCAB.length,
    num_hidden_layers: 1,
    num_attention_heads: 1,
    intermediate_size: HIDDEN,
    max_position_embeddings: 64,
    type_vocab_size: 2,
    pad_token_id: 0,
  });
  json('tokenizer.json', {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: SPECIAL.map((content) => ({
      id: id(content),
      content,
      single_word: false,
      lstrip: false,
      rstrip: false,
      normalized: false,
      special: true,
    })),
    normalizer: {
      type: 'BertNormalizer',
      clean_text: true,
      handle_chinese_chars: true,
      strip_accents: null,
      lowercase: true,
    },
    pre_tokenizer: { type: 'BertPreTokenizer' },
    post_processor: {
      type: 'TemplateProcessing',
      single: [
        { SpecialToken: { id: '[CLS]', type_id: 0 } },
        { Sequence: { id: 'A', type_id: 0 } },
        { SpecialToken: { id: '[SEP]', type_id: 0 } },
      ],
      pair: [
        { SpecialToken: { id: '[CLS]', type_id: 0 } },
        { Sequence: { id: 'A', type_id: 0 } },
        { SpecialToken: { id: '[SEP]', type_id: 0 } },
        { Sequence: { id: 'B', type_id: 1 } },
        { SpecialToken: { id: '[SEP]', type_id: 1 } },
      ],
      special_tokens: Object.fromEntries(
        ['[CLS]', '[SEP]'].map((t) => [t, { id: t, ids: [id(t)], tokens: [t] }]),
      ),
    },
    decoder: { type: 'WordPiece', prefix: '##', cleanup: true },
    model: {
      type: 'WordPiece',
      unk_token: '[UNK]',
      continuing_subword_prefix: '##',
      max_input_chars_per_word: 100,
      vocab: Object.fromEntries(VOCAB.map((token, i) => [token, i])),
    },
  });
  json('tokenizer_config.json', {
    tokenizer_class: 'BertTokenizer',
    do_lower_case: true,
    tokenize_chinese_chars: true,
    model_max_length: 64,
    pad_token: '[PAD]',
    unk_token: '[UNK]',
    cls_token: '[CLS]',
    sep_token: '[SEP]',
  });
  json('special_tokens_map.json', {
    pad_token: '[PAD]',
    unk_token: '[UNK]',
    cls_token: '[CLS]',
    sep_token: '[SEP]',
  });
  if (options.onnx !== false) writeFileSync(join(dir, 'onnx', 'model.onnx'), modelBytes());
  if (options.declaredPooling) {
    mkdirSync(join(dir, '1_Pooling'));
    json(join('1_Pooling', 'config.json'), {
      word_embedding_dimension: HIDDEN,
      pooling_mode_cls_token: options.declaredPooling === 'cls',
      pooling_mode_mean_tokens: options.declaredPooling === 'mean',
      pooling_mode_max_tokens: false,
    });
  }
}

/** What mean pooling over the lookup graph must give for these tokens ([CLS] … [SEP] included). */
function expected(tokens: readonly string[]): number[] {
  const all = ['[CLS]', ...tokens, '[SEP]'];
  const sum = new Float32Array(HIDDEN);
  for (const token of all) {
    const row = id(token);
    expect(row).toBeGreaterThanOrEqual(0);
    for (let k = 0; k < HIDDEN; k++) sum[k]! += MATRIX[row * HIDDEN + k]! / all.length;
  }
  return Array.from(l2normalise(sum));
}

const clsRow = () => Array.from(l2normalise(MATRIX.slice(id('[CLS]') * HIDDEN, (id('[CLS]') + 1) * HIDDEN)));

const dot = (a: Float32Array, b: Float32Array) => a.reduce((s, v, i) => s + v * b[i]!, 0);
function close(actual: Float32Array, want: readonly number[]): void {
  expect(actual).toHaveLength(want.length);
  for (let k = 0; k < want.length; k++) expect(actual[k]).toBeCloseTo(want[k]!, 5);
}

describe('TransformersEmbeddings over a real (tiny) local model', () => {
  let root: string;
  let modelDir: string;

  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'ibrain-tfjs-'));
    modelDir = join(root, 'tiny-bert');
    writeModelDir(modelDir);
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('tokenises per Chinese character and per lower-cased word, mean-pools, L2-normalises', async () => {
    const e = new TransformersEmbeddings({ modelDir, dimensions: HIDDEN });
    const [zh, en, unknown] = await e.embed(['产业大脑', 'Industry BRAIN risks', '喵 zebra']);
    expect(e.id).toBe(`transformers:tiny-bert:${HIDDEN}`);
    for (const v of [zh!, en!, unknown!]) {
      expect(v).toBeInstanceOf(Float32Array);
      expect(v).toHaveLength(HIDDEN);
      expect(dot(v, v)).toBeCloseTo(1, 5);
    }
    close(zh!, expected(['产', '业', '大', '脑']));
    close(en!, expected(['industry', 'brain', 'risk', '##s']));
    close(unknown!, expected(['[UNK]', '[UNK]']));
  });

  it('is deterministic and unaffected by batch padding', async () => {
    const e = new TransformersEmbeddings({ modelDir, dimensions: HIDDEN });
    const [alone] = await e.embed(['数据']);
    const [padded, long] = await e.embed(['数据', '产业链风险天气数据大脑 the cat mat']);
    const [again] = await e.embed(['数据']);
    expect(await e.embed([])).toEqual([]);
    expect(Array.from(padded!)).toEqual(Array.from(alone!));
    expect(Array.from(again!)).toEqual(Array.from(alone!));
    expect(Array.from(long!)).not.toEqual(Array.from(alone!));
  });

  it('puts texts that share tokens closer than texts that do not', async () => {
    const e = new TransformersEmbeddings({ modelDir, dimensions: HIDDEN });
    const [a, b, c] = await e.embed(['产业链风险', '产业链数据', '天气 the cat mat']);
    expect(dot(a!, b!)).toBeGreaterThan(dot(a!, c!) + 0.15);
    expect(dot(a!, b!)).toBeGreaterThan(dot(b!, c!) + 0.15);
  });

  it('prefixes the query instruction to queries only', async () => {
    const e = new TransformersEmbeddings({ modelDir, dimensions: HIDDEN, queryInstruction: '天气' });
    const [doc] = await e.embed(['数据'], 'document');
    const [query] = await e.embed(['数据'], 'query');
    close(doc!, expected(['数', '据']));
    close(query!, expected(['天', '气', '数', '据']));
  });

  it('loads with remote models switched off and never fetches', async () => {
    const { env } = await import('@huggingface/transformers');
    const libraryFetch = vi.spyOn(env, 'fetch');
    const globalFetch = vi.spyOn(globalThis, 'fetch');
    try {
      const [v] = await new TransformersEmbeddings({ modelDir, dimensions: HIDDEN }).embed(['数据']);
      close(v!, expected(['数', '据']));
      expect(env.allowRemoteModels).toBe(false);
      expect(libraryFetch).not.toHaveBeenCalled();
      expect(globalFetch).not.toHaveBeenCalled();
    } finally {
      libraryFetch.mockRestore();
      globalFetch.mockRestore();
    }
  });

  it('uses the [CLS] vector when the directory declares CLS pooling', async () => {
    const dir = join(root, 'declared-cls');
    writeModelDir(dir, { declaredPooling: 'cls' });
    const [a, b] = await new TransformersEmbeddings({ modelDir: dir, dimensions: HIDDEN }).embed([
      '产业',
      'the cat',
    ]);
    // The lookup graph has no attention, so the [CLS] position holds the [CLS] row for any text.
    close(a!, clsRow());
    close(b!, clsRow());
  });

  it('gives a BGE directory that declares nothing CLS pooling', async () => {
    const dir = join(root, 'bge-tiny-zh');
    writeModelDir(dir);
    const e = createEmbeddings({ provider: 'transformers', modelDir: dir, dimensions: HIDDEN });
    const [v] = await e.embed(['产业']);
    close(v!, clsRow());
  });

  it('refuses a dimension that disagrees with the model config', async () => {
    const e = new TransformersEmbeddings({ modelDir, dimensions: 512 });
    const error = await e.embed(['x']).catch((err: unknown) => err);
    expect(error).toMatchObject({ name: 'EmbeddingsError', userFacing: true });
    expect(String(error)).toContain(`EMBEDDINGS_DIMENSIONS=${HIDDEN}`);
  });
});

describe('TransformersEmbeddings errors', () => {
  let root: string;
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'ibrain-tfjs-bad-'));
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('names a missing model directory', async () => {
    const missing = join(root, 'nowhere');
    const e = createEmbeddings({ provider: 'transformers', modelDir: missing, dimensions: HIDDEN });
    const error = await e.embed(['x']).catch((err: unknown) => err);
    expect(error).toMatchObject({ name: 'EmbeddingsError', userFacing: true });
    expect(String(error)).toContain(missing);
  });

  it('names the missing onnx/model.onnx', async () => {
    const dir = join(root, 'no-onnx');
    writeModelDir(dir, { onnx: false });
    const e = new TransformersEmbeddings({ modelDir: dir, dimensions: HIDDEN });
    const error = await e.embed(['x']).catch((err: unknown) => err);
    expect(error).toMatchObject({ name: 'EmbeddingsError', userFacing: true });
    expect(String(error)).toContain(join(dir, 'onnx', 'model.onnx'));
  });

  it('names the directory when ONNX Runtime rejects the model file', async () => {
    const dir = join(root, 'corrupt');
    writeModelDir(dir);
    writeFileSync(join(dir, 'onnx', 'model.onnx'), 'not a protobuf');
    const error = await new TransformersEmbeddings({ modelDir: dir, dimensions: HIDDEN })
      .embed(['x'])
      .catch((err: unknown) => err);
    expect(error).toMatchObject({ name: 'EmbeddingsError', userFacing: true });
    expect(String(error)).toContain(dir);
  });
});
