import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { projectRoot } from '../../../engine/paths.js';
import type { ApiEnv } from '../../env.js';
import { problem } from '../../problem.js';

const require = createRequire(import.meta.url);
const own = (name: string) => () => join(projectRoot(), 'api', 'assets', 'tools', name);

/**
 * The tools' scripts and styles and Swagger UI, by fixed name only (no directory is mapped to a
 * URL). Swagger UI comes from node_modules, never a CDN.
 */
const FILES: Record<string, { path: () => string; type: string }> = {
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
  const cache = new Map<string, { body: Uint8Array; etag: string }>();
  app.get('/assets/tools/:name', (c) => {
    const name = c.req.param('name');
    const file = Object.hasOwn(FILES, name) ? FILES[name] : undefined;
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
