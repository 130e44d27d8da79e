import type { Child } from 'hono/jsx';
import type { ApiKey } from '../../engine/security/index.js';
import type { NodeType } from '../../knowledge-graph/schema/index.js';
import { enterpriseNetwork } from './charts.js';
import type { EnterpriseData, Link } from './data.js';
import { type Lang, t } from './i18n.js';
import { Card, Page } from './layout.js';
import { nodeHref } from './links.js';

/** A name that opens its profile. */
function Named(props: { id: string; name: string; type: NodeType }) {
  const href = nodeHref(props);
  return href ? <a href={href}>{props.name}</a> : <>{props.name}</>;
}

function LinkList(props: { items: Link[]; empty: string; type: NodeType; limit?: number }) {
  const items = props.items.slice(0, props.limit ?? 20);
  if (items.length === 0) return <p class="empty">{props.empty}</p>;
  return (
    <ul class="chips">
      {items.map((i) => (
        <li>
          <Named id={i.id} name={i.name} type={props.type} />
        </li>
      ))}
      {props.items.length > items.length && <li class="more">+{props.items.length - items.length}</li>}
    </ul>
  );
}

const pct = (x: number | undefined) => (x === undefined ? '–' : `${(x * 100).toFixed(1)}%`);

export function EnterprisePage(props: {
  lang: Lang;
  user: ApiKey;
  data: EnterpriseData;
  path: string;
  /** Sections placed above the chain (the ask box, input alerts), supplied by the capabilities that exist. */
  before?: Child;
}) {
  const { lang, data } = props;
  const e = data.entity;
  const network = enterpriseNetwork(data, [
    t(lang, 'enterprise'),
    t(lang, 'suppliers'),
    t(lang, 'customers'),
    t(lang, 'products'),
    t(lang, 'inputs'),
  ]);
  const fact = (k: string) => (typeof e.props[k] === 'string' ? (e.props[k] as string) : undefined);
  return (
    <Page
      lang={lang}
      title={e.name}
      path={props.path}
      user={props.user}
      data={{ page: 'portal', lang, network }}
    >
      <div class="page-head">
        <div>
          <h1>{e.name}</h1>
          <p class="sub">
            {[fact('fullName'), fact('code'), fact('regionId')?.replace(/^region:/, '')]
              .filter(Boolean)
              .join(' · ')}
          </p>
        </div>
        <p class="hint">{t(lang, 'publicOnly')}</p>
      </div>
      <div class="grid">
        {props.before}
        <Card title={t(lang, 'ownChain')} wide>
          <div id="ent-chart" class="chart tall" />
        </Card>
        <Card title={t(lang, 'products')}>
          <table>
            <tbody>
              {data.products.slice(0, 10).map((p) => (
                <tr>
                  <td>
                    <Named id={p.id} name={p.name} type="Product" />
                  </td>
                  <td class="num">{pct(p.weight)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Card>
        <Card title={t(lang, 'inputs')}>
          <table>
            <thead>
              <tr>
                <th>{t(lang, 'node')}</th>
                <th>{t(lang, 'products')}</th>
                <th class="num">{t(lang, 'share')}</th>
              </tr>
            </thead>
            <tbody>
              {[...data.inputs]
                .sort((a, b) => (b.share ?? 0) - (a.share ?? 0))
                .slice(0, 12)
                .map((i) => (
                  <tr>
                    <td>
                      <Named id={i.id} name={i.name} type="Product" />
                    </td>
                    <td>{i.for}</td>
                    <td class="num">{pct(i.share)}</td>
                  </tr>
                ))}
            </tbody>
          </table>
        </Card>
        <Card title={t(lang, 'suppliers')}>
          <LinkList items={data.suppliers} empty={t(lang, 'none')} type="Enterprise" />
        </Card>
        <Card title={t(lang, 'customers')}>
          <LinkList items={data.customers} empty={t(lang, 'none')} type="Enterprise" />
        </Card>
        <Card title={t(lang, 'outputs')}>
          <LinkList
            items={[...new Map(data.outputs.map((o) => [o.id, o])).values()]}
            empty={t(lang, 'none')}
            type="Product"
            limit={24}
          />
        </Card>
      </div>
    </Page>
  );
}
