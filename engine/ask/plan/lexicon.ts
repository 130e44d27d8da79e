import type { NodeType } from '../../../knowledge-graph/schema/index.js';

/**
 * The relations a question can ask for, named by the schema's edge types and read from cue words
 * in Chinese and English. Each relation has a signature (which entity types it reads and yields),
 * so the planner can order the cues of "the listed producers of the inputs of X" into a chain whose
 * types fit, whatever order the words come in.
 */
export type Relation =
  | 'up'
  | 'down'
  | 'makes'
  | 'producers'
  | 'produces'
  | 'products'
  | 'buys'
  | 'suppliers'
  | 'customers'
  | 'supplies'
  | 'competitors'
  | 'partners'
  | 'jointVentures'
  | 'subsidiaries'
  | 'controllers'
  | 'controls'
  | 'investees'
  | 'investors'
  | 'invests'
  | 'acquisitions'
  | 'acquirers'
  | 'acquires'
  | 'industry'
  | 'parentIndustry'
  | 'subIndustries'
  | 'members'
  | 'location'
  | 'subtypes'
  | 'between';

export interface Cue {
  relation: Relation;
  start: number;
  end: number;
  text: string;
}

type Signature = ReadonlyArray<readonly [NodeType, NodeType]>;
const E = 'Enterprise';
const P = 'Product';
const I = 'Industry';
const R = 'Region';

/** Which types each relation reads and yields; the first pair is its natural reading. */
export const SIGNATURES: Record<Exclude<Relation, 'between'>, Signature> = {
  up: [
    [P, P],
    [I, I],
  ],
  down: [
    [P, P],
    [I, I],
  ],
  makes: [
    [P, P],
    [I, I],
  ],
  producers: [
    [P, E],
    [I, E],
  ],
  produces: [
    [P, E],
    [E, P],
  ],
  products: [[E, P]],
  buys: [[E, E]],
  suppliers: [
    [E, E],
    [P, E],
  ],
  customers: [[E, E]],
  supplies: [[E, E]],
  competitors: [[E, E]],
  partners: [[E, E]],
  jointVentures: [[E, E]],
  subsidiaries: [[E, E]],
  controllers: [[E, E]],
  controls: [[E, E]],
  investees: [[E, E]],
  investors: [[E, E]],
  invests: [[E, E]],
  acquisitions: [[E, E]],
  acquirers: [[E, E]],
  acquires: [[E, E]],
  industry: [
    [E, I],
    [P, I],
  ],
  parentIndustry: [[I, I]],
  subIndustries: [[I, I]],
  members: [
    [R, E],
    [I, E],
  ],
  location: [[E, R]],
  subtypes: [[P, P]],
};

/** Relations whose direction depends on where the entity stands to the verb ("X 投资了" vs "投资了 X"). */
export const POSITIONAL: Partial<Record<Relation, { before: Relation; after: Relation }>> = {
  supplies: { before: 'customers', after: 'suppliers' },
  buys: { before: 'suppliers', after: 'customers' },
  controls: { before: 'subsidiaries', after: 'controllers' },
  invests: { before: 'investees', after: 'investors' },
  acquires: { before: 'acquisitions', after: 'acquirers' },
  makes: { before: 'down', after: 'up' },
};

/**
 * Cue patterns, most specific first: a longer phrase claims its words before a shorter one can
 * (用什么原料生产 is an input cue, not a producer cue; 收入构成 is products, not inputs).
 */
const PATTERNS: ReadonlyArray<readonly [Relation | 'noise', RegExp]> = [
  [
    'noise',
    /供应风险|供应链风险|断供风险|supply[- ]risks?|上下游(?:关系|数据|环节)?|产业链上|产业链|供应链|upstream and downstream|supply chain|news (?:knowledge )?graph|knowledge graph|新闻(?:知识)?图谱|知识图谱|图谱里?/giu,
  ],
  // "农药和复合肥，哪个产品的生产企业更多": which of the named ones, not a relation.
  ['noise', /哪(?:个|种|一个|一种)(?:产品|材料|原料)(?=的|更|多|少)/gu],
  [
    'noise',
    /收入占比|营收占比|收入比重|营收比重|占比|比重|持股比例|持股多少|股比|持股(?=\s*\d)|revenue share|stake|shareholding|share of (?:its )?revenue|by revenue(?: share)?|in revenue terms/giu,
  ],
  // "以甲醛为原料", "use X as a raw material": what is made from it, before the input words claim 原料.
  [
    'down',
    /以◆+(?:作)?为(?:原料|原材料|主要原料)|(?:用|拿)◆+(?:做|作)(?:原料|原材料)|uses? ◆[◆ ()（）]*? as (?:a |an )?(?:raw )?(?:material|input|feedstock)/giu,
  ],
  // Inputs: what a product is made of.
  [
    'up',
    /上游(?:原材料|原料|材料|环节|行业|产品)?|原材料|(?:用|需要|要)(?:到|了)?的?(?:几|哪几|[两三四五六七八九十])(?:种|类)|(?:单体)?原料|投入(?:品|构成|占比)?|(?:用|需要|要)(?:到|了)?(?:的)?(?:哪些|什么|哪几种)?(?:原料|材料|部件|零部件)(?:来|去)?(?:做|生产|制造|制成|加工)?(?:的|出来的?)?|用什么(?:原料|材料)?(?:做|生产|制造|制成|加工)(?:的|出来的?)?|由(?:哪些|什么)(?:部件|零部件|材料|原料)(?:构成|组成|制成|做成|生产)|(?:零)?部件构成|upstream(?: materials?| inputs?| industries| segments?)?|raw materials?|(?:direct )?inputs?(?: materials?)?|feedstocks?|ingredients|made (?:from|of)|components? of|materials?/giu,
  ],
  // Material → product verbs: their direction is where the entity stands.
  ['makes', /used (?:to make|in making|to produce)|go(?:es)? into|needed (?:for|to make)/giu],
  // What a product becomes.
  [
    'down',
    /下游(?:产品|行业|环节)?|用于|用来(?:生产|制造|做)?|可(?:以)?(?:用来)?(?:生产|制造|加工)(?:出)?|能(?:够)?(?:加工|做成|制成|生产)(?:出)?|加工(?:成|出)|做成|制成|流向|应用(?:于|在)|用在|downstream(?: products| industries)?|turned into|made into|processed into|converted into|used (?:in|for)|end products|uses? .{1,25}? as (?:a )?raw material/giu,
  ],
  // Products of an enterprise.
  [
    'products',
    /(?:主营)?(?:收入|营收|业务)(?:的)?(?:构成|结构|组成|来源)|(?:由|靠)(?:哪些|什么|哪几[块类种])(?:业务|产品)|靠什么(?:产品)?赚钱|主营(?:的|产品|业务)?(?:是|有)?|主要产品|(?:卖|做|生产|干)(?:些)?(?:什么|啥|哪些)(?:产品|东西|材料)?|哪[几一](?:块|类|种)(?:业务|产品)?|产品线|业务线|产品|业务|第一大产品|revenue (?:lines?|breakdown|by product)|business (?:lines?|segments?)|product lines?|main products?|top products?|products?|businesses/giu,
  ],
  [
    'suppliers',
    /(?:是|由|从)(?:哪家|哪一家|哪几家|谁|哪些|哪个)(?:企业|公司|厂商|厂家)?(?:来)?(?:供|提供|供应|供货|配套)(?:的)?|供应商|供货商|供给商|supplie(?:r|rs)\b|vendors?|supplied by/giu,
  ],
  ['customers', /客户|下游客户|买家|采购方|卖给|销往|customers?|clients?|buyers?|sells? to/giu],
  ['buys', /采购|进货|购买|buys? from|sourc(?:e|es|ing) from|purchas(?:e|es) from/giu],
  ['supplies', /供货|供应|供给|配套|supplies|supply\b/giu],
  // Producers of a product (nouns), and the verbs that read either way (生产 X / X 生产什么).
  ['producers', /生产(?:商|企业|厂家|者)|制造商|厂商|厂家|列为主营产品|producers?|manufacturers?|makers?/giu],
  [
    'produces',
    /(?:在|也在|还在)?(?:生产|制造|做|卖|经营)|(?:有|做)[^，。？]{0,4}业务|produc(?:e|es|ing)|manufactur(?:e|es|ing)|mak(?:e|es|ing)|sell(?:s|ing)?/giu,
  ],
  [
    'competitors',
    /竞争(?:对手|关系)?|对手|竞品|抢生意|同行|competitors?|rivals?|compet(?:e|es|ing|ition)/giu,
  ],
  ['jointVentures', /合资(?:公司|企业)?|joint ventures?/giu],
  ['partners', /合作(?:伙伴|关系)?|伙伴|partners?|cooperat\w*|collaborat\w*/giu],
  ['subsidiaries', /子公司|旗下|下属(?:企业|公司)?|控股(?:了)?(?:哪些|哪几家|哪家)|subsidiar(?:y|ies)/giu],
  [
    'controllers',
    /母公司|控股方|控股股东|实际控制人|实控人|大股东|(?:被|由)[^，。？]{0,12}控股|parent (?:company|firm|group)|controller|controlling shareholder|controlled by|owned by/giu,
  ],
  ['controls', /控股|控制|持股|\bcontrols?\b|\bowns?\b/giu],
  ['investors', /投资方|投资者|投资人|股东|investors?|backers?|invested in by/giu],
  [
    'investees',
    /被投(?:企业|公司)|投资标的|投资组合|investees|portfolio|(?:received|got|raised|receiving) (?:an? )?(?:investments?|funding)(?: from)?|获得[^，。？]{0,12}(?:投资|注资)/giu,
  ],
  ['invests', /投资|入股|参股|注资|出手投|投了|invest(?:s|ed|ment|ments)?/giu],
  ['acquirers', /被[^，。？]{0,12}(?:收购|并购)|acquired by/giu],
  ['acquisitions', /并购标的|收购标的|acquisitions?|targets?/giu],
  ['acquires', /并购|收购|买下|acquir(?:e|es|ed)|bought|buy/giu],
  [
    'subIndustries',
    /下(?:面|级|设)?(?:还)?分(?:了|为|成)|下(?:面|级|属|设)(?:还)?(?:有|包括|包含)(?=[^，。？]{0,8}(?:行业|子类|板块|类))|细分(?:成|为)|子行业|下级行业|细分行业|sub-?(?:industries|sectors)|child (?:industries|sectors)|(?:divided|split|broken down) into/giu,
  ],
  [
    'parentIndustry',
    /上级行业|上一级|往上[一二两三]级|(?<!几个|哪些|多少个|分为|分成)[一二]级行业|parent (?:industry|sector)|level[- ]?[12]\b(?: parent)?|parent\b/giu,
  ],
  [
    'industry',
    /申万(?:[一二三]级)?(?:行业|分类)?|所属行业|行业分类|归(?:在|属|类)(?:于)?|(?:哪个|什么|哪些|哪一个)行业|行业|sector|sub-industry|industr(?:y|ies)|shenwan|classification/giu,
  ],
  [
    'location',
    /位于|在哪(?:里|个区|个省|个城市)?|所在(?:地|区|省|城市)|注册地|located|headquartered|district of/giu,
  ],
  ['subtypes', /子类|小类|细分(?:产品|品种)|subtypes?|varieties/giu],
  ['between', /什么关系|有何关系|有什么关系|关系|关联|之间|联系|relationship|related|connected|linked/giu],
  // Members of a region or an industry: "铜梁区有哪些企业", "companies in 合川区".
  ['members', /(?:演示)?(?:企业|公司|上市公司|厂商|enterprises?|compan(?:y|ies)|firms?|listed companies)/giu],
];

/** Cue patterns read as whole phrases; those with a gap (有…业务) would also take real names (有线电视业务). */
const WHOLE_CUES = PATTERNS.filter(([, re]) => !re.source.includes('[^')).map(
  ([, re]) => new RegExp(`^(?:${re.source})$`, 'iu'),
);

/**
 * Whether a Chinese phrase is, as a whole, one of the words a question asks a relation with
 * (上游原材料, 下游产品, 收入占比, 供应商): the news graph names industries like that, and such a
 * name read as an entity would swallow the very words that say what is asked.
 */
export function isCuePhrase(text: string): boolean {
  return /\p{Script=Han}/u.test(text) && WHOLE_CUES.some((re) => re.test(text));
}

/** The mark standing in for an entity's words while cues are read, so no cue is found inside a name. */
export const ENTITY_MARK = '◆';

/** The question with entity spans masked, offsets unchanged. */
export function masked(text: string, taken: ReadonlyArray<{ start: number; end: number }>): string {
  const out = text.split('');
  for (const t of taken) for (let i = t.start; i < t.end; i++) out[i] = ENTITY_MARK;
  return out.join('');
}

/** Cue words in the question outside the spans entities took, most specific first. */
export function findCues(text: string, taken: ReadonlyArray<{ start: number; end: number }>): Cue[] {
  const plain = masked(text, taken);
  const used: Array<{ start: number; end: number }> = [];
  const cues: Cue[] = [];
  for (const [relation, re] of PATTERNS) {
    for (const m of plain.matchAll(re)) {
      const start = m.index;
      const end = start + m[0].length;
      if (!m[0].trim() || used.some((t) => start < t.end && t.start < end)) continue;
      used.push({ start, end });
      if (relation !== 'noise') cues.push({ relation, start, end, text: m[0] });
    }
  }
  return cues.sort((a, b) => a.start - b.start);
}
