import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import type { ApiDeps, ApiEnv } from '../env.js';
import { requireRole } from '../middleware/auth.js';
import { ApiProblem, problemResponses } from '../problem.js';
import { json200 } from '../schemas/common.js';

export const SeriesSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    kind: z.enum(['price', 'demand', 'output', 'other']),
    frequency: z.enum(['hourly', 'daily', 'weekly', 'monthly', 'quarterly', 'yearly']),
    unit: z.string().optional(),
    subjectId: z.string().optional(),
    visibility: z.string(),
    points: z.array(z.object({ date: z.string(), value: z.number().nullable() })),
  })
  .openapi('Series');

/** Stored time series, as the caller may see them. */
export function registerSeriesRoutes(app: OpenAPIHono<ApiEnv>, deps: ApiDeps): void {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/series/{id}',
      tags: ['forecast'],
      summary: 'One stored series (by id `series:<name>` or exact name) with its values',
      security: [{ bearerAuth: [] }],
      middleware: [requireRole(deps, 'admin', 'analyst', 'enterprise')] as const,
      request: {
        params: z.object({
          id: z
            .string()
            .min(1)
            .max(512)
            .openapi({ param: { name: 'id', in: 'path' }, example: 'series:碳酸锂价格' }),
        }),
        query: z.object({ from: z.iso.date().optional(), to: z.iso.date().optional() }),
      },
      responses: { ...json200(SeriesSchema, 'the series'), ...problemResponses(400, 401, 403, 404, 429) },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const { from, to } = c.req.valid('query');
      const stored = await deps.engine.state.series.get(id, c.get('principal'));
      if (!stored) throw new ApiProblem(404, `no series ${id}`);
      const { node, points } = stored;
      return c.json(
        {
          id: node.id,
          name: node.name,
          kind: node.props.kind,
          frequency: node.props.frequency,
          ...(node.props.unit ? { unit: node.props.unit } : {}),
          ...(node.props.subjectId ? { subjectId: node.props.subjectId } : {}),
          visibility: node.visibility,
          points: points.filter((p) => (!from || p.date >= from) && (!to || p.date <= to)),
        },
        200,
      );
    },
  );
}
