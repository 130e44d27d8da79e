import type { Child } from 'hono/jsx';
import { raw } from 'hono/html';
import type { ApiKey } from '../../engine/security/index.js';
import { type Lang, type MessageKey, t } from './i18n.js';
import { tx } from './text/explore.js';
import { ToolsNavLink } from './tools/nav-link.js';

const ROLE_LABEL: Record<ApiKey['role'], MessageKey> = {
  admin: 'roleAdmin',
  analyst: 'roleAnalyst',
  enterprise: 'roleEnterprise',
  evaluator: 'roleEvaluator',
};

export interface PageProps {
  lang: Lang;
  title: string;
  /** The page's own path, for the language switch link. */
  path: string;
  user?: ApiKey | null;
  children?: Child;
  /** Chart data the page script reads; a JSON block, never executed, so the CSP stays strict. */
  data?: unknown;
}

function jsonBlock(data: unknown): string {
  // `<` escaped so no value can close the script element.
  return JSON.stringify(data).replace(/</g, '\\u003c');
}

export function Page(props: PageProps) {
  const { lang, user } = props;
  const other = lang === 'zh' ? 'en' : 'zh';
  const sep = props.path.includes('?') ? '&' : '?';
  return (
    <>
      {raw('<!doctype html>')}
      <html lang={lang === 'zh' ? 'zh-CN' : 'en'}>
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title>{`${props.title} · ${t(lang, 'appName')}`}</title>
          <link rel="stylesheet" href="/assets/portal.css" />
        </head>
        <body>
          <header class="top">
            <a class="brand" href="/">
              <span class="logo">{lang === 'zh' ? '脑' : 'IB'}</span>
              <span>
                <strong>{t(lang, 'appName')}</strong>
                <small>{t(lang, 'appSub')}</small>
              </span>
            </a>
            {/* A checkbox and its label open the nav on narrow screens without any script. */}
            <input type="checkbox" id="nav-toggle" class="nav-toggle" aria-label={t(lang, 'menu')} />
            <label for="nav-toggle" class="nav-button">
              <span aria-hidden="true">☰</span> {t(lang, 'menu')}
            </label>
            <nav>
              {user && (user.role === 'admin' || user.role === 'analyst') && (
                <a href="/cockpit">{t(lang, 'cockpit')}</a>
              )}
              {user && (user.role === 'admin' || user.role === 'enterprise') && (
                <a href="/portal">{t(lang, 'portal')}</a>
              )}
              {user && user.role !== 'evaluator' && <a href="/explore">{tx(lang, 'explore')}</a>}
              <ToolsNavLink lang={lang} user={user} />
              <a href="/docs">{t(lang, 'apiDocs')}</a>
              <a href={`${props.path}${sep}lang=${other}`} class="lang">
                {t(lang, 'switchLang')}
              </a>
              {user && (
                <form method="post" action="/logout" class="inline">
                  <span class="who">{t(lang, ROLE_LABEL[user.role])}</span>
                  <button type="submit" class="link">
                    {t(lang, 'logout')}
                  </button>
                </form>
              )}
            </nav>
          </header>
          <main>{props.children}</main>
          {props.data !== undefined && (
            <script type="application/json" id="page-data">
              {raw(jsonBlock(props.data))}
            </script>
          )}
          {props.data !== undefined && <script src="/assets/echarts.min.js" defer></script>}
          <script type="module" src="/assets/portal.js"></script>
        </body>
      </html>
    </>
  );
}

export function Card(props: { title: string; hint?: string; wide?: boolean; children?: Child; id?: string }) {
  return (
    <section class={props.wide ? 'card wide' : 'card'} id={props.id}>
      <h2>{props.title}</h2>
      {props.hint && <p class="hint">{props.hint}</p>}
      {props.children}
    </section>
  );
}
