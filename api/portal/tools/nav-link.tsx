import type { ApiKey } from '../../../engine/security/index.js';
import type { Lang } from '../i18n.js';
import { tt } from './text.js';

/** The one nav entry of the tools: the tool set for analysts and admins, the upload page for enterprise staff. */
export function ToolsNavLink(props: { lang: Lang; user?: ApiKey | null | undefined }) {
  const { user, lang } = props;
  if (!user || user.role === 'evaluator') return null;
  return user.role === 'enterprise' ? (
    <a href="/upload">{tt(lang, 'upload')}</a>
  ) : (
    <a href="/ask">{tt(lang, 'tools')}</a>
  );
}
