import type { Child } from 'hono/jsx';
import type { Principal } from '../../knowledge-graph/schema/index.js';
import type { GraphStore } from '../../knowledge-graph/store/port.js';
import type { ApiKey } from '../../engine/security/index.js';
import type { NodeType } from '../../knowledge-graph/schema/index.js';
import { enterpriseNetwork } from './charts.js';
import type { EnterpriseData, Link } from './data.js';
import { type Named, resolveFocus } from './focus.js';
import { type Lang, t } from './i18n.js';
import { Card, Page } from './layout.js';
import { nodeHref } from '../../engine/links.js';

export type EnterprisePick =
  | { kind: 'none' }
  | { kind: 'found'; node: Named }
  | { kind: 'missing'; query: string }
  | { kind: 'ambiguous'; query: string; candidates: Named[] };

/** The enterprise an admin typed, by name, alias, stock code or id (a bare D0001 too). */
export async function pickEnterprise(
  graph: GraphStore,
  asked: string | undefined,
  principal: Principal,
): Promise<EnterprisePick> {
  const query = asked?.trim().slice(0, 100) ?? '';
  if (!query) return { kind: 'none' };
  for (const text of [query, `enterprise:${query}`]) {
    const found = await resolveFocus(graph, text, principal, ['Enterprise']);
    if (found.kind === 'found') return found;
    if (found.kind === 'ambiguous') return { kind: 'ambiguous', query, candidates: found.candidates };
  }
  return { kind: 'missing', query };
}

/** The admin's enterprise picker: a name box with suggestions, and what went wrong, in the page's language. */
export function EnterprisePicker(props: { lang: Lang; picked: Exclude<EnterprisePick, { kind: 'found' }> }) {
  const { lang, picked } = props;
  return (
    <>
      <form method="get" action="/portal" class="focus" id="enterprise-picker">
        <label for="enterprise">{t(lang, 'enterpriseName')}</label>
        <input
          id="enterprise"
          name="enterprise"
          value={picked.kind === 'none' ? '' : picked.query}
          placeholder={t(lang, 'enterprisePlaceholder')}
          maxlength={100}
          required
          list="enterprise-suggestions"
          autocomplete="off"
          data-suggest="Enterprise"
        />
        <datalist id="enterprise-suggestions" />
        <button type="submit">{t(lang, 'show')}</button>
      </form>
      {picked.kind === 'missing' && (
        <p class="error" role="alert">
          {t(lang, 'enterpriseNotFound', { q: picked.query })}
        </p>
      )}
      {picked.kind === 'ambiguous' && (
        <div class="error" role="alert">
          {t(lang, 'enterpriseAmbiguous', { q: picked.query })}
          <ul class="chips">
            {picked.candidates.map((c) => (
              <li>
                <a href={`/portal?enterprise=${encodeURIComponent(c.id)}`}>{c.name}</a>
              </li>
            ))}
          </ul>
        </div>
      )}
      <script type="module" src="/assets/picker.js"></script>
    </>
  );
}

/** A name that opens its profile. */
function NameLink(props: { id: string; name: string; type: NodeType }) {
  const href = nodeHref(props);
  return href ? <a href={href}>{props.name}</a> : props.name;
}

function LinkList(props: { items: Link[]; empty: string; type: NodeType; limit?: number }) {
  const items = props.items.slice(0, props.limit ?? 20);
  if (items.length === 0) return <p class="empty">{props.empty}</p>;
  return (
    <ul class="chips">
      {items.map((i) => (
        <li>
          <NameLink id={i.id} name={i.name} type={props.type} />
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
                    <NameLink id={p.id} name={p.name} type="Product" />
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
                      <NameLink id={i.id} name={i.name} type="Product" />
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
