import { z } from 'zod';
import { type AskResult, askFor } from '../../engine/ask/index.js';
import { isUserFacing } from '../../engine/errors.js';
import type { Engine } from '../../engine/container.js';
import type { Principal } from '../../knowledge-graph/schema/index.js';
import { t } from './i18n.js';
import type { Lang } from './i18n.js';
import { Card } from './layout.js';
import { citationHref } from '../../engine/links.js';
import { ct } from './text/cockpit.js';

export const QuestionSchema = z.string().trim().min(1).max(2000);

export type CockpitAnswer =
  | { kind: 'none' }
  | { kind: 'invalid' }
  | { kind: 'answered'; question: string; result: AskResult }
  | { kind: 'failed'; question: string; message: string };

/**
 * The cockpit's question, answered by the same engine call as `POST /v1/ask` with the session's
 * principal (no language forced: like the API, the answer follows the question's).
 */
export async function answerQuestion(
  engine: Engine,
  principal: Principal,
  asked: string | undefined,
): Promise<CockpitAnswer> {
  if (asked === undefined) return { kind: 'none' };
  const question = QuestionSchema.safeParse(asked);
  if (!question.success) return { kind: 'invalid' };
  try {
    return {
      kind: 'answered',
      question: question.data,
      result: await askFor(engine).ask(question.data, { principal }),
    };
  } catch (error) {
    if (!isUserFacing(error)) throw error;
    return { kind: 'failed', question: question.data, message: error.message };
  }
}

/** The answer text with its [n] markers raised as links to the sources below. */
function Marked(props: { text: string }) {
  return (
    <>
      {props.text.split(/(\[\d+\])/).map((part) => {
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

const SNIPPET = 240;

/** The ask box: a plain form back to the cockpit, so it works without scripts and keeps the focus. */
export function CockpitAsk(props: { lang: Lang; answer: CockpitAnswer; keep: Record<string, string> }) {
  const { lang, answer } = props;
  const question = answer.kind === 'answered' || answer.kind === 'failed' ? answer.question : '';
  return (
    <Card title={t(lang, 'askTitle')} hint={ct(lang, 'cockpitAskHint')} wide id="ask">
      <div class="ask">
        <form method="get" action="/cockpit#ask">
          {Object.entries(props.keep).map(([name, value]) => (
            <input type="hidden" name={name} value={value} />
          ))}
          <input
            name="q"
            value={question}
            placeholder={t(lang, 'askPlaceholder')}
            maxlength={2000}
            required
            aria-label={t(lang, 'askTitle')}
          />
          <button type="submit">{t(lang, 'askButton')}</button>
        </form>
        {answer.kind === 'invalid' && (
          <p class="error" role="alert">
            {ct(lang, 'askEmpty')}
          </p>
        )}
        {answer.kind === 'failed' && (
          <p class="error" role="alert">
            {ct(lang, 'askFailed', { msg: answer.message })}
          </p>
        )}
        {answer.kind === 'answered' && (
          <div class="answer-block">
            <p class="answer">
              <Marked text={answer.result.answer} />
            </p>
            {answer.result.citations.length > 0 && (
              <>
                <h3>{t(lang, 'sources')}</h3>
                <ol class="citations">
                  {answer.result.citations.map((c) => {
                    const href = citationHref(c);
                    const snippet = c.text.length > SNIPPET ? `${c.text.slice(0, SNIPPET)}…` : c.text;
                    return (
                      <li id={`cite-${c.id}`} value={String(c.id)}>
                        {href ? <a href={href}>{snippet}</a> : snippet}
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
