import type { NodeType } from '../../knowledge-graph/schema/index.js';
import type { Language } from './schema.js';

/** How a relation reads between two names, in each language. */
const RELATIONS: Record<string, { zh: string; en: string }> = {
  PRODUCES: { zh: '生产', en: 'produces' },
  MADE_FROM: { zh: '的投入品包括', en: 'is made from' },
  UPSTREAM_OF: { zh: '是上游于', en: 'is upstream of' },
  SUBTYPE_OF: { zh: '属于子类', en: 'is a subtype of' },
  IN_INDUSTRY: { zh: '所属行业为', en: 'is in the industry' },
  INDUSTRY_PARENT: { zh: '的上级行业为', en: 'has the parent industry' },
  LOCATED_IN: { zh: '位于', en: 'is located in' },
  SUPPLIES: { zh: '供货给', en: 'supplies' },
  COMPETES_WITH: { zh: '与之竞争的是', en: 'competes with' },
  CONTROLS: { zh: '控股', en: 'controls' },
  INVESTS_IN: { zh: '投资', en: 'invests in' },
  COOPERATES_WITH: { zh: '合作', en: 'cooperates with' },
  TARGETS: { zh: '支持', en: 'targets' },
  MENTIONS: { zh: '提及', en: 'mentions' },
  ACQUIRES: { zh: '并购', en: 'acquired' },
  JOINT_VENTURE: { zh: '合资', en: 'has a joint venture with' },
};

export function relationLabel(type: string, language: Language): string {
  return RELATIONS[type]?.[language] ?? type;
}

const TYPES: Record<NodeType, { zh: string; en: string }> = {
  Enterprise: { zh: '企业', en: 'enterprise' },
  Product: { zh: '产品', en: 'product' },
  Industry: { zh: '行业', en: 'industry' },
  Region: { zh: '地区', en: 'region' },
  Policy: { zh: '政策', en: 'policy' },
  Document: { zh: '文件', en: 'document' },
  Series: { zh: '序列', en: 'series' },
};

export function typeLabel(type: NodeType, language: Language): string {
  return TYPES[type][language];
}
