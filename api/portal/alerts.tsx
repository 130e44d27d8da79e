import type { AlertKind, InputAlerts } from '../../engine/risk/alerts.js';
import { ragOf } from './cockpit-data.js';
import type { EvidenceWords } from './evidence.js';
import { type Lang, type MessageKey, t } from './i18n.js';
import { Card } from './layout.js';
import { nodeHref } from '../../engine/links.js';
import { ct } from './text/cockpit.js';

const KIND_LABEL: Record<AlertKind, MessageKey> = {
  'single-source': 'alertSingleSource',
  concentration: 'alertConcentration',
  'outside-region': 'alertOutsideRegion',
  'rising-price': 'alertRisingPrice',
};

const signed = (x: number) => `${x >= 0 ? '+' : ''}${x.toFixed(1)}%`;

const EVIDENCE_SHOWN = 2;

function ProductName(props: { id: string; name: string }) {
  const href = nodeHref({ id: props.id, type: 'Product' });
  return href ? <a href={href}>{props.name}</a> : props.name;
}

function Evidence(props: { lang: Lang; ids: string[]; words: ReadonlyMap<string, EvidenceWords> }) {
  const shown = props.ids.map((id) => props.words.get(id)).filter((w) => w !== undefined);
  if (shown.length === 0) return null;
  const rest = shown.length - EVIDENCE_SHOWN;
  return (
    <small class="muted evidence" title={shown.map((w) => w.text).join('\n')}>
      {`${t(props.lang, 'evidence')}: `}
      {shown.slice(0, EVIDENCE_SHOWN).map((w, i) => (
        <>
          {i > 0 && '；'}
          {w.href ? <a href={w.href}>{w.text}</a> : w.text}
        </>
      ))}
      {rest > 0 && ` +${rest}`}
    </small>
  );
}

/**
 * Alerts on the enterprise's inputs, then every input in the order shown: composite risk first,
 * the forecast price rise breaking ties, so the table reads as ranked.
 */
export function InputAlertsCard(props: {
  lang: Lang;
  data: InputAlerts | null;
  evidence: ReadonlyMap<string, EvidenceWords>;
}) {
  const { lang, data } = props;
  if (!data || data.inputs.length === 0)
    return (
      <Card title={t(lang, 'inputAlerts')} id="input-alerts" wide>
        <p class="empty">{t(lang, 'noInputs')}</p>
      </Card>
    );
  const ranked = [...data.inputs].sort(
    (a, b) =>
      Number(b.score.toFixed(0)) - Number(a.score.toFixed(0)) ||
      (b.price?.changePct ?? 0) - (a.price?.changePct ?? 0) ||
      a.name.localeCompare(b.name, 'zh'),
  );
  return (
    <Card title={t(lang, 'inputAlerts')} hint={t(lang, 'inputAlertsHint')} id="input-alerts" wide>
      {data.alerts.length === 0 ? (
        <p class="empty">{t(lang, 'noAlerts')}</p>
      ) : (
        <ul class="alerts">
          {data.alerts.map((a) => (
            <li class={`alert ${a.kind}`}>
              <span class="tag">{t(lang, KIND_LABEL[a.kind])}</span>
              <strong>
                <ProductName id={a.input.id} name={a.input.name} />
              </strong>
              <span>{a.text[lang]}</span>
              <Evidence lang={lang} ids={a.evidence} words={props.evidence} />
            </li>
          ))}
        </ul>
      )}
      <div class="table-scroll">
        <table class="inputs-ranked">
          <thead>
            <tr>
              <th class="num">#</th>
              <th>{t(lang, 'inputs')}</th>
              <th>{t(lang, 'via')}</th>
              <th class="num">{t(lang, 'composite')}</th>
              <th>{t(lang, 'level')}</th>
              <th class="num">{t(lang, 'priceChange')}</th>
            </tr>
          </thead>
          <tbody>
            {ranked.map((i, n) => (
              <tr data-score={i.score.toFixed(0)}>
                <td class="num muted-text">{n + 1}</td>
                <td>
                  <ProductName id={i.id} name={i.name} />
                </td>
                <td>
                  {i.via
                    .slice(0, 2)
                    .map((v) => `${t(lang, v.kind === 'supplier' ? 'viaSupplier' : 'viaMadeFrom')}${v.name}`)
                    .join('；')}
                </td>
                <td class="num">{i.score.toFixed(0)}</td>
                <td>
                  <span
                    class={`rag ${ragOf(i.level)}`}
                  >{`${ct(lang, ragOf(i.level))} · ${t(lang, i.level)}`}</span>
                </td>
                <td class="num" title={i.price?.sentence[lang]}>
                  {i.price ? signed(i.price.changePct) : '–'}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Card>
  );
}
