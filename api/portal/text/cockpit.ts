import type { Lang } from '../i18n.js';

/** The cockpit's own words; `en` must carry every key `zh` has. */
const zh = {
  focusAny: '关注对象',
  focusPlaceholder: '产品、企业或地区名称，如 动力电池、渝星动力、璧山区',
  region: '本地范围',
  kpiEnterprises: '链上企业',
  kpiEnterprisesDef: '生产关注产业链上任一产品的企业数；括号内为位于本地范围内的企业数。',
  kpiProducts: '链上产品',
  kpiProductsDef: '关注对象的产品及其逐级上游投入（按所选层级）的产品数。',
  kpiLocalSupply: '本地配套率',
  kpiLocalSupplyDef: '链上产品中，至少有一家生产企业位于本地范围内的比例。',
  kpiHighRisk: '高风险环节',
  kpiHighRiskDef:
    '已评估的链上产品中综合风险为红色（高或极高，≥50 分）的个数；括号内为黄色（中，25–50 分）。',
  kpiPolicies: '相关政策',
  kpiPoliciesDef: '以链上产品或其所属行业为施策对象的政策文件数。政策关注体现支持力度，不计为风险。',
  kpiPriceAlerts: '价格预警',
  kpiPriceAlertsDef: '关联了价格序列的链上产品中，未来 12 个月预测上涨 {pct}% 及以上的个数。',
  ofLocal: '本地 {n}',
  ofAmber: '黄色 {n}',
  ofLinked: '共 {n} 个有价格序列',
  assessedOf: '已评估 {n} 个',
  districtMap: '重庆区县分布',
  districtMapHint: '按所选指标为各区县着色；灰色为无数据',
  measure: '指标',
  measureEnterprises: '链上企业数',
  measureLocalSupply: '本地配套率',
  measureRisk: '风险等级',
  unmappedTitle: '未能落图的地区',
  unmappedFunctionalZone: '功能区，跨多个行政区，无法按区县着色',
  unmappedCityLevel: '仅知位于重庆市，未到区县',
  unmappedUnknown: '地图中没有同名区县',
  enterprisesN: '{n} 家企业',
  red: '红',
  amber: '黄',
  green: '绿',
  riskLevels: '供应链风险等级',
  riskLevelsHint:
    '红：综合 ≥50（高/极高）；黄：25–50（中）；绿：<25（低）。各因子按同一阈值着色；政策关注单列，不计为风险。',
  policyAttention: '政策关注',
  policyAttentionDef: '以该产品或其行业为施策对象的政策数（饱和于 5 份），体现支持与监管关注，不是风险。',
  tier: '层级',
  tierFocus: '关注',
  tierN: '第 {n} 级',
  notFound: '未找到名为“{q}”的产品、企业或地区，请检查名称或从下拉建议中选择。',
  ambiguous: '“{q}”对应多个对象，请选择：',
  Product: '产品',
  Enterprise: '企业',
  Region: '地区',
  Industry: '行业',
  cockpitAskHint: '与 API 相同的问答引擎，按当前账号权限回答',
  askFailed: '问题无法回答，请换一种问法或缩短后重试。',
  askEmpty: '请输入问题（不超过 2000 字）。',
  noChainFocus: '该对象没有可分析的产品链数据。',
  chainOf: '{name} 的上游',
} as const;

export type CockpitKey = keyof typeof zh;

const en: Record<CockpitKey, string> = {
  focusAny: 'Focus',
  focusPlaceholder: 'A product, enterprise or region, e.g. 动力电池, 渝星动力, 璧山区',
  region: 'Local area',
  kpiEnterprises: 'Chain enterprises',
  kpiEnterprisesDef:
    'Enterprises making any product of the focus chain; in brackets, those located in the local area.',
  kpiProducts: 'Chain products',
  kpiProductsDef: 'The focus products and their inputs tier by tier (to the chosen depth).',
  kpiLocalSupply: 'Local supply rate',
  kpiLocalSupplyDef: "Share of the chain's products with at least one producer in the local area.",
  kpiHighRisk: 'High-risk links',
  kpiHighRiskDef:
    'Assessed chain products whose composite risk is red (high or severe, ≥50); in brackets, amber (moderate, 25–50).',
  kpiPolicies: 'Policies',
  kpiPoliciesDef:
    "Policy documents targeting the chain's products or their industries. Policy attention is support, not risk.",
  kpiPriceAlerts: 'Price alerts',
  kpiPriceAlertsDef:
    'Chain products with a linked price series forecast to rise by {pct}% or more over the next 12 months.',
  ofLocal: '{n} local',
  ofAmber: '{n} amber',
  ofLinked: 'of {n} with a price series',
  assessedOf: '{n} assessed',
  districtMap: 'Chongqing districts',
  districtMapHint: 'Districts coloured by the chosen measure; grey: no data',
  measure: 'Measure',
  measureEnterprises: 'Chain enterprises',
  measureLocalSupply: 'Local supply rate',
  measureRisk: 'Risk level',
  unmappedTitle: 'Regions not on the map',
  unmappedFunctionalZone: 'a functional zone spanning several districts; cannot be coloured as one',
  unmappedCityLevel: 'located in Chongqing only, no district recorded',
  unmappedUnknown: 'no district of that name on the map',
  enterprisesN: '{n} enterprises',
  red: 'red',
  amber: 'amber',
  green: 'green',
  riskLevels: 'Supply-risk levels',
  riskLevelsHint:
    'Red: composite ≥50 (high/severe); amber: 25–50 (moderate); green: <25 (low). Factors use the same thresholds; policy attention is shown apart and is not a risk.',
  policyAttention: 'Policy attention',
  policyAttentionDef:
    'Policies targeting the product or its industry (saturating at 5): support and regulatory attention, not danger.',
  tier: 'Tier',
  tierFocus: 'focus',
  tierN: 'tier {n}',
  notFound: 'No product, enterprise or region is named "{q}"; check the name or pick one of the suggestions.',
  ambiguous: '"{q}" names several things; pick one:',
  Product: 'product',
  Enterprise: 'enterprise',
  Region: 'region',
  Industry: 'industry',
  cockpitAskHint: "The same ask engine as the API, answering with this account's access",
  askFailed: 'The question could not be answered: {msg}',
  askEmpty: 'Type a question (2,000 characters at most).',
  noChainFocus: 'There is no product chain to analyse for this focus.',
  chainOf: 'Upstream of {name}',
};

const TEXT: Record<Lang, Record<CockpitKey, string>> = { zh, en };

/** A cockpit string with its `{name}` slots filled. */
export function ct(lang: Lang, key: CockpitKey, slots: Record<string, string | number> = {}): string {
  return TEXT[lang][key].replace(/\{(\w+)\}/g, (m, k: string) => (k in slots ? String(slots[k]) : m));
}
