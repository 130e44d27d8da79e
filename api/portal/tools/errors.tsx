import { isUserFacing } from '../../../engine/errors.js';
import type { Lang } from '../i18n.js';
import { type ShownError, shownError, tt } from './text.js';

/** An error in the page's language, with the engine's own words folded away when they add detail. */
export function ErrorNote(props: { lang: Lang; error: ShownError }) {
  return (
    <div class="error" role="alert">
      {props.error.message}
      {props.error.detail && (
        <details>
          <summary>{tt(props.lang, 'details')}</summary>
          {props.error.detail}
        </details>
      )}
    </div>
  );
}

/** Runs an engine call for a page: a user-facing failure becomes a shown error, anything else propagates. */
export async function attempt<T>(
  lang: Lang,
  run: () => Promise<T>,
): Promise<{ value: T; error?: undefined } | { value?: undefined; error: ShownError }> {
  try {
    return { value: await run() };
  } catch (error) {
    if (!isUserFacing(error)) throw error;
    return { error: shownError(lang, error.message) };
  }
}
