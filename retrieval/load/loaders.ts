import { readFile, stat } from 'node:fs/promises';
import { basename, extname, resolve } from 'node:path';
import { z } from 'zod';
import { IngestError } from '../errors.js';
import { decodeText, EncodingError, type TextEncodingName } from './encoding.js';
import { parseFrontMatter } from './frontmatter.js';
import { htmlTitle, htmlToText } from './html.js';
import { DEFAULT_LIMITS, megabytes, type ParseLimits } from './limits.js';
import type { DocFormat, RawDocument, StatedMeta } from './types.js';
import { checkUnpackedSize, UnpackLimitError } from './zip-guard.js';

export interface LoadOptions {
  limits?: Partial<ParseLimits>;
  /** Files above this size are refused (one clear error) instead of exhausting memory. */
  maxBytes?: number;
  encoding?: TextEncodingName;
}

export const DEFAULT_MAX_BYTES = DEFAULT_LIMITS.maxBytes;

const EXTENSIONS: Record<string, DocFormat> = {
  '.txt': 'txt',
  '.text': 'txt',
  '.md': 'md',
  '.markdown': 'md',
  '.html': 'html',
  '.htm': 'html',
  '.docx': 'docx',
  '.pdf': 'pdf',
  '.json': 'json',
};

export function formatOf(path: string): DocFormat | undefined {
  return EXTENSIONS[extname(path).toLowerCase()];
}

function limitsOf(options: LoadOptions): ParseLimits {
  return {
    ...DEFAULT_LIMITS,
    ...options.limits,
    ...(options.maxBytes ? { maxBytes: options.maxBytes } : {}),
  };
}

/** Reads one file into one or more raw documents; every failure is an IngestError naming the file. */
export async function loadFile(path: string, options: LoadOptions = {}): Promise<RawDocument[]> {
  const source = resolve(path);
  if (!formatOf(source)) {
    throw new IngestError(
      path,
      `unsupported file type "${extname(path) || '(none)'}"; use .txt, .md, .html, .docx, .pdf or .json`,
    );
  }
  const info = await stat(source).catch((error: Error) => {
    throw new IngestError(path, `cannot read: ${error.message}`);
  });
  if (!info.isFile()) throw new IngestError(path, 'is not a regular file');
  const limit = limitsOf(options).maxBytes;
  if (info.size > limit) {
    throw new IngestError(
      path,
      `is ${megabytes(info.size)}, over the ${megabytes(limit)} limit; split it or raise the limit (--max-mb)`,
      true,
    );
  }
  return loadBytes(await readFile(source), { source, name: basename(source), label: path }, options);
}

/**
 * Reads a document's bytes (a file, or an upload that never touched the disk) within the limits:
 * size, unpacked size of a .docx, pages of a PDF, characters of text. `label` names the file in
 * errors (a path on the command line, only the file name for an upload).
 */
export async function loadBytes(
  bytes: Buffer,
  origin: { source: string; name: string; label: string },
  options: LoadOptions = {},
): Promise<RawDocument[]> {
  const path = origin.label;
  const format = formatOf(origin.name);
  if (!format) {
    throw new IngestError(
      path,
      `unsupported file type "${extname(origin.name) || '(none)'}"; use .txt, .md, .html, .docx, .pdf or .json`,
    );
  }
  if (bytes.length === 0) throw new IngestError(path, 'is empty');
  const limits = limitsOf(options);
  if (bytes.length > limits.maxBytes) {
    throw new IngestError(
      path,
      `is ${megabytes(bytes.length)}, over the ${megabytes(limits.maxBytes)} limit`,
      true,
    );
  }
  const base = { source: origin.source, name: origin.name, format };
  const text = (decoded: string): string => {
    if (decoded.length > limits.maxChars) throw tooManyChars(path, decoded.length, limits.maxChars);
    return decoded;
  };
  try {
    switch (format) {
      case 'txt':
        return [{ ...base, text: text(decodeText(bytes, options.encoding).text), meta: {} }];
      case 'md': {
        const front = parseFrontMatter(text(decodeText(bytes, options.encoding).text));
        return [{ ...base, text: front.body, meta: frontMeta(front.data, path) }];
      }
      case 'html': {
        const html = decodeText(bytes, options.encoding).text;
        const title = htmlTitle(html);
        return [{ ...base, text: text(htmlToText(html)), meta: title ? { title } : {} }];
      }
      case 'docx':
        return [{ ...base, text: text(await docxText(bytes, path, limits)), meta: {} }];
      case 'pdf':
        return [{ ...base, text: await pdfText(bytes, path, limits), meta: {} }];
      case 'json':
        return jsonDocuments(text(decodeText(bytes, options.encoding).text), base, path);
    }
  } catch (error) {
    if (error instanceof IngestError) throw error;
    if (error instanceof EncodingError) throw new IngestError(path, error.message);
    throw new IngestError(path, `cannot be read as ${format}: ${(error as Error).message}`);
  }
}

function tooManyChars(path: string, chars: number, max: number): IngestError {
  return new IngestError(
    path,
    `holds ${chars.toLocaleString('en')} characters of text, over the ${max.toLocaleString('en')} limit; split it`,
    true,
  );
}

async function docxText(bytes: Buffer, path: string, limits: ParseLimits): Promise<string> {
  if (bytes.subarray(0, 2).toString('latin1') !== 'PK') {
    throw new IngestError(
      path,
      'is not a valid .docx (not a ZIP container); re-save it from Word or convert it',
    );
  }
  try {
    await checkUnpackedSize(bytes, limits.maxUnpackedBytes);
  } catch (error) {
    if (error instanceof UnpackLimitError) throw new IngestError(path, error.message, true);
    throw new IngestError(path, `is a corrupted .docx: ${(error as Error).message}`);
  }
  const mammoth = await import('mammoth');
  try {
    return (await mammoth.extractRawText({ buffer: bytes })).value;
  } catch (error) {
    throw new IngestError(path, `is a corrupted .docx: ${(error as Error).message}`);
  }
}

interface PdfTextItem {
  str?: string;
  hasEOL?: boolean;
}

async function pdfText(bytes: Buffer, path: string, limits: ParseLimits): Promise<string> {
  if (!bytes.subarray(0, 1024).toString('latin1').includes('%PDF-')) {
    throw new IngestError(path, 'is not a valid PDF (no %PDF header)');
  }
  const { getDocumentProxy } = await import('unpdf');
  let pdf: Awaited<ReturnType<typeof getDocumentProxy>> | undefined;
  try {
    pdf = await getDocumentProxy(new Uint8Array(bytes));
    if (pdf.numPages > limits.maxPages) {
      throw new IngestError(
        path,
        `has ${pdf.numPages.toLocaleString('en')} pages, over the ${limits.maxPages.toLocaleString('en')}-page limit; split it`,
        true,
      );
    }
    // Page by page, so the character limit stops a long PDF early instead of after reading all of it.
    const pages: string[] = [];
    let chars = 0;
    for (let n = 1; n <= pdf.numPages; n++) {
      const page = await pdf.getPage(n);
      const content = await page.getTextContent();
      const text = (content.items as PdfTextItem[])
        .filter((item) => item.str != null)
        .map((item) => item.str + (item.hasEOL ? '\n' : ''))
        .join('');
      page.cleanup();
      chars += text.length;
      if (chars > limits.maxChars) throw tooManyChars(path, chars, limits.maxChars);
      pages.push(text);
    }
    // Form feeds mark page breaks so cleaning can find repeated headers and page numbers.
    const joined = pages.join('\n\f\n');
    if (!joined.trim())
      throw new IngestError(path, 'is a PDF with no text layer (scanned images?); run OCR first');
    return joined;
  } catch (error) {
    if (error instanceof IngestError) throw error;
    throw new IngestError(path, `is a corrupted PDF: ${(error as Error).message}`);
  } finally {
    await pdf?.destroy();
  }
}

const Stated = {
  title: z.string().optional(),
  issuer: z.string().optional(),
  docNo: z.string().optional(),
  date: z.string().optional(),
  visibility: z.string().optional(),
  targets: z.array(z.string()).optional(),
};
const JsonDocSchema = z.union([
  z.object({ ...Stated, text: z.string().min(1) }),
  z.object({ ...Stated, content: z.string().min(1) }),
  z.object({ ...Stated, body: z.string().min(1) }),
]);
const JsonFileSchema = z.union([JsonDocSchema, z.array(JsonDocSchema).min(1)]);

function jsonDocuments(text: string, base: Omit<RawDocument, 'text' | 'meta'>, path: string): RawDocument[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new IngestError(path, `is not valid JSON: ${(error as Error).message}`);
  }
  const result = JsonFileSchema.safeParse(parsed);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    throw new IngestError(
      path,
      `JSON must be a document {title?, text|content|body, issuer?, docNo?, date?} or an array of them (${issue.path.join('.') || 'root'}: ${issue.message})`,
    );
  }
  const docs = Array.isArray(result.data) ? result.data : [result.data];
  return docs.map((doc, i) => {
    const {
      text: t,
      content,
      body,
      ...meta
    } = doc as { text?: string; content?: string; body?: string } & StatedMeta;
    return {
      ...base,
      source: docs.length > 1 ? `${base.source}#${i}` : base.source,
      text: t ?? content ?? body ?? '',
      meta: clean(meta),
    };
  });
}

function frontMeta(data: Record<string, string | string[]>, path: string): StatedMeta {
  const one = (key: string): string | undefined => {
    const v = data[key];
    if (Array.isArray(v)) {
      if (v.length === 0) return undefined;
      throw new IngestError(path, `front matter field "${key}" must be a single value`);
    }
    return v || undefined;
  };
  const targets = data.targets;
  return clean({
    title: one('title'),
    issuer: one('issuer'),
    docNo: one('docNo') ?? one('doc_no'),
    date: one('date'),
    visibility: one('visibility'),
    targets: Array.isArray(targets) ? targets : targets ? [targets] : undefined,
  });
}

function clean(meta: Record<string, unknown>): StatedMeta {
  return Object.fromEntries(
    Object.entries(meta).filter(([, v]) => v !== undefined && v !== ''),
  ) as StatedMeta;
}
