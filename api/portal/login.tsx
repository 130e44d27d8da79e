import { type Lang, t } from './i18n.js';
import { Page } from './layout.js';

export function LoginPage(props: { lang: Lang; error?: string; next?: string }) {
  const { lang } = props;
  return (
    <Page lang={lang} title={t(lang, 'loginTitle')} path="/login">
      <section class="login card">
        <h1>{t(lang, 'loginTitle')}</h1>
        <p class="hint">{t(lang, 'loginHint')}</p>
        {props.error && (
          <p class="error" role="alert">
            {props.error}
          </p>
        )}
        <form method="post" action="/login">
          <label for="key">{t(lang, 'keyLabel')}</label>
          <input id="key" name="key" type="password" autocomplete="off" required maxlength={200} />
          {props.next && <input type="hidden" name="next" value={props.next} />}
          <button type="submit">{t(lang, 'loginButton')}</button>
        </form>
      </section>
    </Page>
  );
}
