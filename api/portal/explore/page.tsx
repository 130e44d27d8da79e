import { raw } from 'hono/html';
import type { Engine } from '../../../engine/container.js';
import { resolveEntity } from '../../../engine/entities.js';
import type { ApiKey } from '../../../engine/security/index.js';
import type { GraphNode, Principal } from '../../../knowledge-graph/schema/index.js';
import type { Lang } from '../i18n.js';
import { Page } from '../layout.js';
import { type ExploreKey, tx } from '../text/explore.js';
import { SEARCHED } from './search.js';
import { levelName } from './words.js';

/** The region a Chongqing analyst means by "local" unless they pick another. */
export const DEFAULT_REGION = 'region:重庆市';
/** The chain the explorer opens on when no focus is given. */
export const DEFAULT_FOCUS = ['动力电池', '新能源汽车', '汽车'];

const LEVEL_ORDER = ['province', 'city', 'district', 'country'];

export interface RegionOption {
  id: string;
  name: string;
}

/** The regions to pick from: provinces first, then cities and districts, by name. */
export async function regionOptions(
  engine: Engine,
  principal: Principal,
  lang: Lang,
): Promise<RegionOption[]> {
  const regions: Array<{ node: GraphNode; rank: number }> = [];
  for await (const node of engine.graph.scanNodes(['Region'], principal)) {
    const level = typeof node.props.level === 'string' ? node.props.level : '';
    const rank = LEVEL_ORDER.indexOf(level);
    regions.push({ node, rank: rank < 0 ? LEVEL_ORDER.length : rank });
  }
  regions.sort((a, b) => a.rank - b.rank || a.node.name.localeCompare(b.node.name, 'zh'));
  return regions.map(({ node }) => {
    const level = levelName(node.props.level, lang);
    return { id: node.id, name: level ? `${node.name}（${level}）` : node.name };
  });
}

/** The node the page opens on: the one asked for, else the first default the data holds. */
export async function focusNode(
  engine: Engine,
  asked: string | undefined,
  principal: Principal,
): Promise<GraphNode | null> {
  for (const name of asked ? [asked] : DEFAULT_FOCUS) {
    try {
      return await resolveEntity(engine.graph, name, principal, SEARCHED);
    } catch {
      // An unknown or ambiguous name leaves the page open on its search box.
    }
  }
  return null;
}

/** Strings the browser script shows, in the page's language. */
const SCRIPT_TEXT: readonly ExploreKey[] = [
  'expandUp',
  'expandDown',
  'showMore',
  'moreNode',
  'tierUp',
  'tierDown',
  'tierFocus',
  'loading',
  'noResults',
  'noNeighbours',
  'facts',
  'producers',
  'producersSummary',
  'local',
  'elsewhere',
  'risk',
  'riskScore',
  'priceOutlook',
  'sources',
  'documents',
  'openProfile',
  'noRisk',
  'noPrice',
  'noDocuments',
  'legendFocus',
  'legendLocal',
  'legendElsewhere',
  'legendNone',
  'legendMore',
  'none',
];

export function ExplorePage(props: {
  lang: Lang;
  user: ApiKey;
  path: string;
  focus: GraphNode | null;
  asked?: string;
  regions: RegionOption[];
  region?: string;
}) {
  const { lang } = props;
  const data = {
    page: 'explore',
    lang,
    focus: props.focus ? { id: props.focus.id, name: props.focus.name, type: props.focus.type } : null,
    region: props.region ?? '',
    text: Object.fromEntries(SCRIPT_TEXT.map((k) => [k, tx(lang, k)])),
  };
  return (
    <Page lang={lang} title={tx(lang, 'explore')} path={props.path} user={props.user} data={data}>
      {raw('<link rel="stylesheet" href="/assets/explore.css" />')}
      <div class="page-head explore-head">
        <div>
          <h1>{tx(lang, 'explore')}</h1>
          <p class="hint">{tx(lang, 'exploreHint')}</p>
        </div>
        <form method="get" action="/explore" class="focus explore-form" id="explore-form" autocomplete="off">
          <div class="search-box">
            <input
              id="explore-q"
              name="focus"
              value={props.focus?.name ?? props.asked ?? ''}
              placeholder={tx(lang, 'searchPlaceholder')}
              maxlength={100}
              aria-label={tx(lang, 'searchLabel')}
              aria-controls="explore-suggest"
            />
            <ul id="explore-suggest" class="suggest" hidden />
          </div>
          <label for="explore-region">{tx(lang, 'region')}</label>
          <select id="explore-region" name="region">
            <option value="">{tx(lang, 'noRegion')}</option>
            {props.regions.map((r) => (
              <option value={r.id} selected={r.id === props.region}>
                {r.name}
              </option>
            ))}
          </select>
          <button type="submit">{tx(lang, 'searchLabel')}</button>
        </form>
      </div>
      {!props.focus && <p class="empty">{tx(lang, 'noResults')}</p>}
      <div class="explore" hidden={!props.focus}>
        <section class="card explore-graph">
          <ul class="legend">
            <li>
              <i class="dot focus" />
              {tx(lang, 'legendFocus')}
            </li>
            <li>
              <i class="dot local" />
              {tx(lang, 'legendLocal')}
            </li>
            <li>
              <i class="dot elsewhere" />
              {tx(lang, 'legendElsewhere')}
            </li>
            <li>
              <i class="dot none" />
              {tx(lang, 'legendNone')}
            </li>
          </ul>
          <div id="explore-chart" class="chart explore-chart" />
          <details class="tiers" open>
            <summary>{tx(lang, 'listView')}</summary>
            <div id="explore-tiers" />
          </details>
        </section>
        <aside class="card explore-panel" id="explore-panel" aria-live="polite" />
      </div>
      <script src="/assets/explore.js" defer></script>
    </Page>
  );
}
