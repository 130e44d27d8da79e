import type { Context } from 'hono';
import type { ApiKey, Role } from '../../engine/security/index.js';
import type { ApiDeps, ApiEnv } from '../env.js';
import { langOf, t } from './i18n.js';
import { Card, Page } from './layout.js';

/** The request's path and query without `lang`, for the language switch and the login redirect. */
export function pagePath(c: Context): string {
  const url = new URL(c.req.url);
  url.searchParams.delete('lang');
  return `${url.pathname}${url.search}`;
}

/** Where a signed-in user starts: enterprise staff at their portal, everyone else at the cockpit. */
export function homeOf(key: ApiKey): string {
  return key.role === 'enterprise' ? '/portal' : '/cockpit';
}

/**
 * The key of a signed-in user of one of `roles`; otherwise the response to send instead: the
 * login page for nobody, a 403 page (audited) for a role the page is not for.
 */
export async function gatePage(
  deps: ApiDeps,
  c: Context<ApiEnv>,
  roles: readonly Role[],
): Promise<ApiKey | Response> {
  const key = c.get('apiKey');
  if (!key) return c.redirect(`/login?next=${encodeURIComponent(pagePath(c))}`, 303);
  if (roles.includes(key.role)) return key;
  await deps.denials.record({
    actor: `key:${key.id}`,
    role: key.role,
    action: `${c.req.method} ${c.req.path}`,
    outcome: 'denied',
    status: 403,
    detail: { reason: `portal page for ${roles.join(',')}` },
  });
  const lang = langOf(c);
  return c.html(
    <Page lang={lang} title={t(lang, 'forbidden')} path={pagePath(c)} user={key}>
      <Card title={t(lang, 'forbidden')}>
        <p>
          <a href={homeOf(key)}>{t(lang, key.role === 'enterprise' ? 'portal' : 'cockpit')}</a>
        </p>
      </Card>
    </Page>,
    403,
  );
}
