import type { OpenAPIHono } from '@hono/zod-openapi';
import type { ApiEnv } from './env.js';

/** The OpenAPI 3.1 document generated from the route schemas, and a page that renders it. */
export function registerDocs(app: OpenAPIHono<ApiEnv>): void {
  app.doc31('/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: '产业大脑 Industry Brain API',
      version: '0.1.0',
      description:
        'Knowledge graph, document search, forecasts, risk and briefings for one industrial chain. ' +
        'Authenticate with `Authorization: Bearer <key>` (keys come from `ibrain keys create`). ' +
        'Errors are `application/problem+json` (RFC 9457).',
    },
  });
  app.get('/docs', (c) =>
    c.html(
      '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Industry Brain API</title>' +
        '<meta name="viewport" content="width=device-width, initial-scale=1">' +
        '<link rel="stylesheet" href="/assets/portal.css"></head>' +
        '<body class="docs"><main id="docs"><p>Loading /openapi.json…</p></main>' +
        '<script src="/assets/docs.js" defer></script></body></html>',
    ),
  );
}
