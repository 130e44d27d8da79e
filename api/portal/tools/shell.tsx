import type { Child } from 'hono/jsx';
import type { ApiKey } from '../../../engine/security/index.js';
import type { Lang } from '../i18n.js';
import { Page } from '../layout.js';
import type { PickableType } from './entity-search.js';
import { scriptText, type ToolKey, tt } from './text.js';

export type Tool = 'ask' | 'scenarios' | 'gaps' | 'alternatives' | 'briefings' | 'upload';

const TABS: Array<{ tool: Tool; href: string; label: ToolKey }> = [
  { tool: 'ask', href: '/ask', label: 'tabAsk' },
  { tool: 'scenarios', href: '/scenarios', label: 'tabScenarios' },
  { tool: 'gaps', href: '/gaps', label: 'tabGaps' },
  { tool: 'alternatives', href: '/alternatives', label: 'tabAlternatives' },
  { tool: 'briefings', href: '/briefings', label: 'tabBriefings' },
  { tool: 'upload', href: '/upload', label: 'tabUpload' },
];

/** A tool page: the portal frame, the tool tabs, the tools' styles and the name picker's script. */
export function ToolsPage(props: {
  lang: Lang;
  user: ApiKey;
  path: string;
  tool: Tool;
  title: string;
  children?: Child;
  scripts?: string[];
}) {
  const { lang, user } = props;
  const tabs = user.role === 'enterprise' ? [] : TABS;
  return (
    <Page lang={lang} title={props.title} path={props.path} user={user}>
      <link rel="stylesheet" href="/assets/tools/tools.css" />
      {tabs.length > 0 && (
        <nav class="tool-tabs" aria-label={tt(lang, 'tools')}>
          {tabs.map((tab) => (
            <a
              href={tab.href}
              class={tab.tool === props.tool ? 'active' : undefined}
              aria-current={tab.tool === props.tool ? 'page' : undefined}
            >
              {tt(lang, tab.label)}
            </a>
          ))}
        </nav>
      )}
      <div
        class="tool"
        data-picker-text={JSON.stringify(
          scriptText(lang, [
            'typeProduct',
            'typeEnterprise',
            'typeRegion',
            'typeIndustry',
            'typePolicy',
            'noMatch',
          ]),
        )}
      >
        {props.children}
      </div>
      <script src="/assets/tools/picker.js" defer></script>
      {(props.scripts ?? []).map((s) => (
        <script src={`/assets/tools/${s}`} defer></script>
      ))}
    </Page>
  );
}

export interface Picked {
  id: string;
  name: string;
}

/**
 * A search box that offers names on the chain as one types and keeps the picked node's id in a
 * hidden field; typed text alone still works (the server resolves the name).
 */
export function EntityPicker(props: {
  lang: Lang;
  name: string;
  label: string;
  types: readonly PickableType[];
  value?: Picked | undefined;
  required?: boolean;
}) {
  const { lang, name } = props;
  const id = `pick-${name}`;
  return (
    <div class="field picker" data-types={props.types.join(',')}>
      <label for={id}>{props.label}</label>
      <input
        id={id}
        class="picker-input"
        name={`${name}Name`}
        type="text"
        value={props.value?.name ?? ''}
        placeholder={tt(lang, 'searchPlaceholder')}
        autocomplete="off"
        maxlength={100}
        role="combobox"
        aria-autocomplete="list"
        aria-expanded="false"
        aria-controls={`${id}-list`}
        required={props.required}
      />
      <input type="hidden" name={name} value={props.value?.id ?? ''} />
      <div id={`${id}-list`} class="picker-list" role="listbox" hidden></div>
    </div>
  );
}

/** What a picker field names: the picked id, else the typed name; undefined when both are empty. */
export function pickedRef(values: {
  id?: string | undefined;
  name?: string | undefined;
}): string | undefined {
  const id = values.id?.trim();
  if (id) return id;
  const name = values.name?.trim();
  return name || undefined;
}

export function typeLabel(lang: Lang, type: string): string {
  const key = `type${type}` as ToolKey;
  return ['typeProduct', 'typeEnterprise', 'typeRegion', 'typeIndustry', 'typePolicy'].includes(key)
    ? tt(lang, key)
    : type;
}

export function pct(value: number, digits = 1, signed = false): string {
  const s = value.toFixed(digits);
  return `${signed && value > 0 ? '+' : ''}${s}%`;
}
