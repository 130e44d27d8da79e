import { createHash } from 'node:crypto';
import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { retrievalFor } from '../../engine/retrieval.js';
import type { ApiDeps, ApiEnv } from '../env.js';
import { audited, requireRole } from '../middleware/auth.js';
import { ApiProblem, problemResponses } from '../problem.js';

const FORMATS = /\.(txt|md|markdown|html?|docx|pdf|json)$/i;

const DocumentSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    title: z.string(),
    docNo: z.string().nullable(),
    date: z.string().nullable(),
    visibility: z.string(),
    chars: z.number().int(),
  })
  .openapi('Document');

const UploadSchema = z.object({
  file: z.instanceof(File).openapi({ type: 'string', format: 'binary' }),
  visibility: z
    .union([z.literal('public'), z.literal('industry'), z.string().regex(/^enterprise:[^\s/\\]{1,200}$/)])
    .optional()
    .openapi({ description: 'ignored for enterprise keys: their uploads are always their own' }),
});

const IngestResultSchema = z
  .object({
    file: z.string(),
    status: z.enum(['added', 'updated', 'unchanged', 'duplicate', 'failed']),
    docId: z.string().optional(),
    title: z.string().optional(),
    chunks: z.number().int().optional(),
    chars: z.number().int().optional(),
    message: z.string().optional(),
  })
  .openapi('IngestResult');

/** A file name safe to write: no directories, no dot-dot, no control characters. */
export function safeFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const cleaned = [...base]
    .map((ch) => (ch.charCodeAt(0) < 0x20 || ch === '\u007f' || '<>:"|?*'.includes(ch) ? '_' : ch))
    .join('')
    .replace(/^\.+/, '');
  return cleaned.slice(-200) || 'upload.txt';
}

/** Upload-and-ingest and the list of visible documents. */
export function registerDocumentRoutes(app: OpenAPIHono<ApiEnv>, deps: ApiDeps): void {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/documents',
      tags: ['documents'],
      summary: 'Documents the caller may see, newest first',
      security: [{ bearerAuth: [] }],
      middleware: [requireRole(deps, 'admin', 'analyst', 'enterprise', 'evaluator')] as const,
      request: { query: z.object({ limit: z.coerce.number().int().min(1).max(500).default(50) }) },
      responses: {
        200: {
          description: 'documents',
          content: { 'application/json': { schema: z.object({ documents: z.array(DocumentSchema) }) } },
        },
        ...problemResponses(400, 401, 403, 429),
      },
    }),
    async (c) => {
      const principal = c.get('principal');
      const index = await retrievalFor(deps.engine);
      const documents = (await index.readableDocuments(principal))
        .sort((a, b) => (b.date ?? '').localeCompare(a.date ?? ''))
        .slice(0, c.req.valid('query').limit);
      return c.json({ documents }, 200);
    },
  );

  // One upload per tenant at a time: a second waits for the first to be read, not beside it.
  const reading = new Set<string>();
  const { uploads } = deps.engine.config;

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/documents',
      tags: ['documents'],
      summary: 'Upload a document (txt, md, html, docx, pdf, json) and index it',
      description:
        'Read in a worker with its own memory and time limits; refused with 413 past a limit (size, unpacked size, pages, characters, the tenant quota) and 422 when unreadable or too slow to read.',
      security: [{ bearerAuth: [] }],
      middleware: [
        requireRole(deps, 'admin', 'analyst', 'enterprise'),
        audited(deps, 'documents.upload'),
      ] as const,
      request: {
        body: { required: true, content: { 'multipart/form-data': { schema: UploadSchema } } },
      },
      responses: {
        201: { description: 'indexed', content: { 'application/json': { schema: IngestResultSchema } } },
        ...problemResponses(400, 401, 403, 413, 415, 422, 429),
      },
    }),
    async (c) => {
      const form = c.req.valid('form');
      const key = c.get('apiKey')!;
      const visibility = visibilityFor(key.role, key.enterpriseId, form.visibility);
      const name = safeFileName(form.file.name);
      if (!FORMATS.test(name))
        throw new ApiProblem(415, `${name}: upload a txt, md, html, docx, pdf or json file`);
      if (reading.has(visibility)) {
        throw new ApiProblem(
          429,
          'another upload of yours is still being read; send this one when it is done',
          {
            headers: { 'Retry-After': '5' },
          },
        );
      }
      reading.add(visibility);
      try {
        const kept = uploadOf(visibility, name);
        const bytes = new Uint8Array(await form.file.arrayBuffer());
        const index = await retrievalFor(deps.engine);
        const result = await index.ingestUpload({
          bytes,
          name,
          source: kept.source,
          visibility,
          limits: {
            maxBytes: deps.options.maxUploadBytes,
            maxChars: uploads.maxChars,
            maxPages: uploads.maxPages,
            maxUnpackedBytes: Math.round(uploads.maxUnpackedMb * 1024 * 1024),
          },
          quotaChars: uploads.quotaChars,
        });
        if (result.status === 'failed') {
          throw new ApiProblem(
            result.tooLarge ? 413 : 422,
            result.message ?? `${name}: could not be indexed`,
          );
        }
        // The stored copy is written only for what was indexed: nothing unindexed is left behind.
        if (result.status === 'added' || result.status === 'updated')
          await deps.engine.state.blobs.put(kept.blob, bytes, CONTENT_TYPES[extensionOf(name)]);
        return c.json(
          {
            file: name,
            status: result.status,
            ...(result.docId ? { docId: result.docId } : {}),
            ...(result.title ? { title: result.title } : {}),
            ...(result.chunks !== undefined ? { chunks: result.chunks } : {}),
            ...(result.chars !== undefined ? { chars: result.chars } : {}),
            ...(result.message ? { message: result.message } : {}),
          },
          201,
        );
      } finally {
        reading.delete(visibility);
      }
    },
  );
}

/**
 * Where a tenant's upload is indexed and kept: under a hash of its visibility, so no two tenants
 * ever share one (a lossy rewrite of the id, e.g. of non-ASCII ids, could merge them), and with
 * no server path, so every replica names it alike and a re-upload through any replica replaces it.
 * The blob key hashes the file name too, since blob keys are plain ASCII.
 */
export function uploadOf(visibility: string, name: string): { source: string; blob: string } {
  const tenant = sha256(visibility).slice(0, 32);
  return { source: `uploads/${tenant}/${name}`, blob: `uploads/${tenant}/${sha256(name).slice(0, 32)}` };
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

const CONTENT_TYPES = {
  txt: 'text/plain; charset=utf-8',
  md: 'text/markdown; charset=utf-8',
  markdown: 'text/markdown; charset=utf-8',
  htm: 'text/html; charset=utf-8',
  html: 'text/html; charset=utf-8',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
  json: 'application/json',
} as const;

/** The extension of a name FORMATS accepted. */
function extensionOf(name: string): keyof typeof CONTENT_TYPES {
  return FORMATS.exec(name)![1]!.toLowerCase() as keyof typeof CONTENT_TYPES;
}

function visibilityFor(role: string, enterpriseId: string | null, asked: string | undefined): string {
  if (role === 'enterprise') return `enterprise:${enterpriseId}`;
  if (role === 'analyst' && asked && asked !== 'public' && asked !== 'industry') {
    throw new ApiProblem(403, 'an analyst key may upload public or industry documents only');
  }
  return asked ?? 'public';
}
