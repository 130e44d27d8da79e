import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { z } from 'zod';
import { askFor } from '../../engine/ask/index.js';
import { isUserFacing } from '../../engine/errors.js';
import type { Role } from '../../engine/security/index.js';
import type { ApiDeps, ApiEnv } from '../env.js';
import { SESSION_COOKIE, tooManyFailures } from '../middleware/auth.js';
import { inputAlerts } from '../../engine/risk/alerts.js';
import { InputAlertsCard } from './alerts.js';
import { AskCard } from './ask.js';
import { cockpitResponse, registerSuggest } from './cockpit-route.js';
import { enterpriseData } from './data.js';
import { EnterprisePage, EnterprisePicker, pickEnterprise } from './enterprise.js';
import { evidenceWords } from './evidence.js';
import { gatePage, homeOf, pagePath } from './gate.js';
import { langOf, t } from './i18n.js';
import { Card, Page } from './layout.js';
import { ct } from './text/cockpit.js';
import { LoginPage } from './login.js';
import { registerExplorer } from './pages/register.js';
import { registerTools } from './tools/index.js';

const LoginForm = z.object({
  key: z.string().trim().min(1).max(200),
  next: z.string().max(500).optional(),
});

/** Only same-site paths: `//evil.example` and `/\evil` would leave the site. */
function safeNext(next: string | undefined): string | undefined {
  return next && /^\/(?![/\\])[\w\-/?=&%.]*$/.test(next) ? next : undefined;
}

/** The portal: server-rendered pages on the session cookie; the key itself never reaches the browser's storage. */
export function registerPortal(app: OpenAPIHono<ApiEnv>, deps: ApiDeps): void {
  registerExplorer(app, deps);
  const gate = (c: Context<ApiEnv>, roles: Role[]) => gatePage(deps, c, roles);

  app.get('/', (c) => {
    const key = c.get('apiKey');
    return c.redirect(key ? homeOf(key) : '/login', 303);
  });

  app.get('/login', (c) => {
    const key = c.get('apiKey');
    if (key) return c.redirect(homeOf(key), 303);
    return c.html(<LoginPage lang={langOf(c)} next={safeNext(c.req.query('next'))} />);
  });

  app.post('/login', async (c) => {
    const lang = langOf(c);
    // Failed logins count against the address like bad API keys: too many, and it waits.
    const limited = await tooManyFailures(deps, c, 'session.login');
    if (limited) return limited;
    const parsed = LoginForm.safeParse(await c.req.parseBody());
    const key = parsed.success ? await deps.keys.verify(parsed.data.key) : null;
    if (!parsed.success || !key) {
      const address = deps.clientAddress(c);
      await deps.failures.fail(address);
      await deps.denials.record({
        actor: `ip:${address}`,
        action: 'session.login',
        outcome: 'denied',
        status: 401,
      });
      return c.html(<LoginPage lang={lang} error={t(lang, 'loginFailed')} />, 401);
    }
    const session = await deps.sessions.create(key.id, deps.options.sessionTtlMs);
    setCookie(c, SESSION_COOKIE, session, {
      httpOnly: true,
      sameSite: 'Strict',
      secure: deps.options.secureCookies,
      path: '/',
      maxAge: Math.floor(deps.options.sessionTtlMs / 1000),
    });
    await deps.audit.append({
      actor: `key:${key.id}`,
      role: key.role,
      action: 'session.login',
      outcome: 'ok',
      status: 303,
    });
    return c.redirect(safeNext(parsed.data.next) ?? homeOf(key), 303);
  });

  app.post('/logout', async (c) => {
    const session = getCookie(c, SESSION_COOKIE);
    if (session) await deps.sessions.destroy(session);
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    const key = c.get('apiKey');
    await deps.audit.append({
      actor: key ? `key:${key.id}` : 'anonymous',
      role: key?.role ?? null,
      action: 'session.logout',
      outcome: 'ok',
      status: 303,
    });
    return c.redirect('/login', 303);
  });

  app.get('/cockpit', async (c) => {
    const key = await gate(c, ['admin', 'analyst']);
    if (key instanceof Response) return key;
    return cockpitResponse(c, deps, key, pagePath(c));
  });
  registerSuggest(app, deps);

  app.get('/portal', async (c) => {
    const key = await gate(c, ['admin', 'enterprise']);
    if (key instanceof Response) return key;
    const lang = langOf(c);
    const picked =
      key.role === 'enterprise'
        ? ({ kind: 'found', node: { id: `enterprise:${key.enterpriseId}` } } as const)
        : await pickEnterprise(deps.engine.graph, c.req.query('enterprise'), c.get('principal'));
    if (picked.kind !== 'found') {
      return c.html(
        <Page lang={lang} title={t(lang, 'portal')} path={pagePath(c)} user={key}>
          <Card title={t(lang, 'chooseEnterprise')}>
            <EnterprisePicker lang={lang} picked={picked} />
          </Card>
        </Page>,
        picked.kind === 'missing' ? 404 : 200,
      );
    }
    const enterpriseId = picked.node.id.replace(/^enterprise:/, '');
    const data = await enterpriseData(deps.engine, c.get('principal'), enterpriseId);
    if (!data) {
      return c.html(
        <Page lang={lang} title={t(lang, 'portal')} path={pagePath(c)} user={key}>
          <Card title={t(lang, 'chooseEnterprise')}>
            <EnterprisePicker lang={lang} picked={{ kind: 'missing', query: enterpriseId }} />
          </Card>
        </Page>,
        404,
      );
    }
    const question = z.string().trim().min(1).max(2000).safeParse(c.req.query('q'));
    let answer: { result?: Awaited<ReturnType<ReturnType<typeof askFor>['ask']>>; error?: string } = {};
    if (question.success) {
      try {
        answer = { result: await askFor(deps.engine).ask(question.data, { principal: c.get('principal') }) };
      } catch (error) {
        if (!isUserFacing(error)) throw error;
        answer = { error: ct(lang, 'askFailed', { msg: error.message }) };
      }
    }
    const ask = (
      <AskCard
        lang={lang}
        question={question.success ? question.data : undefined}
        enterprise={key.role === 'admin' ? picked.node.id : undefined}
        {...answer}
      />
    );
    const alerts = await inputAlerts(deps.engine, enterpriseId, c.get('principal'));
    const evidence = alerts ? await evidenceWords(deps.engine, alerts, c.get('principal'), lang) : new Map();
    return c.html(
      <EnterprisePage
        lang={lang}
        user={key}
        data={data}
        path={pagePath(c)}
        before={
          <>
            {key.role === 'admin' && (
              <Card title={t(lang, 'chooseEnterprise')} wide>
                <EnterprisePicker lang={lang} picked={{ kind: 'none' }} />
              </Card>
            )}
            {ask}
            <InputAlertsCard lang={lang} data={alerts} evidence={evidence} />
          </>
        }
      />,
    );
  });

  registerTools(app, deps);
}
