import { type Visibility, VisibilitySchema } from '../knowledge-graph/schema/index.js';
import { type Chunk, type ChunkOptions, chunkText } from './chunk.js';
import { cleanText } from './clean.js';
import { IngestError } from './errors.js';
import type { EntityLinker } from './link.js';
import type { DocFormat, RawDocument } from './load/types.js';
import { contentHash, type DocumentMeta, extractMeta } from './metadata.js';
import type { Tokenizer } from './tokenize.js';

/** A document ready to write: cleaned text, metadata, chunks with tokens and entity mentions. */
export interface PreparedDocument {
  id: string;
  source: string;
  name: string;
  format: DocFormat;
  hash: string;
  meta: DocumentMeta;
  visibility: Visibility;
  text: string;
  chunks: PreparedChunk[];
}

export interface PreparedChunk extends Chunk {
  tokens: string[];
  entities: string[];
  /** What is embedded: the section path gives a passage its context. */
  embedText: string;
}

export function prepareDocument(
  raw: RawDocument,
  tools: { tokenizer: Tokenizer; linker: EntityLinker; chunking?: ChunkOptions },
  visibilityOverride?: string,
): PreparedDocument {
  const text = cleanText(raw.text);
  if (!text) throw new IngestError(raw.source, 'has no text after extraction');
  const parsed = VisibilitySchema.safeParse(visibilityOverride ?? raw.meta.visibility ?? 'public');
  if (!parsed.success) {
    throw new IngestError(
      raw.source,
      `visibility "${visibilityOverride ?? raw.meta.visibility}" is not public, industry or enterprise:<id>`,
    );
  }
  const visibility = parsed.data;
  const meta = extractMeta(text, raw.meta, raw.name);
  const hash = contentHash(`${visibility}\n${text}`);
  const chunks = chunkText(text, meta.title, tools.chunking).map((chunk) => {
    const context = chunk.section.join(' ');
    return {
      ...chunk,
      tokens: tools.tokenizer.tokens(`${context}\n${chunk.text}`),
      entities: [...new Set(tools.linker.find(chunk.text).map((m) => m.id))],
      embedText: `${context}\n${chunk.text}`,
    };
  });
  return {
    id: hash.slice(0, 16),
    source: raw.source,
    name: raw.name,
    format: raw.format,
    hash,
    meta,
    visibility,
    text,
    chunks,
  };
}
