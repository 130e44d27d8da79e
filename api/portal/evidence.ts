import { chainGraph } from '../../engine/chain/service.js';
import type { Engine } from '../../engine/container.js';
import type { InputAlerts } from '../../engine/risk/alerts.js';
import type { Principal } from '../../knowledge-graph/schema/index.js';
import { type Lang, type MessageKey, t } from './i18n.js';
import { citationHref } from '../../engine/links.js';

/** One piece of evidence as a reader sees it: a sentence of names, and where to check it. */
export interface EvidenceWords {
  text: string;
  href?: string;
}

const EDGE_WORDS: Record<string, MessageKey> = {
  PRODUCES: 'evidenceProduces',
  MADE_FROM: 'evidenceMadeFrom',
  SUPPLIES: 'evidenceSupplies',
  LOCATED_IN: 'evidenceLocated',
};

/**
 * The alerts' evidence ids (`PRODUCES|enterprise:D0236|product:隔膜`, node and series ids) in
 * words with names: "澄川材料 生产 隔膜". Ids the reader may not see stay out rather than leak.
 */
export async function evidenceWords(
  engine: Engine,
  alerts: InputAlerts,
  principal: Principal,
  lang: Lang,
): Promise<Map<string, EvidenceWords>> {
  const g = await chainGraph(engine, principal);
  const name = (id: string) => {
    const n = g.find(id);
    return n === undefined ? undefined : g.names[n];
  };
  const ids = new Set(alerts.alerts.flatMap((a) => a.evidence));
  const words = new Map<string, EvidenceWords>();
  for (const id of ids) {
    const [type, from, to] = id.split('|');
    if (type && from && to) {
      const a = name(from);
      const b = name(to);
      const key = EDGE_WORDS[type];
      if (a && b)
        words.set(id, {
          text: key ? t(lang, key, { a, b }) : `${a} → ${b}`,
          href: citationHref({ edgeId: id }),
        });
      continue;
    }
    const node = name(id);
    if (node) {
      words.set(id, { text: node, href: citationHref({ nodeId: id }) });
      continue;
    }
    const series = await engine.state.series.get(id, principal);
    if (series)
      words.set(id, {
        text: t(lang, 'evidenceSeries', { a: series.node.name }),
        href: citationHref({ seriesId: id }),
      });
  }
  return words;
}
