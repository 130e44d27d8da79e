import type { Intent, LinkedEntity } from './schema.js';
import { parseChineseNumeral } from '../../retrieval/numerals.js';

export interface IntentParams {
  /** Tiers for upstream/downstream (1–5). */
  depth: number;
  /** How many for top-N (1–50). */
  topN: number;
  /** Periods ahead for forecasts (1–36). */
  horizon: number;
  seriesKind: 'price' | 'demand' | 'output';
  /** For directed relations: `in` = who does it to the entity, `out` = what the entity does it to. */
  direction: 'in' | 'out';
  /** What a count or top-N groups by. */
  groupBy?: 'region' | 'industry' | 'producer';
}

export interface IntentGuess {
  intent: Intent;
  params: IntentParams;
  /** Which rule fired, for the trace. */
  rule: string;
}

function numberOf(raw: string | undefined): number | undefined {
  if (!raw) return undefined;
  if (/^\d+$/.test(raw)) return Number(raw);
  const english = ['one', 'two', 'three'].indexOf(raw.toLowerCase()) + 1;
  return english > 0 ? english : raw === 'single' ? 1 : parseChineseNumeral(raw);
}

const clamp = (n: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, n));

interface Rule {
  intent: Intent;
  name: string;
  test: (q: string, types: ReadonlySet<string>, entities: readonly LinkedEntity[]) => boolean;
}

const has = (re: RegExp) => (q: string) => re.test(q);

/**
 * Rules in priority order: the first that fires names the intent. Scenario and risk words win
 * over relation words ("如果碳酸锂断供，哪些下游受影响" is a what-if, not a downstream list);
 * relation words win over the generic produce/product words.
 */
const RULES: readonly Rule[] = [
  {
    intent: 'what_if',
    name: 'what-if words',
    test: has(
      /如果|假如|假设|倘若|若.{0,12}(断供|停产|中断|涨价|减产)|what if|what happens if|suppose|if .{0,40}(stops?|cut|disrupt|halt|shortage)/i,
    ),
  },
  {
    intent: 'supply_risk',
    name: 'risk words',
    test: has(/风险|卡脖子|断供|脆弱|安全可控|risk|vulnerab|bottleneck/i),
  },
  {
    intent: 'path',
    name: 'two entities and a relation-between word',
    test: (q, _t, e) =>
      e.length >= 2 &&
      /之间|什么关系|有何关系|有什么联系|如何关联|怎么关联|关联路径|路径|between|connect|related|relationship|link/i.test(
        q,
      ),
  },
  {
    intent: 'forecast',
    name: 'forecast words',
    test: has(
      /预测|预计|未来|将来|展望|forecast|predict|outlook|next \d+|next (?:year|quarter|month)|will .{0,20}(rise|fall|go)/i,
    ),
  },
  { intent: 'price_trend', name: 'price words', test: has(/价格|走势|行情|涨跌|price|trend/i) },
  {
    intent: 'policy',
    name: 'policy words and no enterprise or product',
    test: (q, types) =>
      !types.has('Enterprise') &&
      !types.has('Product') &&
      /政策|通知|文件|方案|申报|揭榜|产业大脑|行业大脑|policy|policies|notice|industry brain|industrial brain/i.test(
        q,
      ),
  },
  {
    intent: 'top_n',
    name: 'ranking words',
    test: has(
      /前\s*(\d+|[一二两三四五六七八九十])\s*(名|家|个|位)|top\s*\d+|最多|最高|最大|排名|排行|the most|largest|biggest|highest|\brank/i,
    ),
  },
  {
    intent: 'count',
    name: 'counting words',
    test: has(
      /(多少|几)\s*(家|个|种|类)?\s*(上市)?(企业|公司|产品|供应商|客户|生产商|厂商)|多少家|几家|数量|how many|number of/i,
    ),
  },
  {
    intent: 'controllers',
    name: 'control words',
    test: has(
      /控股|控制|母公司|子公司|股东|实际控制|实控|\bcontroll?(er|s|ed)?\b|parent compan|subsidiar|\bowns\b|owned by|\bholding/i,
    ),
  },
  { intent: 'investments', name: 'investment words', test: has(/投资|参股|入股|并购|收购|invest|acqui/i) },
  {
    intent: 'customers',
    name: 'customer words',
    test: has(
      /客户|卖给|供货给|供应给|向(哪些|哪家|谁).{0,6}(供货|供应|销售)|下游客户|customer|buyer|sells? to|supplies? to whom|supply to/i,
    ),
  },
  {
    intent: 'suppliers',
    name: 'supplier words',
    test: has(/供应商|供货商|供货|谁(给|为|向).{0,10}供|采购|supplier|supplied by|who supplies|vendors?/i),
  },
  { intent: 'competitors', name: 'competition words', test: has(/竞争|对手|同行|竞品|compet|rival/i) },
  {
    intent: 'partners',
    name: 'cooperation words',
    test: has(/合作|伙伴|合资|联合|partner|cooperat|collaborat|joint venture/i),
  },
  {
    intent: 'upstream',
    name: 'upstream words',
    test: has(
      /上游|原材料|原料|投入品|由什么(制成|构成|组成)|需要(哪些|什么)(材料|零部件|部件)|零部件有|upstream|inputs?\b|raw materials?|made from|made of|components? of/i,
    ),
  },
  {
    intent: 'downstream',
    name: 'downstream words',
    test: has(/下游|用于|用在|应用于|用来(生产|制造)|downstream|used (in|for|to make)|applications?/i),
  },
  {
    intent: 'industry_membership',
    name: 'industry words',
    test: (q, types) =>
      /所属行业|属于(哪个|什么|哪些)?行业|(哪个|什么|哪些)行业|行业分类|申万|which industr|what industr|industry (does|is)|belongs? to/i.test(
        q,
      ) ||
      (types.has('Industry') &&
        /(有哪些|哪些)(企业|公司|上市公司)|companies in|enterprises in|firms in/i.test(q)),
  },
  {
    intent: 'producers_of',
    name: 'producer words with a product',
    test: (q, types) =>
      /(谁|哪些|哪家|哪几家).{0,14}(生产|制造|做|供应)|生产商|生产企业|制造商|厂商|厂家|produc(er|es|e)|manufactur|makes?|makers?|suppl/i.test(
        q,
      ) &&
      types.has('Product') &&
      !types.has('Enterprise'),
  },
  {
    intent: 'products_of',
    name: 'product words with an enterprise',
    test: (q, types) =>
      types.has('Enterprise') &&
      /产品|生产|主营|业务|做什么|卖什么|制造|products?|make|produce|manufactur|business|sell/i.test(q),
  },
  {
    intent: 'policy',
    name: 'policy words',
    test: (q, types) =>
      types.has('Policy') ||
      /政策|通知|文件|方案|指南|办法|规定|要求|申报|补贴|资金|揭榜|产业大脑|行业大脑|大脑|文号|policy|policies|notice|guideline|guide|subsid|fund|regulation|brain|apply|application|deadline/i.test(
        q,
      ),
  },
  {
    intent: 'entity_facts',
    name: 'one named entity',
    test: (q, _t, e) =>
      e.length >= 1 || /介绍|是什么|是谁|在哪|代码|what is|who is|tell me about|where is/i.test(q),
  },
];

/** Guesses the intent and its parameters from the question's words and the types of the entities it names. */
export function classify(question: string, entities: readonly LinkedEntity[]): IntentGuess {
  const q = question.normalize('NFKC');
  const types = new Set(entities.map((e) => e.type));
  const rule = RULES.find((r) => r.test(q, types, entities));
  let intent: Intent = rule?.intent ?? 'unknown';
  // A product's suppliers are its producers; an enterprise's upstream is its suppliers.
  if ((intent === 'suppliers' || intent === 'customers') && !types.has('Enterprise') && types.has('Product'))
    intent = intent === 'suppliers' ? 'producers_of' : 'downstream';
  if (intent === 'upstream' && types.has('Enterprise') && !types.has('Product') && !types.has('Industry'))
    intent = 'suppliers';
  if (intent === 'downstream' && types.has('Enterprise') && !types.has('Product') && !types.has('Industry'))
    intent = 'customers';
  return { intent, params: paramsOf(q, intent, types), rule: rule?.name ?? 'no rule fired' };
}

function paramsOf(q: string, intent: Intent, types: ReadonlySet<string>): IntentParams {
  const depth = numberOf(/(\d+|[一二两三四五])\s*(级|层|阶|tiers?|levels?|hops?|steps?)/i.exec(q)?.[1]);
  const top = numberOf(/(?:前|top\s*)(\d+|[一二两三四五六七八九十])/i.exec(q)?.[1]);
  const horizonMatch =
    /(?:未来|今后|接下来|next)\s*(\d+|[一二两三六十]|十二)?\s*(个)?\s*(月|季度|年|months?|quarters?|years?)/i.exec(
      q,
    );
  const unit = horizonMatch?.[3] ?? '';
  const count = numberOf(horizonMatch?.[1]) ?? 1;
  const horizon = /年|year/i.test(unit)
    ? count * 12
    : /季度|quarter/i.test(unit)
      ? count * 3
      : horizonMatch?.[1]
        ? count
        : 6;
  const seriesKind = /需求|销量|销售量|demand|sales/i.test(q)
    ? 'demand'
    : /产量|产能|output|production volume/i.test(q)
      ? 'output'
      : 'price';
  let direction: 'in' | 'out' = 'in';
  if (
    intent === 'controllers' &&
    /子公司|控股了|控制了|控股(哪些|哪家)|subsidiar|(controls|owns) (which|what)/i.test(q)
  )
    direction = 'out';
  if (intent === 'investments')
    direction = /谁投资|投资方|投资者|被.{0,4}投资|投资了?它|investors?\b|who invest|invested in by/i.test(q)
      ? 'in'
      : 'out';
  let groupBy: IntentParams['groupBy'];
  if (intent === 'count' || intent === 'top_n') {
    if (
      /哪个(区|省|市|地区)|各(区|省|市|地区)|分布|which (region|province|city|district)|by region|per region/i.test(
        q,
      )
    )
      groupBy = 'region';
    else if (/哪个行业|各行业|which industry|by industry|per industry/i.test(q)) groupBy = 'industry';
    else if (intent === 'top_n' && types.has('Product')) groupBy = 'producer';
  }
  return {
    depth: clamp(depth ?? 1, 1, 5),
    topN: clamp(top ?? 5, 1, 50),
    horizon: clamp(horizon, 1, 36),
    seriesKind,
    direction,
    ...(groupBy ? { groupBy } : {}),
  };
}
