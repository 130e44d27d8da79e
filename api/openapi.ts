import type { OpenAPIHono } from '@hono/zod-openapi';
import type { ApiEnv } from './env.js';

/** The OpenAPI 3.1 document generated from the route schemas (rendered at /docs by the portal's Swagger UI). */
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
}
