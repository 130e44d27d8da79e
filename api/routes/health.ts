import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { SYSTEM_PRINCIPAL } from '../../knowledge-graph/schema/index.js';
import type { ApiDeps, ApiEnv } from '../env.js';
import { requireRole } from '../middleware/auth.js';
import { problemResponses } from '../problem.js';

const Health = z.object({ status: z.enum(['ok', 'unavailable']), checks: z.record(z.string(), z.string()) });

/** Liveness, readiness (the graph store answers) and Prometheus metrics. */
export function registerHealthRoutes(app: OpenAPIHono<ApiEnv>, deps: ApiDeps): void {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/healthz',
      tags: ['operations'],
      summary: 'The process is up',
      responses: { 200: { description: 'alive', content: { 'application/json': { schema: Health } } } },
    }),
    (c) => c.json({ status: 'ok' as const, checks: {} }, 200),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/readyz',
      tags: ['operations'],
      summary: 'The stores answer',
      responses: {
        200: { description: 'ready', content: { 'application/json': { schema: Health } } },
        503: { description: 'not ready', content: { 'application/json': { schema: Health } } },
      },
    }),
    async (c) => {
      try {
        await deps.engine.graph.getNode('__readyz__', SYSTEM_PRINCIPAL);
        deps.engine.db.prepare('SELECT 1').get();
        return c.json({ status: 'ok' as const, checks: { graph: 'ok', database: 'ok' } }, 200);
      } catch (error) {
        deps.logger.warn({ err: (error as Error).message }, 'readiness check failed');
        return c.json({ status: 'unavailable' as const, checks: { graph: 'failed' } }, 503);
      }
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/metrics',
      tags: ['operations'],
      summary: 'Prometheus metrics (admin key)',
      security: [{ bearerAuth: [] }],
      middleware: [requireRole(deps, 'admin')] as const,
      responses: {
        200: { description: 'text exposition format', content: { 'text/plain': { schema: z.string() } } },
        ...problemResponses(401, 403),
      },
    }),
    (c) => c.text(deps.metrics.render(), 200, { 'Content-Type': 'text/plain; version=0.0.4; charset=utf-8' }),
  );
}
