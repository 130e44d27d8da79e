import { raw } from 'hono/html';
import type { Engine } from '../../../engine/container.js';
import type { ApiKey } from '../../../engine/security/index.js';
import type { Principal } from '../../../knowledge-graph/schema/index.js';
import { provenanceLabel } from '../explore/words.js';
import type { Lang } from '../i18n.js';
import { Card, Page } from '../layout.js';
import { nodeHref } from '../../../engine/links.js';
import { Name } from '../profiles/parts.js';
import { tx } from '../text/explore.js';

/** Points a series page draws: ten years of monthly data. */
const SHOWN = 120;

export interface SeriesView {
  name: string;
  unit?: string;
  frequency: string;
  sources: string[];
  products: Array<{ name: string; href?: string }>;
  history: Array<[string, number]>;
}

/** A stored series as its citation shows it: what it measures, where it came from, what it stands for. */
export async function seriesView(
  engine: Engine,
  id: string,
  principal: Principal,
  lang: Lang,
): Promise<SeriesView | null> {
  const store = engine.state.series;
  const stored = await store.get(id, principal);
  if (!stored || stored.node.id !== id) return null;
  const { node } = stored;
  const links = await store.links({ seriesId: node.id }, principal);
  const subjects = [node.props.subjectId, ...links.map((l) => l.productId)].filter(
    (x): x is string => typeof x === 'string',
  );
  const products = await engine.graph.getNodes([...new Set(subjects)], principal);
  const name = node.props.nameZh && lang === 'zh' ? `${node.props.nameZh}（${node.name}）` : node.name;
  return {
    name,
    ...(node.props.unit ? { unit: node.props.unit } : {}),
    frequency: node.props.frequency,
    sources: node.provenance.map((p) => provenanceLabel(p, lang)),
    products: products.map((p) => {
      const href = nodeHref(p);
      return href ? { name: p.name, href } : { name: p.name };
    }),
    history: stored.points
      .filter((p): p is { date: string; value: number } => p.value !== null)
      .slice(-SHOWN)
      .map((p) => [p.date, p.value]),
  };
}

export function SeriesPage(props: { lang: Lang; user: ApiKey; path: string; series: SeriesView }) {
  const { lang, series } = props;
  const last = series.history.at(-1);
  const chart =
    series.history.length > 0
      ? { page: 'series', lang, prices: [{ ...series, unit: series.unit ?? '', forecast: [] }] }
      : undefined;
  return (
    <Page lang={lang} title={series.name} path={props.path} user={props.user} data={chart}>
      {raw('<link rel="stylesheet" href="/assets/explore.css" />')}
      <div class="page-head">
        <div>
          <h1>
            {series.name} <span class="tag">{tx(lang, 'series')}</span>
          </h1>
          <dl class="facts">
            {series.unit && (
              <>
                <dt>{tx(lang, 'unit')}</dt>
                <dd>{series.unit}</dd>
              </>
            )}
            {last && (
              <>
                <dt>{tx(lang, 'lastValue')}</dt>
                <dd>{`${last[1].toLocaleString('en-US')} · ${last[0]}`}</dd>
              </>
            )}
            <dt>{tx(lang, 'source')}</dt>
            <dd>{series.sources.join('；')}</dd>
            <dt>{tx(lang, 'linkedProducts')}</dt>
            <dd>
              {series.products.length === 0
                ? tx(lang, 'none')
                : series.products.map((p, i) => (
                    <>
                      {i > 0 && '、'}
                      <Name name={p.name} href={p.href} />
                    </>
                  ))}
            </dd>
          </dl>
        </div>
      </div>
      {chart && (
        <Card title={tx(lang, 'series')} wide>
          <div id="price-chart-0" class="chart" />
        </Card>
      )}
    </Page>
  );
}
