import type { OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import { scenarioReport } from '../../../engine/scenario/service.js';
import type { ScenarioResult } from '../../../engine/scenario/scenario.js';
import type { Shock } from '../../../engine/scenario/shock.js';
import type { ApiDeps, ApiEnv } from '../../env.js';
import { type Lang, langOf } from '../i18n.js';
import { Card } from '../layout.js';
import { nodeHref } from '../../../engine/links.js';
import { attempt, ErrorNote } from './errors.js';
import { gatePage, pagePath } from '../gate.js';
import { ANALYSTS } from './roles.js';
import { EntityPicker, type Picked, pct, pickedRef, ToolsPage } from './shell.js';
import { type ShownError, type ToolKey, tt } from './text.js';

const KINDS = [
  'price',
  'capacity-product',
  'capacity-enterprise',
  'remove-enterprise',
  'remove-region',
] as const;
type Kind = (typeof KINDS)[number];

const KIND_INFO: Record<
  Kind,
  { label: ToolKey; types: 'Product' | 'Enterprise' | 'Region'; percent: boolean }
> = {
  price: { label: 'kindPrice', types: 'Product', percent: true },
  'capacity-product': { label: 'kindCapacityProduct', types: 'Product', percent: true },
  'capacity-enterprise': { label: 'kindCapacityEnterprise', types: 'Enterprise', percent: true },
  'remove-enterprise': { label: 'kindRemoveEnterprise', types: 'Enterprise', percent: false },
  'remove-region': { label: 'kindRemoveRegion', types: 'Region', percent: false },
};

/** Rows on the form: as many as were filled plus one empty, within these bounds. */
const MIN_ROWS = 2;
const MAX_ROWS = 6;

const RowSchema = z.object({
  kind: z.enum(KINDS).catch('price'),
  id: z.string().trim().max(300).optional(),
  name: z.string().trim().max(100).optional(),
  pct: z.string().trim().max(12).optional(),
});
type Row = z.infer<typeof RowSchema>;

/** A form row as a typed shock on the picked node, or the reason it cannot be one. */
function shockOf(row: Row): { shock: Shock } | { error: ToolKey } | null {
  const ref = pickedRef(row);
  if (!ref) return null;
  const info = KIND_INFO[row.kind];
  if (!info.percent) {
    return {
      shock: { kind: 'remove', target: row.kind === 'remove-region' ? 'region' : 'enterprise', name: ref },
    };
  }
  const value = Number((row.pct ?? '').replace(/[%＋]/g, '').replace('－', '-'));
  if (!row.pct || !Number.isFinite(value)) return { error: 'badPercent' };
  if (row.kind === 'price') {
    if (value <= -100) return { error: 'priceFloor' };
    return { shock: { kind: 'price', product: ref, change: value / 100 } };
  }
  const cut = Math.abs(value) / 100;
  if (cut > 1) return { error: 'capacityRange' };
  return {
    shock: {
      kind: 'capacity',
      target: row.kind === 'capacity-enterprise' ? 'enterprise' : 'product',
      name: ref,
      cut,
    },
  };
}

function rowsOf(query: (name: string) => string | undefined): Row[] {
  const rows: Row[] = [];
  for (let i = 0; i < MAX_ROWS; i++) {
    rows.push(
      RowSchema.parse({
        kind: query(`kind${i}`),
        id: query(`target${i}`),
        name: query(`target${i}Name`),
        pct: query(`pct${i}`),
      }),
    );
  }
  return rows;
}

function ShockRow(props: { lang: Lang; index: number; row: Row | undefined }) {
  const { lang, index, row } = props;
  const kind = row?.kind ?? 'price';
  const value: Picked | undefined =
    row && (row.id || row.name) ? { id: row.id ?? '', name: row.name ?? row.id ?? '' } : undefined;
  return (
    <fieldset class="shock-row">
      <legend>
        {tt(lang, 'shock')} {index + 1}
      </legend>
      <div class="field">
        <label for={`kind${index}`}>{tt(lang, 'shockKind')}</label>
        <select id={`kind${index}`} name={`kind${index}`} class="shock-kind">
          {KINDS.map((k) => (
            <option
              value={k}
              selected={k === kind}
              data-types={KIND_INFO[k].types}
              data-percent={String(KIND_INFO[k].percent)}
            >
              {tt(lang, KIND_INFO[k].label)}
            </option>
          ))}
        </select>
      </div>
      <EntityPicker
        lang={lang}
        name={`target${index}`}
        label={tt(lang, 'target')}
        types={[KIND_INFO[kind].types]}
        value={value}
      />
      <div class="field pct" hidden={!KIND_INFO[kind].percent}>
        <label for={`pct${index}`}>{tt(lang, 'percent')}</label>
        <input
          class="pct-input"
          id={`pct${index}`}
          name={`pct${index}`}
          value={row?.pct ?? ''}
          inputmode="decimal"
          placeholder="+30"
          maxlength={12}
          title={tt(lang, 'percentHint')}
        />
      </div>
    </fieldset>
  );
}

function PathLinks(props: { names: string[]; ids: string[] }) {
  return (
    <span class="path">
      {props.names.map((name, i) => {
        const href = nodeHref({ id: props.ids[i]!, type: 'Product' });
        return (
          <>
            {i > 0 && <span class="arrow"> → </span>}
            {href ? <a href={href}>{name}</a> : name}
          </>
        );
      })}
    </span>
  );
}

function Results(props: { lang: Lang; result: ScenarioResult; labels: string[] }) {
  const { lang, result } = props;
  return (
    <>
      <Card title={tt(lang, 'shocksApplied')} wide>
        <ul class="shock-list">
          {props.labels.map((label, i) => (
            <li>
              <strong>{label}</strong>
              {result.shocks[i] && result.shocks[i]!.direct.length > 0 && (
                <small class="muted"> → {result.shocks[i]!.direct.map((d) => d.product).join('、')}</small>
              )}
            </li>
          ))}
        </ul>
        <p class="hint" id="scenario-totals">
          {tt(lang, 'totals', {
            products: result.totals.productsAffected,
            enterprises: result.totals.enterprisesAffected,
          })}
        </p>
      </Card>
      <Card title={tt(lang, 'impactedProducts')} wide id="scenario-products">
        <div class="table-wrap">
          <table class="ranked">
            <thead>
              <tr>
                <th class="num">{tt(lang, 'rank')}</th>
                <th>{tt(lang, 'product')}</th>
                <th class="num">{tt(lang, 'impact')}</th>
                <th class="num">{tt(lang, 'priceChange')}</th>
                <th class="num">{tt(lang, 'supplyLoss')}</th>
                <th>{tt(lang, 'path')}</th>
              </tr>
            </thead>
            <tbody>
              {result.products.map((p, i) => (
                <tr data-impact={p.impactPct.toFixed(6)}>
                  <td class="num">{i + 1}</td>
                  <td>
                    <a href={nodeHref({ id: p.id, type: 'Product' })}>{p.name}</a>
                  </td>
                  <td class="num">{pct(p.impactPct, 2)}</td>
                  <td class="num">{pct(p.priceChangePct, 2, true)}</td>
                  <td class="num">{pct(p.supplyLossPct, 2)}</td>
                  <td>
                    <PathLinks names={p.path} ids={p.pathIds} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Card>
      <Card title={tt(lang, 'impactedEnterprises')} wide id="scenario-enterprises">
        <div class="table-wrap">
          <table class="ranked">
            <thead>
              <tr>
                <th class="num">{tt(lang, 'rank')}</th>
                <th>{tt(lang, 'enterprise')}</th>
                <th class="num">{tt(lang, 'impact')}</th>
                <th class="num">{tt(lang, 'priceExposure')}</th>
                <th class="num">{tt(lang, 'supplyExposure')}</th>
                <th>{tt(lang, 'affectedProducts')}</th>
              </tr>
            </thead>
            <tbody>
              {result.enterprises.map((e, i) => (
                <tr>
                  <td class="num">{i + 1}</td>
                  <td>
                    <a href={nodeHref({ id: e.id, type: 'Enterprise' })}>{e.name}</a>
                  </td>
                  <td class="num">{pct(e.impactPct, 2)}</td>
                  <td class="num">{pct(e.priceExposurePct, 2, true)}</td>
                  <td class="num">{pct(e.supplyExposurePct, 2)}</td>
                  <td>{e.products.join('、')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <ul class="notes">
          {result.notes.map((n) => (
            <li>{n[lang]}</li>
          ))}
        </ul>
      </Card>
    </>
  );
}

function label(lang: Lang, row: Row): string {
  const info = KIND_INFO[row.kind];
  const name = row.name || row.id || '';
  return `${tt(lang, info.label)}${tt(lang, 'colon')}${name}${info.percent && row.pct ? ` ${row.pct}%` : ''}`;
}

/** `/scenarios`: shocks picked by name and kind, run through `engine/scenario`, ranked impacts and paths. */
export function registerScenarioPage(app: OpenAPIHono<ApiEnv>, deps: ApiDeps): void {
  app.get('/scenarios', async (c) => {
    const key = await gatePage(deps, c, ANALYSTS);
    if (key instanceof Response) return key;
    const lang = langOf(c);
    const rows = rowsOf((name) => c.req.query(name));
    const filled = rows.filter((r) => pickedRef(r));
    let error: ShownError | undefined;
    let result: ScenarioResult | undefined;
    const submitted = c.req.query('run') !== undefined;
    if (submitted) {
      const shocks: Shock[] = [];
      for (const row of filled) {
        const made = shockOf(row);
        if (made && 'error' in made) error = { message: tt(lang, made.error) };
        else if (made) shocks.push(made.shock);
      }
      if (!error && shocks.length === 0) error = { message: tt(lang, 'needShock') };
      if (!error) {
        const run = await attempt(lang, () => scenarioReport(deps.engine, shocks, c.get('principal'), 50));
        error = run.error;
        result = run.value;
      }
    }
    const shown = Math.min(MAX_ROWS, Math.max(MIN_ROWS, filled.length + 1));
    return c.html(
      <ToolsPage
        lang={lang}
        user={key}
        path={pagePath(c)}
        tool="scenarios"
        title={tt(lang, 'scenariosTitle')}
      >
        <Card title={tt(lang, 'scenariosTitle')} hint={tt(lang, 'scenariosHint')} wide>
          <form method="get" action="/scenarios" class="tool-form" id="scenario-form">
            <input type="hidden" name="run" value="1" />
            {Array.from({ length: shown }, (_, i) => (
              <ShockRow lang={lang} index={i} row={filled[i]} />
            ))}
            <p class="hint">{tt(lang, 'percentHint')}</p>
            <button type="submit">{tt(lang, 'runScenario')}</button>
          </form>
          {error && <ErrorNote lang={lang} error={error} />}
        </Card>
        {result && <Results lang={lang} result={result} labels={filled.map((r) => label(lang, r))} />}
      </ToolsPage>,
    );
  });
}
