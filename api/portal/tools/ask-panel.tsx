import { type AskResult, askFor } from '../../../engine/ask/index.js';
import { isUserFacing } from '../../../engine/errors.js';
import type { Engine } from '../../../engine/container.js';
import type { Principal } from '../../../knowledge-graph/schema/index.js';
import type { Lang } from '../i18n.js';
import { Card } from '../layout.js';
import { citationHref, nodeHref } from '../../../engine/links.js';
import { ErrorNote } from './errors.js';
import { type ShownError, shownError, tt } from './text.js';

export interface AskOutcome {
  question?: string;
  result?: AskResult;
  error?: ShownError;
}

/**
 * Asks as `POST /v1/ask` does for a body of just `{ question }`: the same service, the caller's
 * own principal, no language or k override; so the page shows the API's answer, word for word.
 */
export async function askOnPage(
  engine: Engine,
  principal: Principal,
  lang: Lang,
  question: string | undefined,
): Promise<AskOutcome> {
  const q = question?.trim();
  if (!q) return {};
  // The API refuses such a body before asking; the page says the same.
  if (q.length > 10_000)
    return {
      question: q.slice(0, 2_000),
      error: shownError(lang, 'the question is longer than 10,000 characters'),
    };
  try {
    return { question: q, result: await askFor(engine).ask(q, { principal }) };
  } catch (error) {
    if (!isUserFacing(error)) throw error;
    return { question: q, error: shownError(lang, error.message) };
  }
}

/** The answer text with its [n] markers raised as links to the numbered sources below. */
function Marked(props: { text: string }) {
  return (
    <>
      {props.text.split(/(\[\d+\])/).map((part) => {
        const n = /^\[(\d+)\]$/.exec(part)?.[1];
        return n ? (
          <sup>
            <a href={`#ask-cite-${n}`}>[{n}]</a>
          </sup>
        ) : (
          part
        );
      })}
    </>
  );
}

function Trace(props: { lang: Lang; result: AskResult }) {
  const { lang, result } = props;
  return (
    <details class="trace">
      <summary>
        {tt(lang, 'trace')} · {tt(lang, result.mode === 'llm' ? 'modeLlm' : 'modeOffline')}
      </summary>
      <h4>{tt(lang, 'planSteps')}</h4>
      <ol start={0}>
        {result.plan.steps.map((step) => (
          <li>
            <code>{JSON.stringify(step)}</code>
          </li>
        ))}
      </ol>
      <h4>{tt(lang, 'traceSteps')}</h4>
      <ol>
        {result.trace.map((s) => (
          <li>
            <strong>{s.step}</strong> {s.detail}
          </li>
        ))}
      </ol>
    </details>
  );
}

/**
 * A question box and the API's answer: text with citation markers, each source linked to where it
 * can be checked, the recognised entities, and the plan trace folded away. `action` is the page the
 * form submits to, so the cockpit can embed the panel and keep its own URL.
 */
export function AskPanel(props: {
  lang: Lang;
  outcome: AskOutcome;
  action?: string;
  /** Query values the embedding page keeps across the question (its focus, for instance). */
  keep?: Record<string, string>;
}) {
  const { lang, outcome } = props;
  const result = outcome.result;
  return (
    <Card title={tt(lang, 'askTitle')} hint={tt(lang, 'askHint')} wide id="ask-panel">
      <form method="get" action={`${props.action ?? '/ask'}#ask-panel`} class="ask-form">
        {Object.entries(props.keep ?? {}).map(([name, value]) => (
          <input type="hidden" name={name} value={value} />
        ))}
        <input
          class="ask-input"
          name="q"
          value={outcome.question ?? ''}
          placeholder={tt(lang, 'askPlaceholder')}
          maxlength={2000}
          aria-label={tt(lang, 'askTitle')}
          required
        />
        <button type="submit">{tt(lang, 'askButton')}</button>
      </form>
      {outcome.error && <ErrorNote lang={lang} error={outcome.error} />}
      {result && (
        <div class="ask-result" data-answered={String(result.answered)}>
          {!result.answered && <p class="hint">{tt(lang, 'notAnswered')}</p>}
          <p class="ask-answer">
            <Marked text={result.answer} />
          </p>
          {result.entities.length > 0 && (
            <p class="ask-entities">
              <span class="hint">
                {tt(lang, 'entities')}
                {tt(lang, 'colon')}
              </span>
              {result.entities.map((e) => {
                const href = nodeHref(e);
                return <span class="tag">{href ? <a href={href}>{e.name}</a> : e.name}</span>;
              })}
            </p>
          )}
          {result.citations.length > 0 && (
            <>
              <h3>{tt(lang, 'sources')}</h3>
              <ol class="ask-citations">
                {result.citations.map((c) => {
                  const href = citationHref(c);
                  return (
                    <li id={`ask-cite-${c.id}`} value={String(c.id)}>
                      <span class="cite-text">{c.text}</span>{' '}
                      {href && (
                        <a href={href} class="cite-open" title={c.source}>
                          {tt(lang, 'openSource')}
                        </a>
                      )}
                    </li>
                  );
                })}
              </ol>
            </>
          )}
          <Trace lang={lang} result={result} />
        </div>
      )}
    </Card>
  );
}

/**
 * The panel with its answer, for embedding in another page with one line, e.g. in the cockpit:
 * `<AskSection engine={deps.engine} principal={c.get('principal')} lang={lang} question={c.req.query('q')} action="/cockpit" keep={{ focus }} />`.
 */
export async function AskSection(props: {
  engine: Engine;
  principal: Principal;
  lang: Lang;
  question: string | undefined;
  action: string;
  keep?: Record<string, string>;
}) {
  const outcome = await askOnPage(props.engine, props.principal, props.lang, props.question);
  return <AskPanel lang={props.lang} outcome={outcome} action={props.action} keep={props.keep} />;
}
