import type { Outlook } from '../../engine/risk/prices.js';
import { FACTOR_NAMES, type RiskReport } from '../../engine/risk/types.js';
import type { ApiKey } from '../../engine/security/index.js';
import { BriefingsCard } from './briefings.js';
import { tierCounts, upstreamSankey } from './charts.js';
import type { CockpitData } from './data.js';
import { type Lang, t } from './i18n.js';
import { Card, Page } from './layout.js';

/** Labels per sankey column that fit the chart's height without overlapping. */
const SANKEY_PER_TIER = 8;

function Kpi(props: { label: string; value: number }) {
  return (
    <div class="kpi">
      <span class="kpi-value">{props.value.toLocaleString('en-US')}</span>
      <span class="kpi-label">{props.label}</span>
    </div>
  );
}

/** White at 0, deep red at 1: the heat of one score cell. */
function heat(score: number): string {
  const s = Math.max(0, Math.min(1, score));
  return `background: rgba(200, 22, 29, ${(0.08 + 0.72 * s).toFixed(2)}); color: ${s > 0.55 ? '#fff' : 'inherit'}`;
}

function RiskTable(props: { lang: Lang; risks: RiskReport[] }) {
  const { lang } = props;
  const labels = new Map<string, string>();
  for (const r of props.risks) for (const f of r.factors) labels.set(f.name, f.label[lang]);
  const factors = FACTOR_NAMES.filter((n) => labels.has(n));
  return (
    <table class="heat">
      <thead>
        <tr>
          <th>{t(lang, 'node')}</th>
          <th class="num">{t(lang, 'composite')}</th>
          <th>{t(lang, 'level')}</th>
          {factors.map((n) => (
            <th class="num">{labels.get(n)}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {props.risks.map((r) => (
          <tr>
            <td>
              <a href={`/cockpit?focus=${encodeURIComponent(r.scope.name)}`}>{r.scope.name}</a>
            </td>
            <td class="num" style={heat(r.score / 100)}>
              {r.score.toFixed(0)}
            </td>
            <td>
              <span class={`level ${r.level}`}>{t(lang, r.level)}</span>
            </td>
            {factors.map((n) => {
              const f = r.factors.find((x) => x.name === n);
              return f ? (
                <td class="num" style={heat(f.score)} title={f.explanation[lang]}>
                  {(f.score * 100).toFixed(0)}
                </td>
              ) : (
                <td class="num muted">–</td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
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

export function CockpitPage(props: { lang: Lang; user: ApiKey; data: CockpitData; path: string }) {
  const { lang, data } = props;
  const up = data.upstream;
  const other = (n: number) => t(lang, 'otherItems').replace('{n}', String(n));
  const chart = {
    page: 'cockpit',
    lang,
    ...(up ? { sankey: upstreamSankey(up, SANKEY_PER_TIER, other), tiers: tierCounts(up) } : {}),
    prices: data.prices.map((o) => outlookChart(o, lang)),
    demand: data.demand.map((o) => outlookChart(o, lang)),
  };
  return (
    <Page lang={lang} title={t(lang, 'cockpit')} path={props.path} user={props.user} data={chart}>
      <div class="page-head">
        <h1>{t(lang, 'cockpit')}</h1>
        <form method="get" action="/cockpit" class="focus">
          <label for="focus">{t(lang, 'focus')}</label>
          <input id="focus" name="focus" value={data.focus} maxlength={100} />
          <select name="depth" aria-label={t(lang, 'tiers')}>
            {[1, 2, 3, 4].map((d) => (
              <option value={String(d)} selected={d === data.depth}>
                {`${d} ${t(lang, 'tiers')}`}
              </option>
            ))}
          </select>
          <button type="submit">{t(lang, 'show')}</button>
        </form>
      </div>
      <div class="kpis">
        <Kpi label={t(lang, 'kpiEnterprises')} value={data.kpis.enterprises} />
        <Kpi label={t(lang, 'kpiProducts')} value={data.kpis.products} />
        <Kpi label={t(lang, 'kpiEdges')} value={data.kpis.edges} />
        <Kpi label={t(lang, 'kpiDocuments')} value={data.kpis.documents} />
      </div>
      <div class="grid">
        <Card
          title={`${t(lang, 'chainMap')} · ${up?.entity.name ?? data.focus}`}
          hint={t(lang, 'chainMapHint')}
          wide
        >
          {up ? <div id="chain-chart" class="chart tall" /> : <p class="empty">{t(lang, 'noChain')}</p>}
        </Card>
        <Card title={t(lang, 'upstreamTiers')}>
          {up ? <div id="tier-chart" class="chart" /> : <p class="empty">{t(lang, 'noChain')}</p>}
        </Card>
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
        <Card title={t(lang, 'riskHeat')} hint={t(lang, 'riskHint')} wide>
          {data.risks.length > 0 ? (
            <RiskTable lang={lang} risks={data.risks} />
          ) : (
            <p class="empty">{t(lang, 'noChain')}</p>
          )}
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
        <BriefingsCard lang={lang} user={props.user} focus={up?.entity.name ?? data.focus} />
        <Card title={t(lang, 'latestPolicies')} wide>
          {data.documents.length === 0 ? (
            <p class="empty">{t(lang, 'noDocuments')}</p>
          ) : (
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
                    <td>{d.title}</td>
                    <td class="nowrap">{d.docNo ?? '–'}</td>
                    <td>
                      <span class={`tag ${d.visibility === 'public' ? '' : 'private'}`}>{d.visibility}</span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </Card>
      </div>
    </Page>
  );
}
