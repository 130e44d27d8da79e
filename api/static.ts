import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { projectRoot } from '../engine/paths.js';
import type { ApiEnv } from './env.js';
import { problem } from './problem.js';

const require = createRequire(import.meta.url);

/**
 * The only files the server hands out, by fixed name: no directory is ever mapped to a URL,
 * so no path trick can reach anything else. ECharts comes from node_modules, never a CDN.
 */
const FILES: AssetFiles = {
  'echarts.min.js': { path: () => require.resolve('echarts/dist/echarts.min.js'), type: 'text/javascript' },
  'portal.js': { path: () => join(projectRoot(), 'api', 'assets', 'portal.js'), type: 'text/javascript' },
  'portal.css': { path: () => join(projectRoot(), 'api', 'assets', 'portal.css'), type: 'text/css' },
  'briefings.js': {
    path: () => join(projectRoot(), 'api', 'assets', 'briefings.js'),
    type: 'text/javascript',
  },
  'number-format.js': {
    path: () => join(projectRoot(), 'api', 'assets', 'number-format.js'),
    type: 'text/javascript',
  },
  'picker.js': { path: () => join(projectRoot(), 'api', 'assets', 'picker.js'), type: 'text/javascript' },
  // District boundaries for the cockpit's map; source and licence in api/assets/maps/NOTICE.
  'chongqing.json': {
    path: () => join(projectRoot(), 'api', 'assets', 'maps', 'chongqing.json'),
    type: 'application/json',
  },
  'explore.js': { path: () => join(projectRoot(), 'api', 'assets', 'explore.js'), type: 'text/javascript' },
  'explore.css': { path: () => join(projectRoot(), 'api', 'assets', 'explore.css'), type: 'text/css' },
  'citation.js': { path: () => join(projectRoot(), 'api', 'assets', 'citation.js'), type: 'text/javascript' },
};

export type AssetFiles = Record<string, { path: () => string; type: string }>;

export function registerStatic(app: OpenAPIHono<ApiEnv>): void {
  serveAssets(app, '/assets/:name', FILES);
}

/** Serves `files` by fixed name under `route` (ending in `:name`), read once and cached with an ETag. */
export function serveAssets(app: OpenAPIHono<ApiEnv>, route: `${string}/:name`, files: AssetFiles): void {
  const cache = new Map<string, { body: Uint8Array; etag: string }>();
  app.get(route, (c) => {
    const name = c.req.param('name');
    const file = Object.hasOwn(files, name) ? files[name] : undefined;
    if (!file) return problem(c, 404, `no asset ${name}`);
    let entry = cache.get(name);
    if (!entry) {
      const body = new Uint8Array(readFileSync(file.path()));
      entry = { body, etag: `"${createHash('sha1').update(body).digest('base64url')}"` };
      cache.set(name, entry);
    }
    if (c.req.header('if-none-match') === entry.etag) return c.body(null, 304);
    return c.body(entry.body as Uint8Array<ArrayBuffer>, 200, {
      'Content-Type': `${file.type}; charset=utf-8`,
      ETag: entry.etag,
      'Cache-Control': 'public, max-age=3600',
    });
  });
}
