import type { OpenAPIHono } from '@hono/zod-openapi';
import type { ApiDeps, ApiEnv } from '../../env.js';
import { requireRole } from '../../middleware/auth.js';
import { registerAlternativesPage } from './alternatives.js';
import { registerAskPage } from './ask-page.js';
import { registerToolAssets } from './assets.js';
import { registerBriefingsPage } from './briefings.js';
import { registerDocsPage } from './docs.js';
import { EntitySearchQuery, searchEntities } from './entity-search.js';
import { registerGapsPage } from './gaps.js';
import { registerScenarioPage } from './scenarios.js';
import { registerUploadPage } from './upload.js';

/** The analyst tools, the upload page and the API docs, each a page of its own module. */
export function registerTools(app: OpenAPIHono<ApiEnv>, deps: ApiDeps): void {
  registerToolAssets(app);
  registerDocsPage(app);
  // The name pickers' suggestions: names the caller may see on the analysed chain.
  app.get('/tools/entities', requireRole(deps, 'admin', 'analyst', 'enterprise'), async (c) => {
    const query = EntitySearchQuery.safeParse(c.req.query());
    if (!query.success) return c.json({ hits: [] });
    return c.json({ hits: await searchEntities(deps.engine, c.get('principal'), query.data) });
  });
  registerAskPage(app, deps);
  registerScenarioPage(app, deps);
  registerGapsPage(app, deps);
  registerAlternativesPage(app, deps);
  registerBriefingsPage(app, deps);
  registerUploadPage(app, deps);
}
