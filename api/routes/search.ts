import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { retrievalFor } from '../../engine/retrieval.js';
import type { ApiDeps, ApiEnv } from '../env.js';
import { requireRole } from '../middleware/auth.js';
import { problemResponses } from '../problem.js';

const IsoDate = z.iso.date();

export const SearchHitSchema = z
  .object({
    docId: z.string(),
    chunkId: z.string(),
    chunkIds: z.array(z.string()),
    source: z.string(),
    title: z.string(),
    docNo: z.string().optional(),
    date: z.string().optional(),
    visibility: z.string(),
    section: z.array(z.string()),
    start: z.number().int(),
    end: z.number().int(),
    text: z.string(),
    snippet: z.string(),
    score: z.number(),
  })
  .openapi('SearchHit');

const SearchQuery = z.object({
  q: z.string().trim().min(1).max(500).openapi({ example: '产业大脑 数据共享' }),
  k: z.coerce.number().int().min(1).max(50).default(10),
  mode: z.enum(['hybrid', 'bm25', 'dense']).default('hybrid'),
  type: z
    .string()
    .regex(/^(txt|md|html|docx|pdf|json)(,(txt|md|html|docx|pdf|json))*$/, 'comma-separated formats')
    .optional(),
  from: IsoDate.optional(),
  to: IsoDate.optional(),
});

/** Hybrid search over the documents the caller may see, with the passages to cite. */
export function registerSearchRoutes(app: OpenAPIHono<ApiEnv>, deps: ApiDeps): void {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/search',
      tags: ['documents'],
      summary: 'Hybrid (BM25 + vector) search over visible documents',
      security: [{ bearerAuth: [] }],
      middleware: [requireRole(deps, 'admin', 'analyst', 'enterprise', 'evaluator')] as const,
      request: { query: SearchQuery },
      responses: {
        200: {
          description: 'ranked passages',
          content: {
            'application/json': { schema: z.object({ query: z.string(), hits: z.array(SearchHitSchema) }) },
          },
        },
        ...problemResponses(400, 401, 403, 422, 429),
      },
    }),
    async (c) => {
      const q = c.req.valid('query');
      const index = await retrievalFor(deps.engine);
      const hits = await index.search(q.q, {
        principal: c.get('principal'),
        k: q.k,
        mode: q.mode,
        ...(q.type ? { types: q.type.split(',') } : {}),
        ...(q.from ? { dateFrom: q.from } : {}),
        ...(q.to ? { dateTo: q.to } : {}),
      });
      return c.json({ query: q.q, hits: hits.map(({ components: _components, ...hit }) => hit) }, 200);
    },
  );
}
