import type { AlertKind, InputAlerts } from '../../engine/risk/alerts.js';
import { type Lang, type MessageKey, t } from './i18n.js';
import { Card } from './layout.js';

const KIND_LABEL: Record<AlertKind, MessageKey> = {
  'single-source': 'alertSingleSource',
  concentration: 'alertConcentration',
  'outside-region': 'alertOutsideRegion',
  'rising-price': 'alertRisingPrice',
};

const signed = (x: number) => `${x >= 0 ? '+' : ''}${x.toFixed(1)}%`;

/** Alerts on the enterprise's inputs, then every input ranked by supply risk and price outlook. */
export function InputAlertsCard(props: { lang: Lang; data: InputAlerts | null }) {
  const { lang, data } = props;
  if (!data || data.inputs.length === 0)
    return (
      <Card title={t(lang, 'inputAlerts')} id="input-alerts" wide>
        <p class="empty">{t(lang, 'noInputs')}</p>
      </Card>
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
              <strong>{a.input.name}</strong>
              <span>{a.text[lang]}</span>
              <small class="muted" title={a.evidence.join('\n')}>
                {`${t(lang, 'evidence')}: ${a.evidence.slice(0, 2).join(', ')}${a.evidence.length > 2 ? ` +${a.evidence.length - 2}` : ''}`}
              </small>
            </li>
          ))}
        </ul>
      )}
      <table class="inputs-ranked">
        <thead>
          <tr>
            <th>{t(lang, 'inputs')}</th>
            <th>{t(lang, 'via')}</th>
            <th class="num">{t(lang, 'composite')}</th>
            <th>{t(lang, 'level')}</th>
            <th class="num">{t(lang, 'priceChange')}</th>
          </tr>
        </thead>
        <tbody>
          {data.inputs.map((i) => (
            <tr>
              <td>{i.name}</td>
              <td>
                {i.via
                  .slice(0, 2)
                  .map((v) => `${t(lang, v.kind === 'supplier' ? 'viaSupplier' : 'viaMadeFrom')}${v.name}`)
                  .join('；')}
              </td>
              <td class="num">{i.score.toFixed(0)}</td>
              <td>
                <span class={`level ${i.level}`}>{t(lang, i.level)}</span>
              </td>
              <td class="num" title={i.price?.sentence[lang]}>
                {i.price ? signed(i.price.changePct) : '–'}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Card>
  );
}
