import type { RiskSummary, SourceLink } from '../explore/panel.js';
import { percent } from '../explore/words.js';
import type { Lang } from '../i18n.js';
import { Card } from '../layout.js';
import { tx } from '../text/explore.js';
import type { RowList } from './data.js';

/** A name that opens its own page when it has one. */
export function Name(props: { name: string; href?: string | undefined }) {
  return props.href ? <a href={props.href}>{props.name}</a> : <span>{props.name}</span>;
}

/** Related nodes: the linked name, the share when stated, extra words, and the record to check. */
export function RowsCard(props: {
  lang: Lang;
  title: string;
  list: RowList;
  id?: string;
  shareLabel?: string;
  detailLabel?: string;
  wide?: boolean;
  local?: boolean;
}) {
  const { lang, list } = props;
  const more = list.total - list.rows.length;
  return (
    <Card title={`${props.title}${list.total > 0 ? ` · ${list.total}` : ''}`} wide={props.wide} id={props.id}>
      {list.rows.length === 0 ? (
        <p class="empty">{tx(lang, 'none')}</p>
      ) : (
        <div class="table-scroll">
          <table>
            <tbody>
              {list.rows.map((r) => (
                <tr>
                  <td>
                    <Name name={r.name} href={r.href} />
                    {props.local && r.local !== undefined && (
                      <span class={`tag ${r.local ? 'local' : 'elsewhere'}`}>
                        {tx(lang, r.local ? 'local' : 'elsewhere')}
                      </span>
                    )}
                  </td>
                  {props.shareLabel && <td class="num">{r.share === undefined ? '–' : percent(r.share)}</td>}
                  {props.detailLabel && <td class="fact">{r.detail ?? ''}</td>}
                  <td class="src">
                    {r.sourceHref ? (
                      <a href={r.sourceHref} title={r.fact}>
                        {tx(lang, 'source')}
                      </a>
                    ) : (
                      ''
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {more > 0 && <p class="hint">+{more}</p>}
        </div>
      )}
    </Card>
  );
}

export function RiskCard(props: { lang: Lang; risk: RiskSummary | null; title: string }) {
  const { lang, risk } = props;
  return (
    <Card title={props.title} id="risk">
      {risk ? (
        <>
          <p>
            {tx(lang, 'riskScore')} <strong>{risk.score}</strong>{' '}
            <span class={`level ${risk.level}`}>{risk.levelLabel}</span>
          </p>
          <ul class="reasons">
            {risk.reasons.map((r) => (
              <li>{r}</li>
            ))}
          </ul>
          {risk.products.length > 0 && (
            <>
              <h3>{tx(lang, 'riskiestProducts')}</h3>
              <ul class="links">
                {risk.products.map((p) => (
                  <li>
                    <Name name={p.name} href={p.href} /> · {p.score}
                  </li>
                ))}
              </ul>
            </>
          )}
        </>
      ) : (
        <p class="empty">{tx(lang, 'noRisk')}</p>
      )}
    </Card>
  );
}

export function DocumentsCard(props: { lang: Lang; documents: SourceLink[] }) {
  const { lang } = props;
  return (
    <Card title={tx(lang, 'documents')} id="documents">
      {props.documents.length === 0 ? (
        <p class="empty">{tx(lang, 'noDocuments')}</p>
      ) : (
        <ul class="links">
          {props.documents.map((d) => (
            <li>
              <Name name={d.label} href={d.href} />
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
