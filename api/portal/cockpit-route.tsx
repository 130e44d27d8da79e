import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { z } from 'zod';
import type { ApiKey } from '../../engine/security/index.js';
import type { ApiDeps, ApiEnv } from '../env.js';
import { answerQuestion } from './cockpit-ask.js';
import { cockpitModel, widestProduct } from './cockpit-data.js';
import { CockpitPage, FocusForm, type FocusProblem } from './cockpit.js';
import { DEFAULT_FOCUS } from './data.js';
import { FOCUS_TYPES, type FocusType, resolveFocus, suggestNames } from './focus.js';
import { langOf, t } from './i18n.js';
import { Card, Page } from './layout.js';
import { ct } from './text/cockpit.js';

const CockpitQuery = z.object({
  focus: z.string().trim().min(1).max(100).catch(DEFAULT_FOCUS),
  region: z.string().trim().max(100).optional().catch(undefined),
  depth: z.coerce.number().int().min(1).max(4).catch(2),
  q: z.string().max(4000).optional().catch(undefined),
});

/** The cockpit for a signed-in admin or analyst: the focus picked by name, then the model of its chain. */
export async function cockpitResponse(c: Context<ApiEnv>, deps: ApiDeps, key: ApiKey, path: string) {
  const lang = langOf(c);
  const principal = c.get('principal');
  const query = CockpitQuery.parse({
    focus: c.req.query('focus') ?? DEFAULT_FOCUS,
    region: c.req.query('region'),
    depth: c.req.query('depth') ?? 2,
    q: c.req.query('q'),
  });
  const asked = c.req.query('focus') !== undefined;
  let resolved = await resolveFocus(deps.engine.graph, query.focus, principal);
  // Data without the default product still opens on a chain: the product with the most inputs.
  if (!asked && resolved.kind !== 'found') {
    const fallback = await widestProduct(deps.engine, principal);
    if (fallback) resolved = { kind: 'found', node: fallback };
  }
  if (resolved.kind !== 'found') {
    const problem: FocusProblem =
      resolved.kind === 'missing'
        ? { kind: 'missing', query: query.focus }
        : { kind: 'ambiguous', query: query.focus, candidates: resolved.candidates };
    return c.html(
      <Page lang={lang} title={t(lang, 'cockpit')} path={path} user={key}>
        <div class="page-head">
          <h1>{t(lang, 'cockpit')}</h1>
        </div>
        <Card title={ct(lang, 'focusAny')} wide>
          <FocusForm
            lang={lang}
            focus={query.focus}
            region={query.region ?? ''}
            regions={[]}
            depth={query.depth}
            problem={problem}
          />
        </Card>
      </Page>,
      resolved.kind === 'missing' ? 404 : 200,
    );
  }
  const [data, answer] = await Promise.all([
    cockpitModel(deps.engine, principal, resolved.node, query.region, query.depth),
    answerQuestion(deps.engine, principal, query.q),
  ]);
  return c.html(<CockpitPage lang={lang} user={key} data={data} answer={answer} path={path} />);
}

const SuggestQuery = z.object({
  q: z.string().trim().min(1).max(100),
  types: z
    .string()
    .optional()
    .transform((s) => (s ? s.split(',') : [...FOCUS_TYPES]))
    .pipe(z.array(z.enum(FOCUS_TYPES)).min(1)),
});

/**
 * Name suggestions for the pickers (cockpit focus, admin's enterprise), on the session like the
 * pages; names only leave for roles whose pages pick by name.
 */
export function registerSuggest(app: OpenAPIHono<ApiEnv>, deps: ApiDeps): void {
  app.get('/portal/suggest', async (c) => {
    const key = c.get('apiKey');
    if (!key) return c.json({ title: 'sign in first' }, 401);
    if (key.role !== 'admin' && key.role !== 'analyst') return c.json({ title: 'forbidden' }, 403);
    const parsed = SuggestQuery.safeParse({ q: c.req.query('q'), types: c.req.query('types') });
    if (!parsed.success) return c.json({ items: [] });
    const items = await suggestNames(
      deps.engine.graph,
      parsed.data.q,
      c.get('principal'),
      parsed.data.types as FocusType[],
    );
    return c.json({ items: items.map(({ id, type, name }) => ({ id, type, name })) });
  });
}
