import { parseChineseNumeral } from '../../../retrieval/numerals.js';
import type { AnswerType, Period, SeriesStat } from './types.js';

/**
 * The words around the relations that shape a plan: how many, the most, compared, shared,
 * excluded, listed, how many tiers, which months, which facts, what kind of answer. Each
 * recogniser is a general pattern of how such questions are put, in Chinese and English.
 */

export interface Mark {
  start: number;
  end: number;
  text: string;
}

function marks(text: string, re: RegExp): Mark[] {
  return [...text.matchAll(re)].map((m) => ({ start: m.index, end: m.index + m[0].length, text: m[0] }));
}

const NUMBER_WORDS: Record<string, number> = {
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  single: 1,
};

export function numberOf(raw: string | undefined): number | undefined {
  if (!raw) return undefined;
  if (/^\d+$/.test(raw)) return Number(raw);
  return NUMBER_WORDS[raw.toLowerCase()] ?? parseChineseNumeral(raw);
}

export const COUNT =
  /多少家|几家|多少个|(?<!举)几个(?!例子)|多少种|几种|多少项|几项|多少名|有多少|一共有?|共有|数量|总数|家数|how many|number of|enterprise count|company count|\bcount\b/giu;

/** Superlatives: the member with the largest value (desc) or the smallest (asc). */
const TOP_DESC =
  /最[“"「']?(?:高|大|多|依赖|专|主要|集中|强)|占大头|第一大|排名第一|排第一|首位|top\s*\d+|前\s*\d+|前[一二两三四五六七八九十]+|largest|highest|biggest|\bmost\b|\bmain\b|\btop\b|leading|primary|depends? most/giu;
const TOP_ASC = /最低|最少|最小|最不|lowest|least|smallest|fewest/giu;

export interface TopSignal extends Mark {
  k: number;
  order: 'desc' | 'asc';
}

export function topSignals(text: string): TopSignal[] {
  const kOf = (near: string) => {
    const m =
      /(?:前|(?:top|first|leading)\s*)(\d+|[一二两三四五六七八九十]+|one|two|three|four|five|six|seven|eight|nine|ten)(?![a-z])|(\d+|[一二两三四五六七八九十]+|three|two|five|ten)\s*(?:家|个|名|种|大)(?![，,中里之])|(?:the\s+)?(three|two|five|ten)\s+(?:listed\s+)?(?:compan|firm|product|enterprise)/iu.exec(
        near,
      );
    return numberOf(m?.[1] ?? m?.[2] ?? m?.[3]) ?? 1;
  };
  return [
    ...marks(text, TOP_DESC).map((m) => ({ ...m, order: 'desc' as const })),
    ...marks(text, TOP_ASC).map((m) => ({ ...m, order: 'asc' as const })),
  ].map((m) => {
    // English puts the number further from the superlative ("which three listed companies get the largest").
    const reach = /[A-Za-z]/.test(m.text) ? 40 : 12;
    return { ...m, k: kOf(text.slice(Math.max(0, m.start - reach), m.end + reach + 2)) };
  });
}

export const COMPARE =
  /相比|比较|对比|哪(?:边|方|一方|一边)|谁(?:更|多|高|大|先|早|的)|哪(?:个|家|一个)(?:更|多|高|大|先)|更(?:多|高|大|早)|多一些|高一些|谁先|先上市|\bcompare\b|versus|\bvs\.?|which (?:has|is) (?:more|higher|larger|bigger|earlier)|more listed|between .{1,40}? and .{1,40}? which/giu;
export const EARLIER = /谁先|先上市|更早|最早|earlier|first to list|earliest/iu;
export const INTERSECT =
  /都(?:要|有|在|用|投|是)?|共同|共用|相同|一样的|重叠|重合|交集|同时|\bboth\b|\bshared?\b|in common|\bcommon\b|overlap/giu;
export const EXCLUDE =
  /还有|其他|另外|除了|除去|之外|也在|besides|other than|apart from|except|\bother\b|\balso\b|\banother\b|\belse\b/giu;
export const LISTED = /上市公司|上市企业|A股|a股|上市|listed|a-share|stock market/giu;
export const SAME = /是不是同一|是否同一|同一个|一样吗|相同吗|same (?:industry|sector)/iu;

/** Phrases saying the answer is the tier beyond the first: inputs of the inputs. */
const SECOND_TIER =
  /(?:上游|原料|原材料|材料)的(?:上游|原料|原材料)|(?:下游)的下游|(?:它们|这些|那些)?各自又|又是(?:用|由)|第二(?:层|级|阶)|inputs? of (?:its|their|the|those) (?:direct )?inputs?|its own (?:direct )?inputs|(?:inputs|materials) themselves|second[- ]tier|two[- ]tier/iu;
const TIER_COUNT = /(\d+|[一二两三四五]|two|three|four)\s*(?:层|级|步|阶|tiers?|levels?|steps?|hops?)/iu;

/** How many tiers a chain question walks: an explicit number, or 2 for "inputs of its inputs". */
export function tiersOf(text: string): number | undefined {
  const n = numberOf(TIER_COUNT.exec(text)?.[1]);
  if (
    n &&
    n >= 1 &&
    n <= 4 &&
    !/(?:申万|行业|industry|sector|level-?\s*[123])/iu.test(
      text.slice(
        Math.max(0, (TIER_COUNT.exec(text)?.index ?? 0) - 6),
        (TIER_COUNT.exec(text)?.index ?? 0) + 8,
      ),
    )
  )
    return n;
  return SECOND_TIER.test(text) ? 2 : undefined;
}

/** Facts a lookup names: 全称, 代码, 交易所, 上市日期, 行业 … */
export const ATTRIBUTES: ReadonlyArray<readonly [string, RegExp]> = [
  [
    'fullName',
    /全称|全名|注册名称?|工商(?:全称|名称)|公司名称|registered (?:company )?name|full name|legal name|company name|简称和全称/iu,
  ],
  ['code', /代码|股票代码|证券代码|ticker|stock code|\bcode\b/iu],
  ['exchange', /交易所|挂牌|在哪(?:里|个)?(?:上市|挂牌)|exchange|where is .{1,30}? listed|listed where/iu],
  [
    'listedAt',
    /上市(?:时间|日期|的时间)?|哪(?:一)?(?:天|年|月)上市|什么时候上市|何时上市|listing date|went public|listed since|since which year|when .{1,30}? listed|when (?:did|was|were) .{1,30}?(?:list|go public|float)|\bIPO\b|\blisted\b/iu,
  ],
  ['industry', /行业|申万|sector|industry|classification/iu],
  ['location', /位于|在哪(?!些|几)|所在|哪个区|注册地|located|where is/iu],
  ['products', /产品|业务|主营|products?|business/iu],
];

/** Facts the data does not hold: asked for, they are refused plainly, never approximated by a neighbour. */
export const UNKNOWN_ATTRIBUTES =
  /出货量|产能|产值|销量|销售额|员工|职工|雇员|人数|多少人|employees?|headcount|staff|市值|market cap|市场份额|市场占有率|市占率|market share|注册资本|registered capital|营业收入(?:是)?多少|营收(?:是)?多少|收入(?:是)?多少(?:亿|万|元)|净利润|利润|毛利|profit|net income|revenue (?:amount|in yuan)|\bCEO\b|董事长|总经理|法人代表|法定代表人|chairman|founder|创始人|成立(?:于|时间|日期)|founded|官网|网址|website|邮编/iu;

/** Questions about documents: notices, guides, their numbers, deadlines, contacts, the newspaper page. */
export const DOCUMENT_WORDS =
  /政策|通知|文件|方案|指南|办法|措施|意见|规划|申报|揭榜|挂帅|文号|几号文|发文|印发|签发|附件|意向表|提纲|报道|报纸|日报|新闻|记者|版面|产业大脑|行业大脑|工业互联网|未来工厂|联系人|联系电话|验收|评审|考核|the (?:notice|guide|guidelines|document|policy|report|newspaper|page)|notice|guide|policy|policies|newspaper|daily|industry brain|industrial brain|contact person|phone number/iu;

/** How something is done, how often, on what terms: what rules and notices say, not the graph. */
export const RULE_QUESTION =
  /怎么|如何|怎样|多久|几个工作日|能不能|能否|可不可以|可以吗|是否可以|要求|规定|标准|条件|流程|程序|办法|口径|计算|有效期|期限|出境|上报|报送|机制|预警|\bhow (?:is|are|do|does|often|long)\b|what (?:are|is) the (?:requirements?|rules?|conditions?|procedure)|\bmay\b|\ballowed\b|\btriggers?\b|\balerts?\b|\bmechanism\b|\brules?\b|\bcriteria\b/iu;

/** Off-topic words: the weather, sport, entertainment — nothing this product holds. */
export const OFF_TOPIC =
  /天气|下雨|带伞|气温|温度|世界杯|足球|篮球|比赛|电影|明星|彩票|星座|菜谱|\b(?:weather|rain|raining|temperature|world cup|football|soccer|basketball|movies?|lottery|horoscope|recipes?)\b/iu;

export const RISK =
  /风险(?:有多大|多大|如何|怎么样|怎样|高吗|高不高|评分|分数|等级|水平|评估)|(?:评估|分析|评价).{0,10}风险|卡脖子|断供风险|supply[- ]risk|how risky|risk (?:score|level|of)|vulnerab/iu;
export const WHAT_IF =
  /如果|假如|假设|倘若|若.{0,12}(?:断供|停产|中断|涨价|减产|上涨|下跌)|what if|what happens if|suppose|if .{0,40}(?:stops?|cut|disrupt|halt|shortage|rise|fall)/iu;
export const FORECAST =
  /预测|预计|未来|将来|展望|今后|接下来|forecast|predict|outlook|next (?:\d+ )?(?:year|quarter|month)s?|will .{0,20}(?:rise|fall|go)/iu;
/** Price words; a bare 价 only where it is a price (铝价), not 评价, 造价 or 代价. */
export const PRICE_WORDS =
  /价格|价位|行情|涨跌|涨了|跌了|(?<![评代造估报定议身声总单物])价(?![值])|\bprices?\b|\bpriced\b|\bcosts?\b/iu;
export const SERIES_KIND: ReadonlyArray<readonly ['demand' | 'output', RegExp]> = [
  ['demand', /需求|销量|销售量|demand|sales/iu],
  ['output', /产量|产能|生产量|output|production/iu],
];

/** Which statistic of a series a question asks for. */
export function seriesStatOf(text: string, periods: readonly Period[]): SeriesStat {
  // Where the record begins: "从哪个月开始有", "since when", "from which month does … have".
  if (
    /从(?:哪|什么时候)|(?:哪|什么时候)(?:个月|一年|年)?(?:开始|起)|最早(?:的)?(?:一期|数据|记录|月份)|起始(?:月份|时间)|since when|from (?:which|what) (?:month|year|date)|earliest (?:data|record|month|observation)|when does .{1,40}? (?:start|begin)/iu.test(
      text,
    )
  )
    return 'first';
  if (/倍|ratio|times (?:as|the|higher)/iu.test(text)) return 'ratio';
  if (/平均|均值|average|mean/iu.test(text)) return 'mean';
  if (/最高|高点|峰值|最贵|peak|highest|record high|all-time high/iu.test(text)) return 'max';
  if (/最低|低点|谷底|lowest|trough/iu.test(text)) return 'min';
  if (
    /涨(?:了)?还是跌|涨跌|是涨是跌|变(?:化|了)|同比|较上年|比上年|上年同月|rise or fall|rose or fell|go up or down|change|from .{1,30}? to|versus|compared (?:with|to)|走势|趋势|trend/iu.test(
      text,
    ) ||
    periods.length >= 2
  )
    return periods.length ? 'change' : 'trend';
  if (/最近|最新|目前|当前|现在|latest|most recent|current|now/iu.test(text) || !periods.length)
    return 'latest';
  return 'at';
}

const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function lastDay(year: number, month: number): string {
  return `${year}-${pad(month)}-${pad(new Date(Date.UTC(year, month, 0)).getUTCDate())}`;
}

function monthPeriod(year: number, month: number, label: string): Period {
  return { from: `${year}-${pad(month)}-01`, to: lastDay(year, month), label };
}

/**
 * The periods a question names, in the order it names them: a month (2025年8月, March 2025), a
 * half-year or quarter, a whole year, "上年同月" relative to a named month, "since 1990".
 */
export function periodsOf(text: string): Array<Period & Mark> {
  const out: Array<Period & Mark> = [];
  const push = (m: RegExpExecArray | RegExpMatchArray, p: Period) => {
    const start = m.index ?? 0;
    if (out.some((o) => start < o.end && o.start < start + m[0].length)) return;
    out.push({ ...p, start, end: start + m[0].length, text: m[0] });
  };
  for (const m of text.matchAll(/(\d{4})\s*年\s*(\d{1,2})\s*月(?:份)?/gu))
    push(m, monthPeriod(Number(m[1]), Number(m[2]), m[0]));
  for (const m of text.matchAll(/(\d{4})-(\d{2})(?!-\d)/gu))
    push(m, monthPeriod(Number(m[1]), Number(m[2]), m[0]));
  // "从2025年6月到12月": a month without its year takes the year of the month before it.
  for (const m of text.matchAll(/(\d{4})\s*年\s*\d{1,2}\s*月(?:份)?\s*(?:到|至|—|-|~)\s*(\d{1,2})\s*月/gu)) {
    const start = m.index + m[0].lastIndexOf(m[2]!);
    const sub = Object.assign([`${m[2]}月`], { index: start }) as unknown as RegExpMatchArray;
    push(sub, monthPeriod(Number(m[1]), Number(m[2]), `${m[1]}年${m[2]}月`));
  }
  const en = new RegExp(
    `\\b(${MONTHS.join('|')}|${MONTHS.map((x) => x.slice(0, 3)).join('|')})\\.?\\s+(\\d{4})\\b`,
    'giu',
  );
  for (const m of text.matchAll(en)) {
    const month = MONTHS.findIndex((x) => x.startsWith(m[1]!.toLowerCase().slice(0, 3))) + 1;
    push(m, monthPeriod(Number(m[2]), month, m[0]));
  }
  for (const m of text.matchAll(/(\d{4})\s*年?\s*(上半年|下半年|first half|second half|H1|H2)/giu)) {
    const year = Number(m[1]);
    const first = /上|first|H1/iu.test(m[2]!);
    push(m, {
      from: `${year}-${first ? '01' : '07'}-01`,
      to: `${year}-${first ? '06-30' : '12-31'}`,
      label: m[0],
    });
  }
  for (const m of text.matchAll(/(\d{4})\s*年?\s*(?:第?([一二三四1-4])季度|Q([1-4]))/giu)) {
    const q = numberOf(m[2] ?? m[3]) ?? 1;
    push(m, { from: `${m[1]}-${pad(q * 3 - 2)}-01`, to: lastDay(Number(m[1]), q * 3), label: m[0] });
  }
  for (const m of text.matchAll(
    /(?:(?:since|from|自)\s*)?(?<![\d.])(\d{4})(?:\s*年)?(?:以来|起)?(?![\d.%])/giu,
  )) {
    const year = Number(m[1]);
    if (year < 1900 || year > 2100) continue;
    const since = /since|以来|起|from|自/iu.test(m[0]);
    push(m, { from: `${year}-01-01`, to: since ? '2100-12-31' : `${year}-12-31`, label: m[0] });
  }
  // "上年同月" / "a year earlier": the named month one year before.
  const named = out.find((p) => p.from.slice(8) === '01' && p.to.slice(0, 7) === p.from.slice(0, 7));
  const prior =
    /上年同月|去年同月|上年同期|去年同期|a year (?:earlier|before)|same month (?:of )?(?:the )?(?:previous|last|prior) year/iu.exec(
      text,
    );
  if (named && prior) {
    const [y, mo] = named.from.split('-').map(Number) as [number, number];
    out.push({
      ...monthPeriod(y - 1, mo, prior[0]),
      start: prior.index,
      end: prior.index + prior[0].length,
      text: prior[0],
    });
  }
  return out.sort((a, b) => a.start - b.start);
}

/** The kind of fact a document question wants, from how it asks. */
export function answerTypeOf(text: string): AnswerType {
  const rules: ReadonlyArray<readonly [AnswerType, RegExp]> = [
    [
      'frequency',
      /多久\p{Script=Han}{0,4}一次|多长时间\p{Script=Han}{0,4}一次|(?:组织|发布|开展|召开|更新)一次|频率|每隔多久|多久发布|how often|how frequently/iu,
    ],
    ['contact', /联系人|联系电话|电话(?:是)?多少|联系方式|contact|phone/iu],
    [
      'date',
      /哪天|哪一天|几月几日|什么时候|何时|截止|最晚|最迟|日期|签发|when|deadline|what date|by what date/iu,
    ],
    [
      'duration',
      /多长时间|多久|期限|有效期|几年|how long(?=[^?]{0,40}(?:period|time|take|last|term|valid|duration|until))|duration|valid for/iu,
    ],
    // A length, an area, a weight: "护栏有多长", "how long is the bridge".
    [
      'measure',
      /多长|多宽|多高|多深|多重|面积多大|全长|长度|how (?:long|wide|tall|high|deep|heavy)|length|\barea\b/iu,
    ],
    [
      'amount',
      /多少钱|金额|资金|补贴多少|奖励多少|投了多少|投入多少|万元|亿元|how much (?:money|funding)|how much was invested|amount/iu,
    ],
    ['percent', /百分之|比例是多少|占比多少|percent|percentage/iu],
    [
      'list',
      /分别是|分别有|分别包括|各是什么|是哪(?:些|几)|有哪(?:些|几)|哪(?:两|三|四|五|六|几)(?:类|种|个|项|方面|部分|阶段)/iu,
    ],
    [
      'count',
      /多少(?:个|家|项|名|种|条|批)|(?<!哪)几(?:个|家|项|类|种|条|批|大)(?![^，。？]{0,12}(?:分别|各是|是哪|有哪))|how many(?![^,.?]{0,40}(?:and (?:what|which)|name them|list))/iu,
    ],
    ['level', /等级|级别|几级|什么级|level/iu],
    [
      'who',
      /谁|哪(?:个|些|几个)(?:部门|单位|机构|区|县)|由(?:哪个|哪家|哪位|哪些(?:单位|部门|机构|企业))|负责|牵头|\bwho\b|which (?:department|agency|body|office)/iu,
    ],
    [
      'definition',
      /是什么|什么是|定义|是指|指什么|define|definition|what (?:is|does) .{1,30}? mean|how does .{1,30}? define/iu,
    ],
    ['list', /哪些|哪几|有什么|包括|分别|列出|举几个|which|what are|list|name the/iu],
    ['yesno', /是否|能不能|可不可以|可以吗|能否|吗[？?]?$|whether|\bcan\b|\bis it\b/iu],
  ];
  // A question of several parts ("多长时间内完成？从什么时候开始算？") is typed by its first part
  // that asks for a kind of fact; the rest is read from the same passage.
  // "分几个环节？分别是什么？": asked to name them, the items are the answer.
  if (/分别是|分别有|分别包括|各是什么|分别叫什么/u.test(text)) return 'list';
  // Within a part, the kind asked first ("how long is the bridge, and when is it finished").
  const clauses = text.split(/(?<=[？?；;])/u).filter((c) => c.trim());
  for (const clause of clauses) {
    const found = rules
      .map(([type, re], order) => {
        const m = re.exec(clause);
        return { type, order, at: m?.index ?? -1, length: m?.[0].length ?? 0 };
      })
      .filter((r) => r.at >= 0)
      // Asked first, then the more specific wording ("哪几个区" over "哪几个").
      .sort((a, b) => a.at - b.at || b.length - a.length || a.order - b.order)[0];
    if (found) return found.type;
  }
  return 'any';
}

export function allMarks(text: string, re: RegExp): Mark[] {
  return marks(text, re);
}
