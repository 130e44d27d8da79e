import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { z } from 'zod';
import { BRIEFING_FORMATS } from '../../../engine/briefing/build.js';
import type { BriefingHistoryEntry } from '../../../engine/briefing/history.js';
import { briefingsFor } from '../../../engine/briefing/service.js';
import { chainGraph } from '../../../engine/chain/service.js';
import { resolveEntity } from '../../../engine/entities.js';
import type { JobRecord } from '../../../engine/jobs/port.js';
import { parseScope, resolveScope } from '../../../engine/risk/scope.js';
import type { ApiKey } from '../../../engine/security/index.js';
import type { NodeType } from '../../../knowledge-graph/schema/index.js';
import type { ApiDeps, ApiEnv } from '../../env.js';
import { type Lang, langOf } from '../i18n.js';
import { Card } from '../layout.js';
import { nodeHref } from '../../../engine/links.js';
import { attempt, ErrorNote } from './errors.js';
import { PICKABLE_TYPES } from './entity-search.js';
import { gatePage, pagePath } from '../gate.js';
import { ANALYSTS } from './roles.js';
import { EntityPicker, pickedRef, ToolsPage, typeLabel } from './shell.js';
import { type ShownError, scriptText, tt } from './text.js';

const RequestForm = z.object({
  scope: z.string().trim().max(300).optional(),
  scopeName: z.string().trim().max(100).optional(),
  lang: z.enum(['zh', 'en']).catch('zh'),
});

const KIND: Record<string, 'product' | 'enterprise' | 'industry' | 'region'> = {
  Product: 'product',
  Enterprise: 'enterprise',
  Industry: 'industry',
  Region: 'region',
};
const TYPE_OF_KIND: Record<string, NodeType> = Object.fromEntries(
  Object.entries(KIND).map(([t, k]) => [k, t as NodeType]),
);

function requesterOf(key: ApiKey): string {
  return key.label ?? `${key.role}${key.enterpriseId ? `:${key.enterpriseId}` : ''} · ${key.id.slice(0, 8)}`;
}

const ScoreSchema = z.object({ score: z.number() });

/** A completed briefing's composite risk score, when the job has one. */
function score(job: JobRecord | null): number | undefined {
  const parsed = ScoreSchema.safeParse(job?.state === 'completed' ? job.result : undefined);
  return parsed.success ? parsed.data.score : undefined;
}

interface Row {
  entry: BriefingHistoryEntry;
  job: JobRecord | null;
}

function HistoryTable(props: { lang: Lang; rows: Row[]; everyone: boolean }) {
  const { lang } = props;
  if (props.rows.length === 0) return <p class="empty">{tt(lang, 'noHistory')}</p>;
  return (
    <div class="table-wrap">
      <table id="briefing-history">
        <thead>
          <tr>
            <th>{tt(lang, 'scope')}</th>
            <th>{tt(lang, 'requestedAt')}</th>
            {props.everyone && <th>{tt(lang, 'requester')}</th>}
            <th>{tt(lang, 'state')}</th>
            <th>{tt(lang, 'download')}</th>
          </tr>
        </thead>
        <tbody>
          {props.rows.map(({ entry, job }) => {
            const state = job?.state ?? 'unknown';
            const href = nodeHref({ id: entry.scope.id, type: TYPE_OF_KIND[entry.scope.kind] ?? 'Product' });
            return (
              <tr data-job={entry.jobId} data-state={state}>
                <td>
                  {href ? <a href={href}>{entry.scope.name}</a> : entry.scope.name}{' '}
                  <small class="muted">
                    {typeLabel(lang, TYPE_OF_KIND[entry.scope.kind] ?? '')} ·{' '}
                    {entry.lang === 'en' ? 'English' : '中文'}
                  </small>
                </td>
                <td class="nowrap">
                  <time datetime={entry.requestedAt}>{entry.requestedAt.slice(0, 16).replace('T', ' ')}</time>
                </td>
                {props.everyone && <td>{entry.requester}</td>}
                <td class="job-state">
                  <span class={`state ${state}`}>{tt(lang, state)}</span>
                  {state === 'running' && job && (
                    <span class="percent"> {Math.round(job.progress.percent)}%</span>
                  )}
                  {score(job) !== undefined && (
                    <small class="muted"> {tt(lang, 'riskScore', { score: Math.round(score(job)!) })}</small>
                  )}
                  {job?.error && (
                    <details>
                      <summary>{tt(lang, 'details')}</summary>
                      {job.error}
                    </details>
                  )}
                </td>
                <td class="job-downloads">
                  {state === 'completed' &&
                    BRIEFING_FORMATS.filter((f) => entry.formats.includes(f)).map((f) => (
                      <a class="download" href={`/v1/briefings/${entry.jobId}/download?format=${f}`} download>
                        {f.toUpperCase()}
                      </a>
                    ))}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

async function page(
  deps: ApiDeps,
  c: Context<ApiEnv>,
  key: ApiKey,
  error?: ShownError,
  status: 200 | 400 | 404 = 200,
) {
  const lang = langOf(c);
  const principal = c.get('principal');
  // The briefing service registers its job handler on first use; a restarted server then runs
  // what was still queued while the history is polled.
  briefingsFor(deps.engine);
  const queue = await deps.engine.jobs();
  const entries = await deps.engine.state.briefingHistory.list(principal);
  const rows: Row[] = await Promise.all(
    entries.map(async (entry) => ({ entry, job: await queue.get(entry.jobId) })),
  );
  const everyone = key.role === 'admin';
  const text = scriptText(lang, ['queued', 'running', 'completed', 'failed', 'unknown', 'riskScore']);
  return c.html(
    <ToolsPage
      lang={lang}
      user={key}
      path={pagePath(c)}
      tool="briefings"
      title={tt(lang, 'briefingsTitle')}
      scripts={['briefings.js']}
    >
      <Card title={tt(lang, 'briefingsTitle')} hint={tt(lang, 'briefingsHint')} wide>
        <form method="post" action="/briefings" class="tool-form inline-fields" id="briefing-request">
          <EntityPicker lang={lang} name="scope" label={tt(lang, 'scope')} types={PICKABLE_TYPES} required />
          <div class="field narrow">
            <label for="briefing-lang">{tt(lang, 'language')}</label>
            <select id="briefing-lang" name="lang">
              <option value="zh" selected={lang === 'zh'}>
                中文
              </option>
              <option value="en" selected={lang === 'en'}>
                English
              </option>
            </select>
          </div>
          <button type="submit">{tt(lang, 'requestBriefing')}</button>
        </form>
        {error && <ErrorNote lang={lang} error={error} />}
      </Card>
      <Card title={tt(lang, everyone ? 'historyAll' : 'history')} wide id="briefing-history-card">
        <div id="briefing-poll" data-text={JSON.stringify(text)}>
          <HistoryTable lang={lang} rows={rows} everyone={everyone} />
        </div>
      </Card>
    </ToolsPage>,
    status,
  );
}

/**
 * `/briefings`: a briefing requested by picking its scope by name, through the briefing service's
 * jobs as `POST /v1/briefings` does; the history is kept on the server per principal (admins see all).
 */
export function registerBriefingsPage(app: OpenAPIHono<ApiEnv>, deps: ApiDeps): void {
  app.get('/briefings', async (c) => {
    const key = await gatePage(deps, c, ANALYSTS);
    if (key instanceof Response) return key;
    return page(deps, c, key);
  });

  app.post('/briefings', async (c) => {
    const key = await gatePage(deps, c, ANALYSTS);
    if (key instanceof Response) return key;
    const lang = langOf(c);
    const form = RequestForm.parse(await c.req.parseBody());
    const ref = pickedRef({ id: form.scope, name: form.scopeName });
    if (!ref) return page(deps, c, key, { message: tt(lang, 'needScope') }, 400);
    const principal = c.get('principal');
    const asked = await attempt(lang, async () => {
      const node = await resolveEntity(deps.engine.graph, ref, principal, PICKABLE_TYPES);
      const kind = KIND[node.type]!;
      const scope = `${kind}:${node.id}`;
      // Resolved now, as the requester, as the API does: a hidden scope fails here, not in the job.
      await resolveScope(
        deps.engine.graph,
        await chainGraph(deps.engine, principal),
        parseScope(scope),
        principal,
      );
      const jobId = await briefingsFor(deps.engine).request(
        { scope, formats: [...BRIEFING_FORMATS], lang: form.lang },
        principal,
      );
      await deps.engine.state.briefingHistory.record({
        jobId,
        principalId: principal.id,
        requester: requesterOf(key),
        scope: { kind, id: node.id, name: node.name },
        lang: form.lang,
        formats: [...BRIEFING_FORMATS],
      });
      return jobId;
    });
    if (asked.error) return page(deps, c, key, asked.error, 404);
    await deps.audit.append({
      actor: `key:${key.id}`,
      role: key.role,
      action: 'briefings.request',
      target: asked.value,
      outcome: 'ok',
      status: 303,
    });
    return c.redirect('/briefings', 303);
  });
}
