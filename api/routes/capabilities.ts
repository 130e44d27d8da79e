import type { OpenAPIHono } from '@hono/zod-openapi';
import type { ApiDeps, ApiEnv } from '../env.js';
import { registerAskRoutes } from './ask.js';
import { registerBriefingRoutes } from './briefings.js';
import { registerDocumentRoutes } from './documents.js';
import { registerEvalRoutes } from './evals.js';
import { registerForecastRoutes } from './forecast.js';
import { registerJobRoutes } from './jobs.js';
import { registerRiskRoutes } from './risk.js';
import { registerScenarioRoutes } from './scenarios.js';
import { registerSeriesRoutes } from './series.js';
import { registerSearchRoutes } from './search.js';

/** The engine capabilities the API exposes; each module adds the routes of one capability. */
export function registerCapabilityRoutes(app: OpenAPIHono<ApiEnv>, deps: ApiDeps): void {
  registerAskRoutes(app, deps);
  registerSearchRoutes(app, deps);
  registerDocumentRoutes(app, deps);
  registerRiskRoutes(app, deps);
  registerScenarioRoutes(app, deps);
  registerSeriesRoutes(app, deps);
  registerForecastRoutes(app, deps);
  registerBriefingRoutes(app, deps);
  registerJobRoutes(app, deps);
  registerEvalRoutes(app, deps);
}
