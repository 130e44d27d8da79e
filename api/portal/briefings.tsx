import type { ApiKey } from '../../engine/security/index.js';
import { type Lang, type MessageKey, t } from './i18n.js';
import { Card } from './layout.js';

const SCRIPT_TEXT: MessageKey[] = [
  'noBriefings',
  'queued',
  'running',
  'completed',
  'failed',
  'download',
  'scopeNotFound',
  'scopeAmbiguous',
  'scopeInvalid',
  'requestFailed',
  'product',
  'enterpriseKind',
  'industry',
  'regionKind',
];

/**
 * The cockpit's briefing section. The form posts to `/v1/briefings` on the session; the list of
 * the user's recent jobs and their polling live in `/assets/briefings.js`.
 */
export function BriefingsCard(props: { lang: Lang; user: ApiKey; focus: string }) {
  const { lang } = props;
  const text = Object.fromEntries(SCRIPT_TEXT.map((k) => [k, t(lang, k)]));
  return (
    <Card title={t(lang, 'briefings')} hint={t(lang, 'briefingsHint')} id="briefings-card" wide>
      <div id="briefings" data-user={props.user.id} data-text={JSON.stringify(text)}>
        <form id="briefing-form" class="focus">
          <label for="briefing-scope">{t(lang, 'scope')}</label>
          <input
            id="briefing-scope"
            name="scope"
            value={`product:${props.focus}`}
            maxlength={300}
            required
            pattern="(product|enterprise|industry|region):.+"
            title="product:<name>, enterprise:<name>, industry:<name>, region:<name>"
          />
          <select name="format" aria-label={t(lang, 'format')}>
            <option value="docx">Word (DOCX)</option>
            <option value="html">HTML</option>
            <option value="md">Markdown</option>
          </select>
          <select name="lang" aria-label={t(lang, 'language')}>
            <option value="zh" selected={lang === 'zh'}>
              中文
            </option>
            <option value="en" selected={lang === 'en'}>
              English
            </option>
          </select>
          <button type="submit">{t(lang, 'requestBriefing')}</button>
        </form>
        <p id="briefing-error" class="error" role="alert"></p>
        <h3>{t(lang, 'recentBriefings')}</h3>
        <ul id="briefing-list" class="jobs" aria-live="polite"></ul>
      </div>
      <script src="/assets/briefings.js" defer></script>
    </Card>
  );
}
