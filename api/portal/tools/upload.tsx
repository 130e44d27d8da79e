import type { OpenAPIHono } from '@hono/zod-openapi';
import type { ApiDeps, ApiEnv } from '../../env.js';
import { langOf } from '../i18n.js';
import { citationHref } from '../../../engine/links.js';
import { Card } from '../layout.js';
import { gatePage, pagePath } from '../gate.js';
import { UPLOADERS } from './roles.js';
import { nameOf } from './entity-search.js';
import { EntityPicker, ToolsPage } from './shell.js';
import { scriptText, tt } from './text.js';

const SCRIPT_KEYS = [
  'uploading',
  'resultAdded',
  'resultUpdated',
  'resultUnchanged',
  'resultDuplicate',
  'errType',
  'errTooLarge',
  'errUnreadable',
  'errBusy',
  'errForbidden',
  'errSignedOut',
  'errInvalid',
  'errServer',
  'errNetwork',
  'openDocument',
  'needEnterprise',
  'details',
] as const;

/**
 * `/upload`: documents (PDF, DOCX, TXT, MD) sent one by one to `POST /v1/documents`, the API's own
 * ingest path with its limits and audit, each file's outcome shown in the page's language. An
 * enterprise user's files are private to the enterprise (the route enforces it; the page says so).
 */
export function registerUploadPage(app: OpenAPIHono<ApiEnv>, deps: ApiDeps): void {
  app.get('/upload', async (c) => {
    const key = await gatePage(deps, c, UPLOADERS);
    if (key instanceof Response) return key;
    const lang = langOf(c);
    const own = key.enterpriseId
      ? ((await nameOf(deps.engine, c.get('principal'), `enterprise:${key.enterpriseId}`)) ??
        tt(lang, 'visOwn'))
      : undefined;
    return c.html(
      <ToolsPage
        lang={lang}
        user={key}
        path={pagePath(c)}
        tool="upload"
        title={tt(lang, 'uploadTitle')}
        scripts={['upload.js']}
      >
        <Card title={tt(lang, 'uploadTitle')} hint={tt(lang, 'uploadHint')} wide>
          <form
            id="upload-form"
            class="tool-form"
            data-text={JSON.stringify(scriptText(lang, SCRIPT_KEYS))}
            data-doc-href={citationHref({ docId: '__DOC__' })}
          >
            <div class="field">
              <label for="upload-files">{tt(lang, 'files')}</label>
              <input
                id="upload-files"
                name="files"
                type="file"
                multiple
                accept=".pdf,.docx,.txt,.md,.markdown"
                required
              />
            </div>
            {key.role === 'enterprise' ? (
              <p class="hint" id="upload-private">
                {tt(lang, 'visibility')}
                {tt(lang, 'colon')}
                <span class="tag private">{tt(lang, 'visOnly', { name: own ?? '' })}</span>
              </p>
            ) : (
              <div class="field">
                <label for="upload-visibility">{tt(lang, 'visibility')}</label>
                <select id="upload-visibility" name="visibility">
                  <option value="public">{tt(lang, 'visPublic')}</option>
                  <option value="industry">{tt(lang, 'visIndustry')}</option>
                  {key.role === 'admin' && <option value="enterprise">{tt(lang, 'visEnterprise')}</option>}
                </select>
              </div>
            )}
            {key.role === 'admin' && (
              <div id="upload-enterprise" hidden>
                <EntityPicker
                  lang={lang}
                  name="enterprise"
                  label={tt(lang, 'enterprise')}
                  types={['Enterprise']}
                />
              </div>
            )}
            <button type="submit">{tt(lang, 'uploadButton')}</button>
          </form>
          <p id="upload-error" class="error" role="alert"></p>
          <ul id="upload-results" class="upload-results" aria-live="polite"></ul>
        </Card>
      </ToolsPage>,
    );
  });
}
