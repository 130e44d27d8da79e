import { raw } from 'hono/html';
import type { ApiKey } from '../../../engine/security/index.js';
import type { Lang } from '../i18n.js';
import { Card, Page } from '../layout.js';
import { tx } from '../text/explore.js';
import type { EnterpriseProfile, ProductProfile, RowList } from './data.js';
import { DocumentsCard, Name, RiskCard, RowsCard } from './parts.js';

const exploreHref = (id: string, region?: string) =>
  `/explore?focus=${encodeURIComponent(id)}${region ? `&region=${encodeURIComponent(region)}` : ''}`;

function Links(props: { list: RowList }) {
  return (
    <>
      {props.list.rows.map((r, i) => (
        <>
          {i > 0 && '、'}
          <Name name={r.name} href={r.href} />
        </>
      ))}
    </>
  );
}

function Head(props: {
  lang: Lang;
  name: string;
  kind: string;
  lines: Array<[string, unknown]>;
  explore: string;
}) {
  return (
    <div class="page-head">
      <div>
        <h1>
          {props.name} <span class="tag">{props.kind}</span>
        </h1>
        <dl class="facts">
          {props.lines
            .filter(([, v]) => v !== undefined && v !== null && v !== '')
            .map(([label, value]) => (
              <>
                <dt>{label}</dt>
                <dd>{value}</dd>
              </>
            ))}
        </dl>
      </div>
      <p class="profile-links">
        <a href={props.explore}>{tx(props.lang, 'openExplorer')}</a>
      </p>
    </div>
  );
}

export function EnterprisePage(props: { lang: Lang; user: ApiKey; path: string; data: EnterpriseProfile }) {
  const { lang, data } = props;
  const p = data.node.props as Record<string, unknown>;
  const str = (v: unknown) => (typeof v === 'string' && v ? v : undefined);
  return (
    <Page lang={lang} title={data.node.name} path={props.path} user={props.user}>
      {raw('<link rel="stylesheet" href="/assets/explore.css" />')}
      <Head
        lang={lang}
        name={data.node.name}
        kind={tx(lang, 'enterpriseProfile')}
        explore={exploreHref(data.node.id)}
        lines={[
          [tx(lang, 'fullName'), str(p.fullName) !== data.node.name ? str(p.fullName) : undefined],
          [tx(lang, 'stockCode'), str(p.code)],
          [tx(lang, 'industry'), data.industries.total ? <Links list={data.industries} /> : undefined],
          [tx(lang, 'located'), data.regions.total ? <Links list={data.regions} /> : undefined],
        ]}
      />
      <div class="profile-grid profile">
        <RowsCard
          lang={lang}
          id="products"
          title={tx(lang, 'productsAndShares')}
          list={data.products}
          shareLabel={tx(lang, 'revenueShare')}
        />
        <RiskCard lang={lang} risk={data.risk} title={tx(lang, 'riskExposure')} />
        <RowsCard
          lang={lang}
          id="suppliers"
          title={tx(lang, 'suppliers')}
          list={data.suppliers}
          detailLabel={tx(lang, 'productsAndShares')}
        />
        <RowsCard
          lang={lang}
          id="customers"
          title={tx(lang, 'customers')}
          list={data.customers}
          detailLabel={tx(lang, 'productsAndShares')}
        />
        <RowsCard
          lang={lang}
          id="relations"
          title={tx(lang, 'relations')}
          list={{
            total: data.relations.total,
            rows: data.relations.rows.map((r) => ({
              ...r,
              detail: [r.fact, r.detail].filter(Boolean).join(' · '),
            })),
          }}
          detailLabel={tx(lang, 'fact')}
          wide
        />
        <DocumentsCard lang={lang} documents={data.documents} />
      </div>
    </Page>
  );
}

export function ProductPage(props: { lang: Lang; user: ApiKey; path: string; data: ProductProfile }) {
  const { lang, data } = props;
  const chart = data.outlook ? { page: 'profile', lang, prices: [data.outlook] } : undefined;
  return (
    <Page lang={lang} title={data.node.name} path={props.path} user={props.user} data={chart}>
      {raw('<link rel="stylesheet" href="/assets/explore.css" />')}
      <Head
        lang={lang}
        name={data.node.name}
        kind={tx(lang, 'productProfile')}
        explore={exploreHref(data.node.id, data.region?.id)}
        lines={[
          [tx(lang, 'industry'), data.industries.total ? <Links list={data.industries} /> : undefined],
          [tx(lang, 'subtypeOf'), data.kinds.total ? <Links list={data.kinds} /> : undefined],
          [
            tx(lang, 'producers'),
            tx(lang, 'producersSummary', { total: data.producers.total, local: data.producers.local }) +
              (data.region ? ` (${data.region.name})` : ''),
          ],
        ]}
      />
      <div class="profile-grid profile">
        <RowsCard
          lang={lang}
          id="producers"
          title={tx(lang, 'producers')}
          list={data.producers}
          shareLabel={tx(lang, 'revenueShare')}
          local
        />
        <RiskCard lang={lang} risk={data.risk} title={tx(lang, 'risk')} />
        <RowsCard
          lang={lang}
          id="inputs"
          title={tx(lang, 'inputs')}
          list={data.inputs}
          shareLabel={tx(lang, 'inputShare')}
        />
        <RowsCard
          lang={lang}
          id="outputs"
          title={tx(lang, 'outputs')}
          list={data.outputs}
          shareLabel={tx(lang, 'inputShare')}
        />
        <Card title={tx(lang, 'priceSeries')} wide id="prices">
          {data.outlook && (
            <figure>
              <div id="price-chart-0" class="chart small" />
              <figcaption>{data.outlook.sentence}</figcaption>
            </figure>
          )}
          {data.prices.length === 0 ? (
            <p class="empty">{tx(lang, 'noPrice')}</p>
          ) : (
            <ul class="links">
              {data.prices.map((s) => (
                <li>
                  <Name name={s.name} href={s.href} />
                  {s.unit ? ` · ${s.unit}` : ''} · {tx(lang, 'confidence')} {s.confidence.toFixed(2)}
                </li>
              ))}
            </ul>
          )}
        </Card>
        <DocumentsCard lang={lang} documents={data.documents} />
      </div>
    </Page>
  );
}
