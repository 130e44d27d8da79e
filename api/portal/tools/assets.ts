import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { projectRoot } from '../../../engine/paths.js';
import type { ApiEnv } from '../../env.js';
import { type AssetFiles, serveAssets } from '../../static.js';

const require = createRequire(import.meta.url);
const own = (name: string) => () => join(projectRoot(), 'api', 'assets', 'tools', name);

/**
 * The tools' scripts and styles and Swagger UI, by fixed name only (no directory is mapped to a
 * URL). Swagger UI comes from node_modules, never a CDN.
 */
const FILES: AssetFiles = {
  'tools.css': { path: own('tools.css'), type: 'text/css' },
  'picker.js': { path: own('picker.js'), type: 'text/javascript' },
  'briefings.js': { path: own('briefings.js'), type: 'text/javascript' },
  'upload.js': { path: own('upload.js'), type: 'text/javascript' },
  'docs.js': { path: own('docs.js'), type: 'text/javascript' },
  'swagger-ui.css': { path: () => require.resolve('swagger-ui-dist/swagger-ui.css'), type: 'text/css' },
  'swagger-ui-bundle.js': {
    path: () => require.resolve('swagger-ui-dist/swagger-ui-bundle.js'),
    type: 'text/javascript',
  },
};

export function registerToolAssets(app: OpenAPIHono<ApiEnv>): void {
  serveAssets(app, '/assets/tools/:name', FILES);
}
