import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { z } from 'zod';
import type { ApiDeps, ApiEnv } from '../../env.js';
import { requireRole } from '../../middleware/auth.js';
import { problem } from '../../problem.js';
import { langOf } from '../i18n.js';
import { GRAPH_ROLES } from '../pages/gate.js';
import { tx } from '../text/explore.js';
import { expand } from './expand.js';
import { Locality } from './locality.js';
import { nodeInsight, nodePanel } from './panel.js';
import { searchNodes } from './search.js';

const Id = z.string().trim().min(1).max(512);

export const SearchQuery = z.object({
  q: z.string().trim().min(1).max(100),
  limit: z.coerce.number().int().min(1).max(20).default(10),
});

export const NodeQuery = z.object({ id: Id, region: Id.optional() });

/** One page of neighbours; 12 fit a column of the chart, the rest come by "show more". */
export const ExpandQuery = z.object({
  id: Id,
  dir: z.enum(['up', 'down']),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  limit: z.coerce.number().int().min(1).max(50).default(12),
  region: Id.optional(),
});

function parse<T extends z.ZodType>(c: Context<ApiEnv>, schema: T): z.infer<T> | Response {
  const parsed = schema.safeParse(c.req.query());
  if (parsed.success) return parsed.data;
  const detail = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
  return problem(c, 400, tx(langOf(c), 'badRequest', { detail }));
}

/**
 * The explorer's JSON reads, on the portal session (or an API key), as the caller's principal: a
 * node the caller may not see is "not found", exactly like one that does not exist.
 */
export function registerExploreApi(app: OpenAPIHono<ApiEnv>, deps: ApiDeps): void {
  const roles = requireRole(deps, ...GRAPH_ROLES);
  const { engine } = deps;

  const regionOf = async (c: Context<ApiEnv>, regionId: string | undefined) => {
    const region = regionId ? await engine.graph.getNode(regionId, c.get('principal')) : null;
    return new Locality(engine.graph, c.get('principal'), region?.type === 'Region' ? region.id : undefined);
  };

  app.get('/portal-api/explore/search', roles, async (c) => {
    const query = parse(c, SearchQuery);
    if (query instanceof Response) return query;
    const lang = langOf(c);
    return c.json({ results: await searchNodes(engine, query.q, c.get('principal'), lang, query.limit) });
  });

  app.get('/portal-api/explore/node', roles, async (c) => {
    const query = parse(c, NodeQuery);
    if (query instanceof Response) return query;
    const lang = langOf(c);
    const node = await engine.graph.getNode(query.id, c.get('principal'));
    if (!node) return problem(c, 404, tx(lang, 'notFound'));
    const locality = await regionOf(c, query.region);
    return c.json(await nodePanel(engine, node, c.get('principal'), locality, lang));
  });

  app.get('/portal-api/explore/insight', roles, async (c) => {
    const query = parse(c, NodeQuery);
    if (query instanceof Response) return query;
    const lang = langOf(c);
    const node = await engine.graph.getNode(query.id, c.get('principal'));
    if (!node) return problem(c, 404, tx(lang, 'notFound'));
    return c.json(await nodeInsight(engine, node, c.get('principal'), lang));
  });

  app.get('/portal-api/explore/expand', roles, async (c) => {
    const query = parse(c, ExpandQuery);
    if (query instanceof Response) return query;
    const lang = langOf(c);
    const node = await engine.graph.getNode(query.id, c.get('principal'));
    if (!node) return problem(c, 404, tx(lang, 'notFound'));
    const locality = await regionOf(c, query.region);
    return c.json(
      await expand(
        engine.graph,
        node,
        query.dir,
        { offset: query.offset, limit: query.limit },
        c.get('principal'),
        locality,
        lang,
      ),
    );
  });
}
