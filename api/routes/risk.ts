import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { riskReport } from '../../engine/risk/service.js';
import { FACTOR_NAMES, SCOPE_KINDS } from '../../engine/risk/types.js';
import type { ApiDeps, ApiEnv } from '../env.js';
import { requireRole } from '../middleware/auth.js';
import { problemResponses } from '../problem.js';
import { json200, ScopeTextSchema, TextSchema } from '../schemas/common.js';

export const RiskReportSchema = z
  .object({
    scope: z.object({ kind: z.enum(SCOPE_KINDS), id: z.string(), name: z.string() }),
    score: z.number().openapi({ description: 'composite 0–100' }),
    level: z.enum(['low', 'moderate', 'high', 'severe']),
    factors: z.array(
      z.object({
        name: z.enum(FACTOR_NAMES),
        label: TextSchema,
        value: z.number(),
        unit: z.string(),
        score: z.number(),
        weight: z.number(),
        contribution: z.number(),
        details: z.record(z.string(), z.union([z.number(), z.string()])),
        explanation: TextSchema,
        evidence: z.array(z.string()),
      }),
    ),
    omitted: z.array(z.object({ name: z.enum(FACTOR_NAMES), reason: TextSchema })),
    products: z.array(z.object({ id: z.string(), name: z.string(), score: z.number() })),
    notes: z.array(TextSchema),
  })
  .openapi('RiskReport');

/** Supply-risk scores of a product, enterprise, industry or region, on the data the caller may see. */
export function registerRiskRoutes(app: OpenAPIHono<ApiEnv>, deps: ApiDeps): void {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/risk',
      tags: ['risk'],
      summary: 'Composite supply-risk score with its factors and evidence',
      security: [{ bearerAuth: [] }],
      middleware: [requireRole(deps, 'admin', 'analyst', 'enterprise')] as const,
      request: {
        query: z.object({
          scope: ScopeTextSchema,
          tiers: z.coerce.number().int().min(1).max(6).optional(),
        }),
      },
      responses: {
        ...json200(RiskReportSchema, 'the risk report'),
        ...problemResponses(400, 401, 403, 404, 409, 422, 429),
      },
    }),
    async (c) => {
      const { scope, tiers } = c.req.valid('query');
      return c.json(await riskReport(deps.engine, scope, c.get('principal'), tiers ? { tiers } : {}), 200);
    },
  );
}
