import type { OpenAPIHono } from '@hono/zod-openapi';
import type { ApiDeps, ApiEnv } from '../env.js';
import { registerAskRoutes } from './ask.js';
import { registerDocumentRoutes } from './documents.js';
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
}
