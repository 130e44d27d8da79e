import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { EDGE_TYPES } from '../../knowledge-graph/schema/index.js';
import { chainView, entityWithPrices, neighboursView, pathView } from '../../engine/graph-views.js';
import type { ApiDeps, ApiEnv } from '../env.js';
import { requireRole } from '../middleware/auth.js';
import { problemResponses } from '../problem.js';
import {
  ChainSchema,
  EntityRefParam,
  EntitySchema,
  NeighboursSchema,
  PathsSchema,
} from '../schemas/graph.js';

const json = <T extends z.ZodType>(schema: T, description: string) => ({
  200: { description, content: { 'application/json': { schema } } },
  ...problemResponses(400, 401, 403, 404, 409, 429),
});

const Depth = (max: number, dflt: number) => z.coerce.number().int().min(1).max(max).default(dflt);

/** Graph reads through engine/graph-views, always as the caller's principal. */
export function registerGraphRoutes(app: OpenAPIHono<ApiEnv>, deps: ApiDeps): void {
  const roles = requireRole(deps, 'admin', 'analyst', 'enterprise');
  const security = [{ bearerAuth: [] }];

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/graph/entities/{ref}',
      tags: ['graph'],
      summary: 'One entity with its provenance and edge counts; a product also with its linked price series',
      security,
      middleware: [roles] as const,
      request: { params: EntityRefParam },
      responses: json(EntitySchema, 'the entity'),
    }),
    async (c) =>
      c.json(await entityWithPrices(deps.engine, c.req.valid('param').ref, c.get('principal')), 200),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/graph/entities/{ref}/neighbours',
      tags: ['graph'],
      summary: 'Entities linked to one entity',
      security,
      middleware: [roles] as const,
      request: {
        params: EntityRefParam,
        query: z.object({
          rel: z
            .string()
            .max(400)
            .regex(
              new RegExp(`^(${EDGE_TYPES.join('|')})(,(${EDGE_TYPES.join('|')}))*$`, 'i'),
              'comma-separated edge types',
            )
            .optional(),
          dir: z.enum(['up', 'down', 'in', 'out', 'both']).default('both'),
          limit: z.coerce.number().int().min(1).max(1000).default(200),
        }),
      },
      responses: json(NeighboursSchema, 'the neighbours'),
    }),
    async (c) => {
      const { rel, dir, limit } = c.req.valid('query');
      const view = await neighboursView(
        deps.engine.graph,
        c.req.valid('param').ref,
        { rel, dir, limit },
        c.get('principal'),
      );
      return c.json(view, 200);
    },
  );

  for (const direction of ['upstream', 'downstream'] as const) {
    app.openapi(
      createRoute({
        method: 'get',
        path: `/v1/graph/entities/{ref}/${direction}`,
        tags: ['graph'],
        summary:
          direction === 'upstream'
            ? 'Inputs of a product or industry, tier by tier'
            : 'What is made from a product or industry, tier by tier',
        security,
        middleware: [roles] as const,
        request: { params: EntityRefParam, query: z.object({ depth: Depth(10, 1) }) },
        responses: json(ChainSchema, `the ${direction} chain`),
      }),
      async (c) => {
        const view = await chainView(
          deps.engine.graph,
          c.req.valid('param').ref,
          direction,
          c.req.valid('query').depth,
          c.get('principal'),
        );
        return c.json(view, 200);
      },
    );
  }

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/graph/path',
      tags: ['graph'],
      summary: 'Shortest paths between two entities',
      security,
      middleware: [roles] as const,
      request: {
        query: z.object({
          from: z.string().min(1).max(512),
          to: z.string().min(1).max(512),
          maxDepth: Depth(6, 4),
        }),
      },
      responses: json(PathsSchema, 'up to five shortest paths'),
    }),
    async (c) => {
      const { from, to, maxDepth } = c.req.valid('query');
      return c.json(await pathView(deps.engine.graph, from, to, maxDepth, c.get('principal')), 200);
    },
  );
}
