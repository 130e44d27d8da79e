import type { ChainGraph } from '../chain/graph.js';
import { type Text, text } from '../risk/types.js';

export interface Alternative {
  id: string;
  name: string;
  province?: string;
  /** 0–1, the weighted mean of the applicable components. */
  fit: number;
  components: {
    /** Revenue share of the product in the candidate, clamped to [0, 1]: a specialist scores high. */
    specialisation: number;
    /** Same province as the buying enterprise. */
    proximity?: number;
    /** Already supplies or cooperates with the buying enterprise. */
    relationship?: number;
    /** Not controlled by the buyer's controller, so not exposed to the same group's shocks. */
    independence?: number;
  };
}

export interface AlternativesReport {
  product: { id: string; name: string };
  for?: { id: string; name: string };
  alternatives: Alternative[];
  notes: Text[];
}

const WEIGHTS = { specialisation: 0.5, proximity: 0.25, relationship: 0.15, independence: 0.1 } as const;

/**
 * Alternative producers of a product, ranked by fit. Without a buying enterprise only
 * specialisation applies; with one, proximity, an existing relationship and independence from
 * the buyer's controller count too.
 */
export function alternatives(g: ChainGraph, product: number, buyer?: number, limit = 20): AlternativesReport {
  const notes: Text[] = [];
  const buyerProvince = buyer === undefined ? -1 : g.province(buyer);
  const related = new Set<number>();
  const controllers = new Set<number>();
  if (buyer !== undefined) {
    for (const l of g.inLinks('SUPPLIES', buyer)) related.add(l.node);
    for (const l of g.outLinks('COOPERATES_WITH', buyer)) related.add(l.node);
    for (const l of g.inLinks('CONTROLS', buyer)) controllers.add(l.node);
  }
  let unweighted = 0;
  const list = g
    .producers(product)
    .filter((l) => l.node !== buyer)
    .map((l): Alternative => {
      const e = l.node;
      if (typeof l.props.weight !== 'number') unweighted++;
      const components: Alternative['components'] = {
        specialisation: Math.min(1, Math.max(0, l.props.weight ?? 0)),
      };
      if (buyer !== undefined) {
        if (buyerProvince >= 0 && g.province(e) >= 0)
          components.proximity = g.province(e) === buyerProvince ? 1 : 0;
        components.relationship = related.has(e) ? 1 : 0;
        if (controllers.size > 0)
          components.independence = g.inLinks('CONTROLS', e).some((c) => controllers.has(c.node)) ? 0 : 1;
      }
      let sum = 0;
      let total = 0;
      for (const [k, v] of Object.entries(components) as Array<[keyof typeof WEIGHTS, number]>) {
        sum += WEIGHTS[k] * v;
        total += WEIGHTS[k];
      }
      const province = g.province(e);
      return {
        id: g.ids[e]!,
        name: g.names[e]!,
        ...(province >= 0 ? { province: g.names[province]! } : {}),
        fit: total > 0 ? sum / total : 0,
        components,
      };
    })
    .sort((a, b) => b.fit - a.fit || a.name.localeCompare(b.name));
  if (unweighted > 0)
    notes.push(
      text(
        `${unweighted} producer(s) report no revenue share for this product; their specialisation counts as 0.`,
        `${unweighted} 家生产企业未披露该产品营收占比，专业化程度按 0 计。`,
      ),
    );
  if (list.length === 0)
    notes.push(
      text(
        `no other producer of ${g.names[product]} is recorded`,
        `图谱中没有${g.names[product]}的其他生产企业`,
      ),
    );
  return {
    product: { id: g.ids[product]!, name: g.names[product]! },
    ...(buyer === undefined ? {} : { for: { id: g.ids[buyer]!, name: g.names[buyer]! } }),
    alternatives: list.slice(0, limit),
    notes,
  };
}
