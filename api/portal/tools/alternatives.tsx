import type { OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import type { AlternativesReport } from '../../../engine/gaps/alternatives.js';
import { alternativesReport } from '../../../engine/gaps/service.js';
import type { ApiDeps, ApiEnv } from '../../env.js';
import { type Lang, langOf } from '../i18n.js';
import { Card } from '../layout.js';
import { nodeHref } from '../../../engine/links.js';
import { attempt, ErrorNote } from './errors.js';
import { gatePage, pagePath } from '../gate.js';
import { ANALYSTS } from './roles.js';
import { EntityPicker, pct, pickedRef, ToolsPage } from './shell.js';
import { tt } from './text.js';

const AltQuery = z.object({
  product: z.string().trim().max(300).optional(),
  productName: z.string().trim().max(100).optional(),
  buyer: z.string().trim().max(300).optional(),
  buyerName: z.string().trim().max(100).optional(),
});

function YesNo(props: { lang: Lang; value: number | undefined }) {
  if (props.value === undefined) return <span class="muted">–</span>;
  return <span class={props.value ? 'tag' : 'muted'}>{tt(props.lang, props.value ? 'yes' : 'no')}</span>;
}

function AltTable(props: { lang: Lang; report: AlternativesReport }) {
  const { lang, report } = props;
  const withBuyer = report.for !== undefined;
  const title = report.for
    ? tt(lang, 'alternativesForBuyer', { product: report.product.name, buyer: report.for.name })
    : tt(lang, 'alternativesFor', { product: report.product.name });
  return (
    <Card title={title} wide id="alternatives-result">
      {report.alternatives.length === 0 ? (
        <p class="empty">{tt(lang, 'noAlternatives')}</p>
      ) : (
        <div class="table-wrap">
          <table class="ranked">
            <thead>
              <tr>
                <th class="num">{tt(lang, 'rank')}</th>
                <th>{tt(lang, 'enterprise')}</th>
                <th>{tt(lang, 'province')}</th>
                <th class="num">{tt(lang, 'fit')}</th>
                <th class="num">{tt(lang, 'specialisation')}</th>
                {withBuyer && <th>{tt(lang, 'proximity')}</th>}
                {withBuyer && <th>{tt(lang, 'relationship')}</th>}
                {withBuyer && <th>{tt(lang, 'independence')}</th>}
              </tr>
            </thead>
            <tbody>
              {report.alternatives.map((a, i) => (
                <tr>
                  <td class="num">{i + 1}</td>
                  <td>
                    <a href={nodeHref({ id: a.id, type: 'Enterprise' })}>{a.name}</a>
                  </td>
                  <td>{a.province ?? '–'}</td>
                  <td class="num">{pct(a.fit * 100, 0)}</td>
                  <td class="num">{pct(a.components.specialisation * 100, 0)}</td>
                  {withBuyer && (
                    <td>
                      <YesNo lang={lang} value={a.components.proximity} />
                    </td>
                  )}
                  {withBuyer && (
                    <td>
                      <YesNo lang={lang} value={a.components.relationship} />
                    </td>
                  )}
                  {withBuyer && (
                    <td>
                      <YesNo lang={lang} value={a.components.independence} />
                    </td>
                  )}
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

/** `/alternatives`: other producers of a product (the CLI's `ibrain alternatives`), optionally for a buyer. */
export function registerAlternativesPage(app: OpenAPIHono<ApiEnv>, deps: ApiDeps): void {
  app.get('/alternatives', async (c) => {
    const key = await gatePage(deps, c, ANALYSTS);
    if (key instanceof Response) return key;
    const lang = langOf(c);
    const q = AltQuery.parse(c.req.query());
    const product = pickedRef({ id: q.product, name: q.productName });
    const buyer = pickedRef({ id: q.buyer, name: q.buyerName });
    const run = product
      ? await attempt(lang, () => alternativesReport(deps.engine, product, buyer, c.get('principal')))
      : undefined;
    const report = run?.value;
    return c.html(
      <ToolsPage
        lang={lang}
        user={key}
        path={pagePath(c)}
        tool="alternatives"
        title={tt(lang, 'alternativesTitle')}
      >
        <Card title={tt(lang, 'alternativesTitle')} hint={tt(lang, 'alternativesHint')} wide>
          <form method="get" action="/alternatives" class="tool-form inline-fields" id="alternatives-form">
            <EntityPicker
              lang={lang}
              name="product"
              label={tt(lang, 'product')}
              types={['Product']}
              value={
                report
                  ? report.product
                  : q.productName
                    ? { id: q.product ?? '', name: q.productName }
                    : undefined
              }
              required
            />
            <EntityPicker
              lang={lang}
              name="buyer"
              label={tt(lang, 'buyer')}
              types={['Enterprise']}
              value={report?.for ?? (q.buyerName ? { id: q.buyer ?? '', name: q.buyerName } : undefined)}
            />
            <button type="submit">{tt(lang, 'findAlternatives')}</button>
          </form>
          {run?.error && <ErrorNote lang={lang} error={run.error} />}
        </Card>
        {report && <AltTable lang={lang} report={report} />}
      </ToolsPage>,
    );
  });
}
