import type { NodeType } from '../../knowledge-graph/schema/index.js';
import type { Analysis } from './analysis.js';
import type { LinkedEntity } from './schema.js';

export interface ToolCall {
  tool: string;
  input: Record<string, unknown>;
}

export interface Plan {
  calls: ToolCall[];
  /** The entity the answer is about, when there is one. */
  subject?: LinkedEntity;
  /** Why no call could be planned (no entity of the needed type). */
  missing?: NodeType[];
}

/**
 * The entity of a wanted type: the first linked one, or the first whose alternatives include
 * that type (汽车 the product when a product is wanted, 汽车 the industry when an industry is).
 */
export function pick(
  entities: readonly LinkedEntity[],
  types: readonly NodeType[],
  skip?: LinkedEntity,
): LinkedEntity | undefined {
  const pool = entities.filter((e) => e !== skip);
  for (const type of types) {
    const direct = pool.find((e) => e.type === type);
    if (direct) return direct;
  }
  for (const type of types) {
    for (const e of pool) {
      const alt = e.alternatives.find((a) => a.type === type);
      if (alt)
        return {
          ...e,
          ...alt,
          confidence: Math.min(e.confidence, 0.8),
          alternatives: [{ id: e.id, name: e.name, type: e.type }],
        };
    }
  }
  return undefined;
}

const RELATIONS = {
  suppliers: { relations: ['SUPPLIES'], direction: 'in' },
  customers: { relations: ['SUPPLIES'], direction: 'out' },
  competitors: { relations: ['COMPETES_WITH'], direction: 'both' },
  partners: { relations: ['COOPERATES_WITH', 'JOINT_VENTURE'], direction: 'both' },
} as const;

const CHAIN: readonly NodeType[] = ['Product', 'Industry'];

/** The offline planner: one rule per intent, over the same tools the LLM planner gets. */
export function planFor(a: Analysis, k: number): Plan {
  const e = a.entities;
  const p = a.params;
  const need = (types: readonly NodeType[], make: (s: LinkedEntity) => ToolCall[]): Plan => {
    const subject = pick(e, types);
    return subject ? { calls: make(subject), subject } : { calls: [], missing: [...types] };
  };
  switch (a.intent) {
    case 'entity_facts':
      return need(['Enterprise', 'Product', 'Industry', 'Region', 'Policy'], (s) => [
        { tool: 'graph_entity', input: { entity: s.id } },
      ]);
    case 'products_of':
      return need(['Enterprise'], (s) => [
        {
          tool: 'graph_relations',
          input: { entity: s.id, relations: ['PRODUCES'], direction: 'out', limit: 20 },
        },
      ]);
    case 'producers_of': {
      const region = pick(e, ['Region']);
      return need(['Product'], (s) => [
        region
          ? { tool: 'graph_count', input: { product: s.id, region: region.id, top: 20 } }
          : {
              tool: 'graph_relations',
              input: {
                entity: s.id,
                relations: ['PRODUCES'],
                direction: 'in',
                includeSubtypes: true,
                limit: 20,
              },
            },
      ]);
    }
    case 'upstream':
    case 'downstream':
      return need(CHAIN, (s) => [
        {
          tool: 'graph_chain',
          input: { entity: s.id, direction: a.intent === 'upstream' ? 'up' : 'down', depth: p.depth },
        },
      ]);
    case 'industry_membership': {
      const industry = e.find((x) => x.type === 'Industry');
      if (industry && !e.some((x) => x.type === 'Enterprise')) {
        const region = pick(e, ['Region']);
        return {
          calls: [
            {
              tool: 'graph_count',
              input: { industry: industry.id, ...(region ? { region: region.id } : {}), top: 20 },
            },
          ],
          subject: industry,
        };
      }
      return need(['Enterprise', 'Product'], (s) => [
        {
          tool: 'graph_relations',
          input: { entity: s.id, relations: ['IN_INDUSTRY'], direction: 'out', limit: 10 },
        },
      ]);
    }
    case 'suppliers':
    case 'customers':
    case 'competitors':
    case 'partners': {
      const r = RELATIONS[a.intent];
      return need(['Enterprise'], (s) => [
        {
          tool: 'graph_relations',
          input: { entity: s.id, relations: [...r.relations], direction: r.direction, limit: 20 },
        },
      ]);
    }
    case 'controllers':
      return need(['Enterprise'], (s) => [
        {
          tool: 'graph_relations',
          input: { entity: s.id, relations: ['CONTROLS'], direction: p.direction, limit: 20 },
        },
      ]);
    case 'investments':
      return need(['Enterprise'], (s) => [
        {
          tool: 'graph_relations',
          input: { entity: s.id, relations: ['INVESTS_IN', 'ACQUIRES'], direction: p.direction, limit: 20 },
        },
      ]);
    case 'path': {
      const first = e[0];
      const second = e.find((x) => x.id !== first?.id);
      if (!first || !second) return { calls: [], missing: ['Enterprise'] };
      return {
        calls: [{ tool: 'graph_path', input: { from: first.id, to: second.id, maxDepth: 4 } }],
        subject: first,
      };
    }
    case 'count':
    case 'top_n': {
      const product = pick(e, ['Product']);
      const industry = e.find((x) => x.type === 'Industry');
      const region = e.find((x) => x.type === 'Region');
      if (!product && !industry && !region) return { calls: [], missing: ['Product', 'Industry', 'Region'] };
      const groupBy = p.groupBy === 'region' || p.groupBy === 'industry' ? p.groupBy : 'none';
      return {
        calls: [
          {
            tool: 'graph_count',
            input: {
              ...(product ? { product: product.id } : {}),
              ...(industry ? { industry: industry.id } : {}),
              ...(region ? { region: region.id } : {}),
              groupBy,
              top: a.intent === 'top_n' ? p.topN : 20,
            },
          },
        ],
        subject: product ?? industry ?? region,
      };
    }
    case 'policy': {
      const policy = e.find((x) => x.type === 'Policy');
      return {
        calls: [
          ...(policy ? [{ tool: 'graph_entity', input: { entity: policy.id } }] : []),
          { tool: 'search_documents', input: { query: a.question, k } },
        ],
        ...(policy ? { subject: policy } : {}),
      };
    }
    case 'price_trend':
    case 'forecast':
      return need(['Product'], (s) => [
        {
          tool: 'forecast_series',
          input: { entity: s.id, kind: p.seriesKind, horizon: a.intent === 'forecast' ? p.horizon : 6 },
        },
      ]);
    case 'supply_risk':
      return need(['Product', 'Enterprise', 'Industry', 'Region'], (s) => [
        { tool: 'supply_risk', input: { entity: s.id } },
      ]);
    case 'what_if': {
      const subject = pick(e, ['Product', 'Enterprise', 'Region']);
      if (!subject) return { calls: [], missing: ['Product', 'Enterprise', 'Region'] };
      return {
        calls: [{ tool: 'what_if', input: { shocks: [shockFor(a.question, subject)], limit: 10 } }],
        subject,
      };
    }
    case 'unknown':
      return {
        calls: [{ tool: 'search_documents', input: { query: a.question, k } }],
        ...(e[0] ? { subject: e[0] } : {}),
      };
  }
}

/** A what-if question as the scenario engine's shock text. */
export function shockFor(question: string, s: LinkedEntity): string {
  const percent = /([+-]?\d+(?:\.\d+)?)\s*(%|％|个百分点|percent)/.exec(question);
  const size = percent ? Math.abs(Number(percent[1])) : undefined;
  const falls = /下跌|下降|降价|跌|fall|drop|decline|cheaper/i.test(question);
  const price = /价格|涨价|降价|上涨|下跌|price/i.test(question);
  if (s.type === 'Product' && price) return `price:${s.id}:${falls ? '-' : '+'}${size ?? 20}%`;
  if (s.type === 'Product') return `capacity:${s.id}:-${size ?? 100}%`;
  if (s.type === 'Enterprise')
    return size !== undefined ? `capacity:enterprise:${s.id}:-${size}%` : `remove:enterprise:${s.id}`;
  return `remove:region:${s.id}`;
}
