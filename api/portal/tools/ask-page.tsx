import type { OpenAPIHono } from '@hono/zod-openapi';
import type { ApiDeps, ApiEnv } from '../../env.js';
import { langOf } from '../i18n.js';
import { AskPanel, askOnPage } from './ask-panel.js';
import { gatePage, pagePath } from '../gate.js';
import { ANALYSTS } from './roles.js';
import { ToolsPage } from './shell.js';
import { tt } from './text.js';

/** `/ask`: the question box with the API's own answer. */
export function registerAskPage(app: OpenAPIHono<ApiEnv>, deps: ApiDeps): void {
  app.get('/ask', async (c) => {
    const key = await gatePage(deps, c, ANALYSTS);
    if (key instanceof Response) return key;
    const lang = langOf(c);
    const outcome = await askOnPage(deps.engine, c.get('principal'), lang, c.req.query('q'));
    return c.html(
      <ToolsPage lang={lang} user={key} path={pagePath(c)} tool="ask" title={tt(lang, 'askTitle')}>
        <AskPanel lang={lang} outcome={outcome} />
      </ToolsPage>,
    );
  });
}
