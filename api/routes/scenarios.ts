import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { scenarioReport } from '../../engine/scenario/service.js';
import { ShockSchema } from '../../engine/scenario/shock.js';
import type { ApiDeps, ApiEnv } from '../env.js';
import { requireRole } from '../middleware/auth.js';
import { problemResponses } from '../problem.js';
import { json200, TextSchema } from '../schemas/common.js';

const ScenarioRequest = z
  .object({
    shocks: z
      .array(z.string().max(300).pipe(ShockSchema).openapi({ type: 'string', example: 'price:碳酸锂:+30%' }))
      .min(1)
      .max(20),
    limit: z.number().int().min(1).max(500).optional(),
  })
  .openapi('ScenarioRequest');

const ScenarioResultSchema = z
  .object({
    shocks: z.array(z.looseObject({ description: z.string() })),
    products: z.array(
      z.looseObject({
        id: z.string(),
        name: z.string(),
        priceChangePct: z.number(),
        supplyLossPct: z.number(),
        impactPct: z.number(),
        path: z.array(z.string()),
      }),
    ),
    enterprises: z.array(
      z.looseObject({
        id: z.string(),
        name: z.string(),
        priceExposurePct: z.number(),
        supplyExposurePct: z.number(),
        impactPct: z.number(),
        products: z.array(z.string()),
      }),
    ),
    totals: z.object({
      productsAffected: z.number().int(),
      enterprisesAffected: z.number().int(),
      cycleEdgesSkipped: z.number().int(),
    }),
    notes: z.array(TextSchema),
  })
  .openapi('ScenarioResult');

/** What-if shocks propagated down the chain. */
export function registerScenarioRoutes(app: OpenAPIHono<ApiEnv>, deps: ApiDeps): void {
  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/scenarios',
      tags: ['risk'],
      summary: 'Propagate price, capacity or removal shocks through the chain',
      security: [{ bearerAuth: [] }],
      middleware: [requireRole(deps, 'admin', 'analyst', 'enterprise')] as const,
      request: { body: { required: true, content: { 'application/json': { schema: ScenarioRequest } } } },
      responses: {
        ...json200(ScenarioResultSchema, 'affected products and enterprises, largest impact first'),
        ...problemResponses(400, 401, 403, 404, 409, 413, 422, 429),
      },
    }),
    async (c) => {
      const { shocks, limit } = c.req.valid('json');
      return c.json(await scenarioReport(deps.engine, shocks, c.get('principal'), limit), 200);
    },
  );
}
