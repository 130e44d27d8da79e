import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { z } from 'zod';
import type { GapReport } from '../../../engine/gaps/gaps.js';
import { gapReport } from '../../../engine/gaps/service.js';
import type { ApiDeps, ApiEnv } from '../../env.js';
import { type Lang, langOf } from '../i18n.js';
import { Card } from '../layout.js';
import { nodeHref } from '../../../engine/links.js';
import { attempt, ErrorNote } from './errors.js';
import { gapsWorkbook, XLSX_TYPE } from './gaps-xlsx.js';
import { gatePage, pagePath } from '../gate.js';
import { ANALYSTS } from './roles.js';
import { EntityPicker, pct, pickedRef, ToolsPage } from './shell.js';
import { tt } from './text.js';

const GapQuery = z.object({
  region: z.string().trim().max(300).optional(),
  regionName: z.string().trim().max(100).optional(),
  chain: z.string().trim().max(300).optional(),
  chainName: z.string().trim().max(100).optional(),
  tiers: z.coerce.number().int().min(1).max(6).catch(3),
  maxLocal: z.coerce.number().int().min(0).max(50).catch(1),
});
type GapQuery = z.infer<typeof GapQuery>;

function queryOf(c: Context): GapQuery {
  return GapQuery.parse({
    region: c.req.query('region'),
    regionName: c.req.query('regionName'),
    chain: c.req.query('chain'),
    chainName: c.req.query('chainName'),
    tiers: c.req.query('tiers') ?? 3,
    maxLocal: c.req.query('maxLocal') ?? 1,
  });
}

function refs(q: GapQuery): { region: string; chain: string } | undefined {
  const region = pickedRef({ id: q.region, name: q.regionName });
  const chain = pickedRef({ id: q.chain, name: q.chainName });
  return region && chain ? { region, chain } : undefined;
}

/** Letters, digits, `_` and `-` only, for the readable part of a download's name. */
function fileSafe(name: string): string {
  return name.replace(/[^\p{L}\p{N}_-]+/gu, '_').slice(0, 60) || 'gaps';
}

function GapTable(props: { lang: Lang; report: GapReport; exportHref: string }) {
  const { lang, report } = props;
  return (
    <Card
      title={tt(lang, 'gapsSummary', {
        region: report.region.name,
        chain: report.chain.name,
        tiers: report.tiers,
        inputs: report.inputs,
        gaps: report.gaps.length,
      })}
      wide
      id="gaps-result"
    >
      <p>
        <a class="button" id="gaps-export" href={props.exportHref} download>
          {tt(lang, 'exportXlsx')}
        </a>
      </p>
      {report.gaps.length === 0 ? (
        <p class="empty">{tt(lang, 'noGaps')}</p>
      ) : (
        <div class="table-wrap">
          <table class="ranked">
            <thead>
              <tr>
                <th>{tt(lang, 'gap')}</th>
                <th class="num">{tt(lang, 'tier')}</th>
                <th class="num">{tt(lang, 'localProducers')}</th>
                <th class="num">{tt(lang, 'outsideProducers')}</th>
                <th class="num">{tt(lang, 'criticality')}</th>
                <th>{tt(lang, 'candidates')}</th>
              </tr>
            </thead>
            <tbody>
              {report.gaps.map((g) => (
                <tr>
                  <td>
                    <a href={nodeHref({ id: g.id, type: 'Product' })}>{g.name}</a>
                  </td>
                  <td class="num">{g.tier}</td>
                  <td class="num">{g.localProducers}</td>
                  <td class="num">{g.outsideProducers}</td>
                  <td class="num">{Math.round(g.criticality * 100)}</td>
                  <td>
                    {g.candidates.length === 0 ? (
                      <span class="muted">{tt(lang, 'none')}</span>
                    ) : (
                      <ul class="candidates">
                        {g.candidates.map((x) => (
                          <li>
                            <a href={nodeHref({ id: x.id, type: 'Enterprise' })}>{x.name}</a>
                            {x.province && <small class="muted"> · {x.province}</small>}
                            {x.weight !== undefined && (
                              <small class="muted"> · {pct(x.weight * 100, 0)}</small>
                            )}
                          </li>
                        ))}
                      </ul>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <ul class="notes">
        {report.notes.map((n) => (
          <li>{n[lang]}</li>
        ))}
      </ul>
    </Card>
  );
}

/** `/gaps`: a region's chain gaps (补链招商) with candidates, and `/gaps/export` as .xlsx. */
export function registerGapsPage(app: OpenAPIHono<ApiEnv>, deps: ApiDeps): void {
  app.get('/gaps', async (c) => {
    const key = await gatePage(deps, c, ANALYSTS);
    if (key instanceof Response) return key;
    const lang = langOf(c);
    const q = queryOf(c);
    const asked = refs(q);
    const run = asked
      ? await attempt(lang, () =>
          gapReport(deps.engine, asked.region, asked.chain, c.get('principal'), {
            tiers: q.tiers,
            maxLocal: q.maxLocal,
          }),
        )
      : undefined;
    const report = run?.value;
    const params = report
      ? new URLSearchParams({
          region: report.region.id,
          chain: report.chain.id,
          tiers: String(q.tiers),
          maxLocal: String(q.maxLocal),
        })
      : undefined;
    return c.html(
      <ToolsPage lang={lang} user={key} path={pagePath(c)} tool="gaps" title={tt(lang, 'gapsTitle')}>
        <Card title={tt(lang, 'gapsTitle')} hint={tt(lang, 'gapsHint')} wide>
          <form method="get" action="/gaps" class="tool-form inline-fields" id="gaps-form">
            <EntityPicker
              lang={lang}
              name="region"
              label={tt(lang, 'region')}
              types={['Region']}
              value={
                report ? report.region : q.regionName ? { id: q.region ?? '', name: q.regionName } : undefined
              }
              required
            />
            <EntityPicker
              lang={lang}
              name="chain"
              label={tt(lang, 'chain')}
              types={['Product']}
              value={
                report ? report.chain : q.chainName ? { id: q.chain ?? '', name: q.chainName } : undefined
              }
              required
            />
            <div class="field narrow">
              <label for="gaps-tiers">{tt(lang, 'tiersLabel')}</label>
              <input
                class="narrow-input"
                id="gaps-tiers"
                name="tiers"
                type="number"
                min={1}
                max={6}
                value={String(q.tiers)}
              />
            </div>
            <div class="field narrow">
              <label for="gaps-max-local">{tt(lang, 'maxLocal')}</label>
              <input
                class="narrow-input"
                id="gaps-max-local"
                name="maxLocal"
                type="number"
                min={0}
                max={50}
                value={String(q.maxLocal)}
              />
            </div>
            <button type="submit">{tt(lang, 'findGaps')}</button>
          </form>
          {run?.error && <ErrorNote lang={lang} error={run.error} />}
        </Card>
        {report && params && <GapTable lang={lang} report={report} exportHref={`/gaps/export?${params}`} />}
      </ToolsPage>,
    );
  });

  app.get('/gaps/export', async (c) => {
    const key = await gatePage(deps, c, ANALYSTS);
    if (key instanceof Response) return key;
    const lang = langOf(c);
    const q = queryOf(c);
    const asked = refs(q);
    if (!asked) return c.text(tt(lang, 'errGeneric'), 400);
    const run = await attempt(lang, () =>
      gapReport(deps.engine, asked.region, asked.chain, c.get('principal'), {
        tiers: q.tiers,
        maxLocal: q.maxLocal,
      }),
    );
    if (!run.value) return c.text(run.error.message, 404);
    const report = run.value;
    const bytes = await gapsWorkbook(report, lang);
    const readable = `${fileSafe(tt(lang, 'tabGaps'))}-${fileSafe(report.region.name)}-${fileSafe(report.chain.name)}.xlsx`;
    return c.body(bytes as Uint8Array<ArrayBuffer>, 200, {
      'Content-Type': XLSX_TYPE,
      // An ASCII name for old clients, the readable (Chinese) one per RFC 6266 for the rest.
      'Content-Disposition': `attachment; filename="chain-gaps.xlsx"; filename*=UTF-8''${encodeURIComponent(readable)}`,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'private, no-store',
    });
  });
}
