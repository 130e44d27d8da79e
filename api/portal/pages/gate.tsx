import type { Context } from 'hono';
import type { ApiKey, Role } from '../../../engine/security/index.js';
import type { ApiDeps, ApiEnv } from '../../env.js';
import { langOf } from '../i18n.js';
import { gatePage, pagePath } from '../gate.js';
import { Card, Page } from '../layout.js';
import { tx } from '../text/explore.js';

/** Who may read the graph through the portal: the roles of the /v1/graph routes. */
export const GRAPH_ROLES: readonly Role[] = ['admin', 'analyst', 'enterprise'];

/**
 * A portal page's key: no session sends the browser to log in and come back; a role that may not
 * read the graph gets a 403 page in its language (and the refusal is audited).
 */
export function pageKey(c: Context<ApiEnv>, deps: ApiDeps): Promise<ApiKey | Response> {
  return gatePage(deps, c, GRAPH_ROLES);
}

/** A page saying the thing is not there or not visible: the same words either way, so nothing leaks. */
export function notFoundPage(c: Context<ApiEnv>, key: ApiKey): Promise<Response> | Response {
  const lang = langOf(c);
  return c.html(
    <Page lang={lang} title={tx(lang, 'notFound')} path={pagePath(c)} user={key}>
      <Card title={tx(lang, 'notFound')}>
        <p>
          <a href="/explore">{tx(lang, 'explore')}</a>
        </p>
      </Card>
    </Page>,
    404,
  );
}
