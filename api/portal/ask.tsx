import type { AskResult } from '../../engine/ask/index.js';
import { type Lang, t } from './i18n.js';
import { citationSource } from './explore/words.js';
import { Card } from './layout.js';
import { citationHref } from '../../engine/links.js';

/** The answer text with its [n] markers raised as superscript links to the sources below. */
function Marked(props: { text: string }) {
  const parts = props.text.split(/(\[\d+\])/);
  return (
    <>
      {parts.map((part) => {
        const n = /^\[(\d+)\]$/.exec(part)?.[1];
        return n ? (
          <sup>
            <a href={`#cite-${n}`}>[{n}]</a>
          </sup>
        ) : (
          part
        );
      })}
    </>
  );
}

export function AskCard(props: {
  lang: Lang;
  question?: string;
  enterprise?: string;
  result?: AskResult;
  error?: string;
}) {
  const { lang, result } = props;
  return (
    <Card title={t(lang, 'askTitle')} wide id="ask">
      <div class="ask">
        <form method="get" action="/portal#ask">
          {props.enterprise && <input type="hidden" name="enterprise" value={props.enterprise} />}
          <input
            name="q"
            value={props.question ?? ''}
            placeholder={t(lang, 'askPlaceholder')}
            maxlength={2000}
            aria-label={t(lang, 'askTitle')}
          />
          <button type="submit">{t(lang, 'askButton')}</button>
        </form>
        {props.error && <p class="error">{props.error}</p>}
        {result && (
          <div class="answer-block">
            <p class="answer">
              <Marked text={result.answer} />
            </p>
            {result.citations.length > 0 && (
              <>
                <h3>{t(lang, 'sources')}</h3>
                <ol class="citations">
                  {result.citations.map((c) => {
                    const href = citationHref(c);
                    return (
                      <li id={`cite-${c.id}`} value={String(c.id)}>
                        {href ? <a href={href}>{c.text}</a> : c.text}
                        <small class="cite-source"> — {citationSource(c, lang)}</small>
                      </li>
                    );
                  })}
                </ol>
              </>
            )}
          </div>
        )}
      </div>
    </Card>
  );
}
