import type { Outlook } from '../../engine/risk/prices.js';
import { FACTOR_NAMES } from '../../engine/risk/types.js';
import type { ApiKey } from '../../engine/security/index.js';
import { BriefingsCard } from './briefings.js';
import { tierCounts, upstreamSankey } from './charts.js';
import { CockpitAsk, type CockpitAnswer } from './cockpit-ask.js';
import { type CockpitModel, type Rag, RISING_PCT, type RiskRow } from './cockpit-data.js';
import type { Named } from './focus.js';
import { type Lang, t } from './i18n.js';
import { Card, Page } from './layout.js';
import { citationHref } from '../../engine/links.js';
import { type CockpitKey, ct } from './text/cockpit.js';

/** Labels per sankey column that fit the chart's height without overlapping. */
const SANKEY_PER_TIER = 8;
const RISK_FACTORS = FACTOR_NAMES.filter((n) => n !== 'policy');

/** The same thresholds as the composite's levels (≥0.5 high, ≥0.25 moderate), per factor. */
const factorRag = (score: number): Rag => (score >= 0.5 ? 'red' : score >= 0.25 ? 'amber' : 'green');

function Kpi(props: {
  label: string;
  value: string;
  detail?: string;
  definition: string;
  id: string;
  rag?: Rag;
}) {
  return (
    <div class={`kpi${props.rag ? ` kpi-${props.rag}` : ''}`} id={props.id} title={props.definition}>
      <span class="kpi-value">{props.value}</span>
      <span class="kpi-label">
        {props.label}
        <span class="kpi-info" aria-hidden="true">
          ⓘ
        </span>
      </span>
      {props.detail && <span class="kpi-detail">{props.detail}</span>}
      <span class="kpi-def">{props.definition}</span>
    </div>
  );
}

function RagChip(props: { lang: Lang; rag: Rag; label?: string }) {
  return (
    <span class={`rag ${props.rag}`}>
      {ct(props.lang, props.rag)}
      {props.label ? ` · ${props.label}` : ''}
    </span>
  );
}

function Kpis(props: { lang: Lang; data: CockpitModel }) {
  const { lang } = props;
  const k = props.data.kpis;
  const pct = (a: number, b: number) => (b > 0 ? `${((100 * a) / b).toFixed(0)}%` : '–');
  const n = (x: number) => x.toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-US');
  return (
    <div class="kpis">
      <Kpi
        id="kpi-enterprises"
        label={ct(lang, 'kpiEnterprises')}
        value={n(k.enterprises.chain)}
        detail={ct(lang, 'ofLocal', { n: n(k.enterprises.local) })}
        definition={ct(lang, 'kpiEnterprisesDef')}
      />
      <Kpi
        id="kpi-products"
        label={ct(lang, 'kpiProducts')}
        value={n(k.products)}
        definition={ct(lang, 'kpiProductsDef')}
      />
      <Kpi
        id="kpi-local-supply"
        label={`${ct(lang, 'kpiLocalSupply')} · ${props.data.region.name}`}
        value={pct(k.localSupply.local, k.localSupply.total)}
        detail={`${n(k.localSupply.local)} / ${n(k.localSupply.total)}`}
        definition={ct(lang, 'kpiLocalSupplyDef')}
      />
      <Kpi
        id="kpi-high-risk"
        label={ct(lang, 'kpiHighRisk')}
        value={n(k.risk.red)}
        detail={`${ct(lang, 'ofAmber', { n: n(k.risk.amber) })} · ${ct(lang, 'assessedOf', { n: n(k.risk.assessed) })}`}
        definition={ct(lang, 'kpiHighRiskDef')}
        rag={k.risk.red > 0 ? 'red' : k.risk.amber > 0 ? 'amber' : 'green'}
      />
      <Kpi
        id="kpi-policies"
        label={ct(lang, 'kpiPolicies')}
        value={n(k.policies)}
        definition={ct(lang, 'kpiPoliciesDef')}
      />
      <Kpi
        id="kpi-price-alerts"
        label={ct(lang, 'kpiPriceAlerts')}
        value={n(k.priceAlerts.rising)}
        detail={ct(lang, 'ofLinked', { n: n(k.priceAlerts.linked) })}
        definition={ct(lang, 'kpiPriceAlertsDef', { pct: RISING_PCT })}
        rag={k.priceAlerts.rising > 0 ? 'amber' : undefined}
      />
    </div>
  );
}

function RiskTable(props: { lang: Lang; risks: RiskRow[] }) {
  const { lang } = props;
  const labels = new Map<string, string>();
  for (const r of props.risks) for (const f of r.report.factors) labels.set(f.name, f.label[lang]);
  const factors = RISK_FACTORS.filter((n) => labels.has(n));
  const tier = (n: number) => (n === 0 ? ct(lang, 'tierFocus') : ct(lang, 'tierN', { n }));
  return (
    <div class="table-scroll capped">
      <table class="heat">
        <thead>
          <tr>
            <th>{t(lang, 'node')}</th>
            <th>{ct(lang, 'tier')}</th>
            <th>{t(lang, 'level')}</th>
            <th class="num">{t(lang, 'composite')}</th>
            {factors.map((n) => (
              <th class="num">{labels.get(n)}</th>
            ))}
            <th class="num neutral-head" title={ct(lang, 'policyAttentionDef')}>
              {ct(lang, 'policyAttention')}
            </th>
          </tr>
        </thead>
        <tbody>
          {props.risks.map((r) => {
            const policy = r.report.factors.find((f) => f.name === 'policy');
            return (
              <tr data-score={r.report.score.toFixed(2)} data-rag={r.rag}>
                <td>
                  <a href={`/cockpit?focus=${encodeURIComponent(r.id)}`}>{r.name}</a>
                </td>
                <td class="nowrap muted-text">{tier(r.tier)}</td>
                <td>
                  <RagChip lang={lang} rag={r.rag} label={t(lang, r.report.level)} />
                </td>
                <td class={`num cell-${r.rag}`}>{r.report.score.toFixed(0)}</td>
                {factors.map((n) => {
                  const f = r.report.factors.find((x) => x.name === n);
                  return f ? (
                    <td class={`num cell-${factorRag(f.score)}`} title={f.explanation[lang]}>
                      {(f.score * 100).toFixed(0)}
                    </td>
                  ) : (
                    <td class="num muted">–</td>
                  );
                })}
                {policy ? (
                  <td class="num cell-neutral" title={policy.explanation[lang]}>
                    {String(policy.value)}
                  </td>
                ) : (
                  <td class="num muted">–</td>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

const UNMAPPED_REASON: Record<CockpitModel['unmapped'][number]['reason'], CockpitKey> = {
  'functional-zone': 'unmappedFunctionalZone',
  'city-level': 'unmappedCityLevel',
  'unknown-name': 'unmappedUnknown',
};

function DistrictMap(props: { lang: Lang; data: CockpitModel }) {
  const { lang, data } = props;
  return (
    <Card title={ct(lang, 'districtMap')} hint={ct(lang, 'districtMapHint')} id="district-card">
      <div class="map-tools">
        <label for="map-measure">{ct(lang, 'measure')}</label>
        <select id="map-measure">
          <option value="enterprises">{ct(lang, 'measureEnterprises')}</option>
          <option value="localSupply">{ct(lang, 'measureLocalSupply')}</option>
          <option value="risk">{ct(lang, 'measureRisk')}</option>
        </select>
      </div>
      <div id="district-map" class="chart map" />
      {data.unmapped.length > 0 && (
        <details class="unmapped">
          <summary>{`${ct(lang, 'unmappedTitle')} (${data.unmapped.length})`}</summary>
          <ul>
            {data.unmapped.map((u) => (
              <li>
                <strong>{u.name}</strong>
                {` · ${ct(lang, 'enterprisesN', { n: u.enterprises })} · ${ct(lang, UNMAPPED_REASON[u.reason])}`}
              </li>
            ))}
          </ul>
        </details>
      )}
    </Card>
  );
}

function outlookChart(o: Outlook, lang: Lang) {
  return {
    id: o.seriesId,
    name: o.name,
    unit: o.unit ?? '',
    history: o.history.map((p) => [p.date, p.value]),
    forecast: o.points.map((p) => [p.date, p.mean, p.lo80, p.hi80]),
    sentence: o.trend.sentence[lang],
    changePct: o.trend.changePct,
  };
}

/** What the focus box says when a name found nothing or several things. */
export type FocusProblem =
  | { kind: 'missing'; query: string }
  | { kind: 'ambiguous'; query: string; candidates: Named[] };

export interface FocusFormProps {
  lang: Lang;
  focus: string;
  region: string;
  regions: Array<{ id: string; name: string }>;
  depth: number;
  problem?: FocusProblem;
}

export function FocusForm(props: FocusFormProps) {
  const { lang, problem } = props;
  return (
    <div class="focus-box">
      <form method="get" action="/cockpit" class="focus" id="focus-form">
        <label for="focus">{ct(lang, 'focusAny')}</label>
        <input
          id="focus"
          name="focus"
          value={props.focus}
          maxlength={100}
          required
          list="focus-suggestions"
          autocomplete="off"
          placeholder={ct(lang, 'focusPlaceholder')}
          data-suggest="Product,Enterprise,Region,Industry"
          data-labels={JSON.stringify({
            Product: ct(lang, 'Product'),
            Enterprise: ct(lang, 'Enterprise'),
            Region: ct(lang, 'Region'),
            Industry: ct(lang, 'Industry'),
          })}
        />
        <datalist id="focus-suggestions" />
        {props.regions.length > 0 && (
          <select name="region" aria-label={ct(lang, 'region')} title={ct(lang, 'region')}>
            {props.regions.map((r) => (
              <option value={r.id} selected={r.id === props.region}>
                {r.name}
              </option>
            ))}
          </select>
        )}
        <select name="depth" aria-label={t(lang, 'tiers')}>
          {[1, 2, 3, 4].map((d) => (
            <option value={String(d)} selected={d === props.depth}>
              {ct(lang, 'tierN', { n: d })}
            </option>
          ))}
        </select>
        <button type="submit">{t(lang, 'show')}</button>
      </form>
      <script type="module" src="/assets/picker.js"></script>
      {problem?.kind === 'missing' && (
        <p class="error" role="alert" id="focus-error">
          {ct(lang, 'notFound', { q: problem.query })}
        </p>
      )}
      {problem?.kind === 'ambiguous' && (
        <div class="error" role="alert" id="focus-error">
          {ct(lang, 'ambiguous', { q: problem.query })}
          <ul class="chips">
            {problem.candidates.map((c) => (
              <li>
                <a href={`/cockpit?focus=${encodeURIComponent(c.id)}`}>{c.name}</a>
                <small class="muted-text">{` ${ct(lang, c.type)}`}</small>
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}

export function CockpitPage(props: {
  lang: Lang;
  user: ApiKey;
  data: CockpitModel;
  answer: CockpitAnswer;
  path: string;
}) {
  const { lang, data } = props;
  const up = data.upstream;
  const other = (n: number) => t(lang, 'otherItems').replace('{n}', String(n));
  const chart = {
    page: 'cockpit',
    lang,
    ...(up ? { sankey: upstreamSankey(up, SANKEY_PER_TIER, other), tiers: tierCounts(up) } : {}),
    prices: data.prices.map((o) => outlookChart(o, lang)),
    demand: data.demand.map((o) => outlookChart(o, lang)),
    districts: {
      rows: data.districts,
      labels: {
        enterprises: ct(lang, 'measureEnterprises'),
        localSupply: ct(lang, 'measureLocalSupply'),
        risk: ct(lang, 'measureRisk'),
        red: ct(lang, 'red'),
        amber: ct(lang, 'amber'),
        green: ct(lang, 'green'),
      },
    },
  };
  const keep = { focus: data.focus.id, region: data.region.id, depth: String(data.depth) };
  return (
    <Page lang={lang} title={t(lang, 'cockpit')} path={props.path} user={props.user} data={chart}>
      <div class="page-head">
        <div>
          <h1>{t(lang, 'cockpit')}</h1>
          <p class="sub" id="focus-name">
            {`${ct(lang, data.focus.type)} · ${data.focus.name}`}
          </p>
        </div>
        <FocusForm
          lang={lang}
          focus={data.focus.name}
          region={data.region.id}
          regions={data.regions}
          depth={data.depth}
        />
      </div>
      <Kpis lang={lang} data={data} />
      <div class="grid">
        <CockpitAsk lang={lang} answer={props.answer} keep={keep} />
        <DistrictMap lang={lang} data={data} />
        <Card title={t(lang, 'demandOutlook')}>
          {data.demand.length > 0 ? (
            <>
              <div id="demand-chart" class="chart" />
              <p class="hint">{data.demand[0]!.trend.sentence[lang]}</p>
            </>
          ) : (
            <p class="empty">{t(lang, 'noSeries')}</p>
          )}
        </Card>
        <Card title={ct(lang, 'riskLevels')} hint={ct(lang, 'riskLevelsHint')} id="risk-card" wide>
          {data.risks.length > 0 ? (
            <RiskTable lang={lang} risks={data.risks} />
          ) : (
            <p class="empty">{ct(lang, 'noChainFocus')}</p>
          )}
        </Card>
        <Card
          title={`${t(lang, 'chainMap')} · ${data.main ? ct(lang, 'chainOf', { name: data.main.name }) : data.focus.name}`}
          hint={t(lang, 'chainMapHint')}
          wide
        >
          {up ? (
            <div class="chart-scroll">
              <div id="chain-chart" class="chart tall" />
            </div>
          ) : (
            <p class="empty">{ct(lang, 'noChainFocus')}</p>
          )}
        </Card>
        <Card title={t(lang, 'upstreamTiers')} wide>
          {up ? <div id="tier-chart" class="chart short" /> : <p class="empty">{ct(lang, 'noChainFocus')}</p>}
        </Card>
        <Card title={t(lang, 'priceOutlook')} hint={t(lang, 'priceHint')} wide>
          {data.prices.length > 0 ? (
            <div class="multiples">
              {data.prices.map((o, i) => (
                <figure>
                  <div id={`price-chart-${i}`} class="chart small" />
                  <figcaption>{o.trend.sentence[lang]}</figcaption>
                </figure>
              ))}
            </div>
          ) : (
            <p class="empty">{t(lang, 'noSeries')}</p>
          )}
        </Card>
        <BriefingsCard lang={lang} user={props.user} focus={data.main?.name ?? data.focus.name} />
        <Card title={t(lang, 'latestPolicies')} wide>
          {data.documents.length === 0 ? (
            <p class="empty">{t(lang, 'noDocuments')}</p>
          ) : (
            <div class="table-scroll">
              <table>
                <thead>
                  <tr>
                    <th>{t(lang, 'date')}</th>
                    <th>{t(lang, 'title')}</th>
                    <th>{t(lang, 'docNo')}</th>
                    <th>{t(lang, 'visibility')}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.documents.map((d) => (
                    <tr>
                      <td class="nowrap">{d.date ?? '–'}</td>
                      <td>
                        <a href={citationHref({ docId: d.id })}>{d.title}</a>
                      </td>
                      <td class="nowrap">{d.docNo ?? '–'}</td>
                      <td>
                        <span class={`tag ${d.visibility === 'public' ? '' : 'private'}`}>
                          {d.visibility === 'public' ? t(lang, 'visPublic') : t(lang, 'visRestricted')}
                        </span>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </Card>
      </div>
    </Page>
  );
}
