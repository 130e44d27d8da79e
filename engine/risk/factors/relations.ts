import type { ChainGraph } from '../../chain/graph.js';
import { type Measurement, measured, missing, pct, text } from '../types.js';

const RELATION_TYPES = ['SUPPLIES', 'CONTROLS', 'COMPETES_WITH', 'COOPERATES_WITH'] as const;
/** A supply edge last seen within this many days of the newest one counts as recent. */
const RECENT_DAYS = 90;

const latestCache = new WeakMap<ChainGraph, string>();

/** The newest `lastSeen` on any supply edge: "recent" is relative to the data, not the clock. */
function latestSupply(g: ChainGraph): string {
  let latest = latestCache.get(g);
  if (latest === undefined) {
    latest = '';
    for (const e of g.nodesOfType('Enterprise'))
      for (const l of g.outLinks('SUPPLIES', e))
        if ((l.props.lastSeen ?? '') > latest) latest = l.props.lastSeen!;
    latestCache.set(g, latest);
  }
  return latest;
}

function daysBefore(date: string, days: number): string {
  const t = Date.parse(`${date}T00:00:00Z`) - days * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

/**
 * Relationship signals of enterprises (ICKG): reliance on one or two recorded suppliers, control
 * by another entity, and no recorded competitor (no obvious alternative). Per enterprise:
 * 0.5 × supplier reliance (1 supplier: 1, 2: 0.5) + 0.25 × controlled + 0.25 × no competitor;
 * averaged over the enterprises that appear in any relation.
 */
export function relations(g: ChainGraph, enterprises: readonly number[], subject: string): Measurement {
  if (RELATION_TYPES.every((t) => g.count(t) === 0))
    return missing(
      text(
        'no enterprise relations (supplies, controls, competes) are imported; import ICKG for them',
        '未导入企业关系（供给、控股、竞争），可导入 ICKG 数据',
      ),
    );
  const since = daysBefore(latestSupply(g) || '1970-01-01', RECENT_DAYS);
  let appearing = 0;
  let sum = 0;
  let suppliersTotal = 0;
  let controlled = 0;
  let competitors = 0;
  let recent = 0;
  const evidence: string[] = [];
  for (const e of enterprises) {
    const suppliers = g.inLinks('SUPPLIES', e);
    const controllers = g.inLinks('CONTROLS', e);
    const rivals = g.outLinks('COMPETES_WITH', e);
    const partners = g.outLinks('COOPERATES_WITH', e);
    const customers = g.outLinks('SUPPLIES', e);
    if (suppliers.length + controllers.length + rivals.length + partners.length + customers.length === 0)
      continue;
    appearing++;
    const reliance = suppliers.length === 1 ? 1 : suppliers.length === 2 ? 0.5 : 0;
    sum += 0.5 * reliance + 0.25 * (controllers.length > 0 ? 1 : 0) + 0.25 * (rivals.length === 0 ? 1 : 0);
    suppliersTotal += suppliers.length;
    if (controllers.length > 0) controlled++;
    competitors += rivals.length;
    for (const l of [...suppliers, ...customers]) if ((l.props.lastSeen ?? '') >= since) recent++;
    for (const l of [...controllers, ...suppliers, ...rivals]) if (evidence.length < 6) evidence.push(l.edge);
  }
  if (appearing === 0)
    return missing(
      text(
        `none of the ${enterprises.length} enterprise(s) behind ${subject} appears in the imported relations`,
        `${subject}相关的 ${enterprises.length} 家企业均未出现在已导入的企业关系中`,
      ),
    );
  const score = sum / appearing;
  return measured({
    value: appearing,
    unit: 'enterprises',
    score,
    details: {
      enterprises: enterprises.length,
      appearing,
      suppliers: suppliersTotal,
      controlled,
      competitors,
      recentSupplyEdges: recent,
    },
    explanation: text(
      `${appearing} of ${enterprises.length} enterprise(s) appear in relations: ${suppliersTotal} supplier link(s), ${controlled} controlled by another entity, ${competitors} competitor link(s), ${recent} supply edge(s) seen in the last ${RECENT_DAYS} days of the data; signal ${pct(score, 0)}.`,
      `${enterprises.length} 家企业中 ${appearing} 家有关系记录：供应商关系 ${suppliersTotal} 条，${controlled} 家受他方控股，竞争关系 ${competitors} 条，数据末 ${RECENT_DAYS} 天内的供给关系 ${recent} 条；信号强度 ${pct(score, 0)}。`,
    ),
    evidence,
  });
}
