import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { type Visibility, VisibilitySchema } from '../knowledge-graph/schema/index.js';
import { type Chunk, type ChunkOptions, chunkText } from './chunk.js';
import { cleanText } from './clean.js';
import { IngestError } from './errors.js';
import type { DocFormat, RawDocument } from './load/types.js';
import { contentHash, type DocumentMeta, extractMeta } from './metadata.js';

/**
 * A document read and cut up, before anything depends on the graph: cleaned text, metadata,
 * visibility, chunks. Plain data, so the document reader's worker can hand it over.
 */
export interface ExtractedDocument {
  id: string;
  source: string;
  name: string;
  format: DocFormat;
  hash: string;
  meta: DocumentMeta;
  visibility: Visibility;
  text: string;
  chunks: Chunk[];
}

/** A document ready to write: chunks with tokens and entity mentions. */
export interface PreparedDocument extends Omit<ExtractedDocument, 'chunks'> {
  chunks: PreparedChunk[];
}

export interface PreparedChunk extends Chunk {
  tokens: string[];
  entities: string[];
  /** What is embedded: the section path gives a passage its context. */
  embedText: string;
}

/** Tokens and entities as seen under one document's visibility (see dictionary.ts). */
export interface TextLens {
  tokens(text: string): string[];
  entityIds(text: string): string[];
}

/** `label` names the document in errors: its path by default, only its file name for an upload. */
export function extractDocument(
  raw: RawDocument,
  chunking?: ChunkOptions,
  visibilityOverride?: string,
  label = raw.source,
): ExtractedDocument {
  const text = cleanText(raw.text);
  if (!text) throw new IngestError(label, 'has no text after extraction');
  const parsed = VisibilitySchema.safeParse(visibilityOverride ?? raw.meta.visibility ?? 'public');
  if (!parsed.success) {
    throw new IngestError(
      label,
      `visibility "${visibilityOverride ?? raw.meta.visibility}" is not public, industry or enterprise:<id>`,
    );
  }
  const visibility = parsed.data;
  const meta = extractMeta(text, raw.meta, raw.name);
  const hash = contentHash(`${visibility}\n${text}`);
  return {
    id: hash.slice(0, 16),
    source: raw.source,
    name: raw.name,
    format: raw.format,
    hash,
    meta,
    visibility,
    text,
    chunks: chunkText(text, meta.title, chunking),
  };
}

/** Chunks tokenised at a time before the event loop gets a turn, so a long document never stalls a server. */
const SLICE = 32;

export async function annotate(doc: ExtractedDocument, lens: TextLens): Promise<PreparedDocument> {
  const chunks: PreparedChunk[] = [];
  for (const chunk of doc.chunks) {
    if (chunks.length % SLICE === SLICE - 1) await yieldToEventLoop();
    const context = chunk.section.join(' ');
    chunks.push({
      ...chunk,
      tokens: lens.tokens(`${context}\n${chunk.text}`),
      entities: [...new Set(lens.entityIds(chunk.text))],
      embedText: `${context}\n${chunk.text}`,
    });
  }
  return { ...doc, chunks };
}
