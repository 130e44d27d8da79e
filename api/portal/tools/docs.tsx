import type { OpenAPIHono } from '@hono/zod-openapi';
import { raw } from 'hono/html';
import type { ApiEnv } from '../../env.js';
import { langOf } from '../i18n.js';
import { tt } from './text.js';

/**
 * `/docs`: Swagger UI from node_modules over `/openapi.json`, with try-it-out against this server
 * (the Authorize button takes an API key). No CDN; the page's own script starts it, so the strict
 * script policy holds.
 */
export function registerDocsPage(app: OpenAPIHono<ApiEnv>): void {
  app.get('/docs', (c) => {
    const lang = langOf(c);
    return c.html(
      <>
        {raw('<!doctype html>')}
        <html lang={lang === 'zh' ? 'zh-CN' : 'en'}>
          <head>
            <meta charset="utf-8" />
            <meta name="viewport" content="width=device-width, initial-scale=1" />
            <title>{`${tt(lang, 'docsTitle')} · 产业大脑 Industry Brain`}</title>
            <link rel="stylesheet" href="/assets/tools/swagger-ui.css" />
            <link rel="stylesheet" href="/assets/tools/tools.css" />
          </head>
          <body class="swagger-docs">
            <header class="docs-head">
              <a href="/">{lang === 'zh' ? '产业大脑' : 'Industry Brain'}</a>
              <span>{tt(lang, 'docsHint')}</span>
              <a href={`/docs?lang=${lang === 'zh' ? 'en' : 'zh'}`}>{lang === 'zh' ? 'English' : '中文'}</a>
            </header>
            <div id="swagger-ui" data-spec="/openapi.json"></div>
            <script src="/assets/tools/swagger-ui-bundle.js" defer></script>
            <script src="/assets/tools/docs.js" defer></script>
          </body>
        </html>
      </>,
    );
  });
}
