import { randomUUID } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import type { Logger } from 'pino';
import type { ApiEnv } from '../env.js';
import type { Metrics } from '../metrics.js';

/**
 * Request id, one log line and the metrics per request. Logs the path without its query string
 * and never a header, so keys, cookies and session ids cannot reach the log.
 */
export function observe(logger: Logger, metrics: Metrics): MiddlewareHandler<ApiEnv> {
  return async (c, next) => {
    const started = performance.now();
    const requestId = randomUUID();
    c.set('requestId', requestId);
    c.set('apiKey', null);
    c.set('via', null);
    c.set('principal', { id: 'anonymous', grants: [] });
    await next();
    c.header('X-Request-Id', requestId);
    const seconds = (performance.now() - started) / 1000;
    const status = c.res.status;
    const route = c.req.routePath === '/*' || !c.req.routePath ? 'unmatched' : c.req.routePath;
    metrics.observe(c.req.method, route, status, seconds);
    const key = c.get('apiKey');
    logger.info(
      {
        reqId: requestId,
        method: c.req.method,
        path: c.req.path,
        route,
        status,
        ms: Math.round(seconds * 10_000) / 10,
        actor: key ? `key:${key.id}` : 'anonymous',
      },
      'request',
    );
  };
}
