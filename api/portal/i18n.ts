import type { Context } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';

export const LANGS = ['zh', 'en'] as const;
export type Lang = (typeof LANGS)[number];

const LANG_COOKIE = 'ib_lang';

/** Chinese first; `?lang=en` switches and the choice sticks in a cookie. */
export function langOf(c: Context): Lang {
  const asked = c.req.query('lang');
  if (asked === 'zh' || asked === 'en') {
    setCookie(c, LANG_COOKIE, asked, { path: '/', sameSite: 'Strict', httpOnly: true, maxAge: 365 * 86400 });
    return asked;
  }
  return getCookie(c, LANG_COOKIE) === 'en' ? 'en' : 'zh';
}

const zh = {
  appName: '产业大脑',
  appSub: '产业链洞察平台',
  cockpit: '政府驾驶舱',
  portal: '企业门户',
  apiDocs: 'API 文档',
  logout: '退出',
  switchLang: 'English',
  loginTitle: '登录产业大脑',
  loginHint:
    '输入管理员发放的 API 密钥（由 ibrain keys create 生成）。密钥只用于换取会话，不会保存在浏览器中。',
  keyLabel: 'API 密钥',
  loginButton: '登录',
  loginFailed: '密钥无效或已吊销。',
  forbidden: '当前账号无权访问此页面。',
  chainMap: '产业链图谱',
  chainMapHint: '上游投入逐级展开，边宽表示投入占比',
  focus: '关注产品',
  show: '查看',
  kpiEnterprises: '企业',
  kpiProducts: '产品',
  kpiEdges: '关系',
  kpiDocuments: '政策与文档',
  tiers: '层级',
  upstreamTiers: '上游层级分布',
  latestPolicies: '最新政策文件',
  docNo: '文号',
  date: '日期',
  title: '标题',
  visibility: '可见范围',
  noDocuments: '暂无可见文档。',
  noChain: '未找到该产品的产业链数据。',
  node: '节点',
  share: '占比',
  via: '关系',
  enterprise: '企业',
  products: '主营产品',
  suppliers: '供应商',
  customers: '客户',
  inputs: '上游投入',
  outputs: '下游去向',
  ownChain: '本企业上下游',
  askTitle: '智能问答',
  askPlaceholder: '例如：碳酸锂的上游原料有哪些？',
  askButton: '提问',
  sources: '引用来源',
  none: '无',
  chooseEnterprise: '请选择企业（管理员视图）',
  publicOnly: '仅显示公开数据及本企业授权数据',
  riskHeat: '供应链风险热力表',
  riskHint: '关注产品及其关键投入的综合风险（0–100）与各因子得分；空白表示数据不足未计入',
  composite: '综合',
  level: '等级',
  priceOutlook: '价格走势与预测',
  priceHint: '近 36 个月价格与未来 12 个月预测（阴影为 80% 区间）',
  demandOutlook: '需求走势与预测',
  keyInputs: '关键投入',
  otherItems: '其他 {n} 项',
  noSeries: '暂无相关序列数据。',
  low: '低',
  moderate: '中',
  high: '高',
  severe: '严重',
} as const;

export type MessageKey = keyof typeof zh;

const en: Record<MessageKey, string> = {
  appName: 'Industry Brain',
  appSub: 'Industrial chain insight',
  cockpit: 'Government cockpit',
  portal: 'Enterprise portal',
  apiDocs: 'API docs',
  logout: 'Log out',
  switchLang: '中文',
  loginTitle: 'Sign in to Industry Brain',
  loginHint:
    'Enter the API key your administrator issued (made by ibrain keys create). It is exchanged for a session and never stored in the browser.',
  keyLabel: 'API key',
  loginButton: 'Sign in',
  loginFailed: 'The key is unknown or revoked.',
  forbidden: 'This account may not open this page.',
  chainMap: 'Chain map',
  chainMapHint: 'Upstream inputs tier by tier; link width is the input share',
  focus: 'Focus product',
  show: 'Show',
  kpiEnterprises: 'Enterprises',
  kpiProducts: 'Products',
  kpiEdges: 'Relations',
  kpiDocuments: 'Policies & documents',
  tiers: 'Tier',
  upstreamTiers: 'Upstream nodes per tier',
  latestPolicies: 'Latest policy documents',
  docNo: 'Doc no.',
  date: 'Date',
  title: 'Title',
  visibility: 'Visibility',
  noDocuments: 'No visible documents yet.',
  noChain: 'No chain data for this product.',
  node: 'Node',
  share: 'Share',
  via: 'Relation',
  enterprise: 'Enterprise',
  products: 'Main products',
  suppliers: 'Suppliers',
  customers: 'Customers',
  inputs: 'Upstream inputs',
  outputs: 'Downstream uses',
  ownChain: 'Our upstream and downstream',
  askTitle: 'Ask',
  askPlaceholder: 'e.g. What are the raw materials of lithium carbonate?',
  askButton: 'Ask',
  sources: 'Sources',
  none: 'none',
  chooseEnterprise: 'Choose an enterprise (admin view)',
  publicOnly: 'Showing public data and data this enterprise shared only',
  riskHeat: 'Supply-risk heat table',
  riskHint:
    'Composite risk (0–100) and factor scores of the focus product and its key inputs; blank = not enough data',
  composite: 'Composite',
  level: 'Level',
  priceOutlook: 'Price trends and forecasts',
  priceHint: 'Last 36 months and the next 12 (shaded: 80% interval)',
  demandOutlook: 'Demand trend and forecast',
  keyInputs: 'Key inputs',
  otherItems: '{n} more',
  noSeries: 'No related series yet.',
  low: 'low',
  moderate: 'moderate',
  high: 'high',
  severe: 'severe',
};

const MESSAGES: Record<Lang, Record<MessageKey, string>> = { zh, en };

export function t(lang: Lang, key: MessageKey): string {
  return MESSAGES[lang][key];
}
