import { OpenAPIHono } from '@hono/zod-openapi';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';
import { cors } from 'hono/cors';
import { csrf } from 'hono/csrf';
import { secureHeaders } from 'hono/secure-headers';
import { pino } from 'pino';
import type { Engine } from '../engine/container.js';
import { deniedAccessOf } from '../engine/security/index.js';
import type { ApiDeps, ApiEnv, ApiOptions } from './env.js';
import { handleError } from './errors.js';
import { Metrics } from './metrics.js';
import { auditNotFound, authenticate } from './middleware/auth.js';
import { FailureLimiter } from './middleware/failures.js';
import { limitBodies, rateLimit, wellFormedUrls } from './middleware/limits.js';
import { observe } from './middleware/observe.js';
import { registerDocs } from './openapi.js';
import { registerStatic } from './static.js';
import { registerPortal } from './portal/routes.js';
import { problem, zodErrors } from './problem.js';
import { registerCapabilityRoutes } from './routes/capabilities.js';
import { registerGraphRoutes } from './routes/graph.js';
import { registerHealthRoutes } from './routes/health.js';

const DEFAULTS = {
  // Ten wrong keys or passwords in a row, then one more try every six seconds.
  authFailures: { capacity: 10, refillPerSecond: 1 / 6 },
  maxBodyBytes: 1024 * 1024,
  maxUploadBytes: 20 * 1024 * 1024,
  maxEvalBytes: 8 * 1024 * 1024,
  sessionTtlMs: 8 * 3600 * 1000,
};

function socketAddress(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'in-process';
  }
}

const UNLIMITED = /^\/(healthz|readyz|assets\/[\w.-]+)$/;

/**
 * The HTTP face of one engine: REST under /v1 with its OpenAPI document, the portal pages, and
 * the operational routes. Tests call `app.request(...)` on it; `serve` hands it to node-server.
 */
export function createApp(engine: Engine, options: ApiOptions = {}): OpenAPIHono<ApiEnv> {
  const logger = options.logger ?? pino({ level: engine.config.log.level, base: undefined });
  const authFailures = options.authFailures ?? DEFAULTS.authFailures;
  const deps: ApiDeps = {
    engine,
    keys: engine.state.keys,
    sessions: engine.state.sessions,
    audit: engine.state.audit,
    denials: deniedAccessOf(engine),
    failures: new FailureLimiter(engine.limits, authFailures),
    clientAddress: options.clientAddress ?? socketAddress,
    metrics: new Metrics(),
    logger,
    options: {
      rateLimit: options.rateLimit ?? {
        capacity: engine.config.limits.burst,
        refillPerSecond: engine.config.limits.perSecond,
      },
      authFailures,
      maxBodyBytes: options.maxBodyBytes ?? DEFAULTS.maxBodyBytes,
      maxUploadBytes: options.maxUploadBytes ?? DEFAULTS.maxUploadBytes,
      maxEvalBytes: options.maxEvalBytes ?? DEFAULTS.maxEvalBytes,
      secureCookies: options.secureCookies ?? engine.config.server.secureCookies,
      sessionTtlMs: options.sessionTtlMs ?? DEFAULTS.sessionTtlMs,
      corsOrigins: options.corsOrigins ?? engine.config.server.corsOrigins,
    },
  };

  const app = new OpenAPIHono<ApiEnv>({
    defaultHook: (result, c) => {
      if (!result.success) {
        return problem(c, 400, 'the request is invalid', { errors: zodErrors(result.error, result.target) });
      }
    },
  });

  app.use('*', observe(logger, deps.metrics));
  app.use(
    '*',
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // ECharts positions its tooltips with style attributes.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
        baseUri: ["'none'"],
        objectSrc: ["'none'"],
      },
      crossOriginEmbedderPolicy: false,
    }),
  );
  app.use(
    '/v1/*',
    cors({
      origin: (origin) => (deps.options.corsOrigins.includes(origin) ? origin : null),
      allowHeaders: ['Authorization', 'X-API-Key', 'Content-Type', 'Accept'],
      allowMethods: ['GET', 'POST', 'OPTIONS'],
      exposeHeaders: ['X-Request-Id', 'RateLimit-Limit', 'RateLimit-Remaining', 'Retry-After'],
      maxAge: 600,
    }),
  );
  app.use('*', wellFormedUrls());
  // Cross-site form posts riding on the session cookie are refused. Calls that carry their key in a
  // header cannot be forged by another site, so API clients need not send an Origin.
  const sameOrigin = csrf();
  app.use('*', (c, next) =>
    c.req.header('authorization') || c.req.header('x-api-key') ? next() : sameOrigin(c, next),
  );
  app.use(
    '*',
    limitBodies(deps.options.maxBodyBytes, deps.options.maxUploadBytes, deps.options.maxEvalBytes),
  );
  app.use('*', authenticate(deps));
  // Every route a caller can make work for the server is limited: the API, the metrics and the
  // portal pages (whose /portal?q= asks and /cockpit renders a chain); health probes and the
  // fixed static files are not.
  const limit = rateLimit(deps.options.rateLimit, engine.limits, deps.clientAddress);
  app.use('*', (c, next) => (UNLIMITED.test(c.req.path) ? next() : limit(c, next)));
  app.use('/v1/*', auditNotFound(deps));

  app.openAPIRegistry.registerComponent('securitySchemes', 'bearerAuth', {
    type: 'http',
    scheme: 'bearer',
    description: 'An API key made by `ibrain keys create`',
  });

  registerHealthRoutes(app, deps);
  registerGraphRoutes(app, deps);
  registerCapabilityRoutes(app, deps);
  registerDocs(app);
  registerStatic(app);
  registerPortal(app, deps);

  app.notFound((c) => problem(c, 404, `no route ${c.req.method} ${c.req.path}`));
  app.onError(handleError(logger));
  return app;
}
