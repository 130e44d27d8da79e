import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { z } from 'zod';
import { retrievalFor } from '../../../engine/retrieval.js';
import type { ApiDeps, ApiEnv } from '../../env.js';
import { DocumentPage, RecordPage } from '../citations/pages.js';
import { edgeRecord, nodeRecord } from '../citations/records.js';
import { SeriesPage, seriesView } from '../citations/series.js';
import { registerExploreApi } from '../explore/api.js';
import { DEFAULT_REGION, ExplorePage, focusNode, regionOptions } from '../explore/page.js';
import { langOf } from '../i18n.js';
import { enterpriseProfile, productProfile } from '../profiles/data.js';
import { EnterprisePage, ProductPage } from '../profiles/pages.js';
import { pagePath } from '../gate.js';
import { notFoundPage, pageKey } from './gate.js';

const Text = z.string().trim().min(1).max(512);
const ExploreQuery = z.object({
  focus: Text.optional().catch(undefined),
  region: Text.optional().catch(undefined),
});

/** The id in a path: Hono has decoded it; a malformed one is simply not found. */
const idParam = (c: Context<ApiEnv>) => Text.safeParse(c.req.param('id')).data;

/**
 * The chain explorer, the enterprise and product profiles and the pages where a citation is
 * checked (a document at its passage, a graph record at its dataset and line). Every read is as
 * the caller's principal; what it may not see is "not found", the same as what is not there.
 */
export function registerExplorer(app: OpenAPIHono<ApiEnv>, deps: ApiDeps): void {
  const { engine } = deps;
  registerExploreApi(app, deps);

  app.get('/explore', async (c) => {
    const key = await pageKey(c, deps);
    if (key instanceof Response) return key;
    const lang = langOf(c);
    const principal = c.get('principal');
    const query = ExploreQuery.parse(c.req.query());
    const [focus, regions] = await Promise.all([
      focusNode(engine, query.focus, principal),
      regionOptions(engine, principal, lang),
    ]);
    const asked = query.region ?? DEFAULT_REGION;
    const region = regions.some((r) => r.id === asked) ? asked : undefined;
    return c.html(
      <ExplorePage
        lang={lang}
        user={key}
        path={pagePath(c)}
        focus={focus}
        {...(query.focus ? { asked: query.focus } : {})}
        regions={regions}
        {...(region ? { region } : {})}
      />,
      focus || !query.focus ? 200 : 404,
    );
  });

  app.get('/enterprises/:id', async (c) => {
    const key = await pageKey(c, deps);
    if (key instanceof Response) return key;
    const id = idParam(c);
    const node = id ? await engine.graph.getNode(id, c.get('principal')) : null;
    if (node?.type !== 'Enterprise') return notFoundPage(c, key);
    const lang = langOf(c);
    const data = await enterpriseProfile(engine, node, c.get('principal'), lang);
    return c.html(<EnterprisePage lang={lang} user={key} path={pagePath(c)} data={data} />);
  });

  app.get('/products/:id', async (c) => {
    const key = await pageKey(c, deps);
    if (key instanceof Response) return key;
    const id = idParam(c);
    const principal = c.get('principal');
    const node = id ? await engine.graph.getNode(id, principal) : null;
    if (node?.type !== 'Product') return notFoundPage(c, key);
    const lang = langOf(c);
    const regionId = Text.safeParse(c.req.query('region')).data ?? DEFAULT_REGION;
    const region = await engine.graph.getNode(regionId, principal);
    const data = await productProfile(
      engine,
      node,
      principal,
      lang,
      region?.type === 'Region' ? region : undefined,
    );
    return c.html(<ProductPage lang={lang} user={key} path={pagePath(c)} data={data} />);
  });

  // Industries and regions are explored rather than profiled: their page is the explorer on them.
  for (const kind of ['industries', 'regions'] as const) {
    app.get(`/${kind}/:id`, async (c) => {
      const key = await pageKey(c, deps);
      if (key instanceof Response) return key;
      const id = idParam(c);
      const node = id ? await engine.graph.getNode(id, c.get('principal')) : null;
      if (!node) return notFoundPage(c, key);
      return c.redirect(`/explore?focus=${encodeURIComponent(node.id)}`, 303);
    });
  }

  app.get('/documents/:id', async (c) => {
    const key = await pageKey(c, deps);
    if (key instanceof Response) return key;
    const id = idParam(c);
    const doc = id ? await (await retrievalFor(engine)).passages(id, c.get('principal')) : undefined;
    if (!doc) return notFoundPage(c, key);
    return c.html(<DocumentPage lang={langOf(c)} user={key} path={pagePath(c)} doc={doc} />);
  });

  app.get('/series/:id', async (c) => {
    const key = await pageKey(c, deps);
    if (key instanceof Response) return key;
    const id = idParam(c);
    const lang = langOf(c);
    const series = id ? await seriesView(engine, id, c.get('principal'), lang) : null;
    if (!series) return notFoundPage(c, key);
    return c.html(<SeriesPage lang={lang} user={key} path={pagePath(c)} series={series} />);
  });

  for (const kind of ['edge', 'node'] as const) {
    app.get(`/records/${kind}/:id`, async (c) => {
      const key = await pageKey(c, deps);
      if (key instanceof Response) return key;
      const id = idParam(c);
      const lang = langOf(c);
      const read = kind === 'edge' ? edgeRecord : nodeRecord;
      const record = id ? await read(engine, id, c.get('principal'), lang) : null;
      if (!record) return notFoundPage(c, key);
      return c.html(<RecordPage lang={lang} user={key} path={pagePath(c)} record={record} />);
    });
  }
}
