import type { EdgeType, NodeType } from '../../../knowledge-graph/schema/index.js';
import type { Unknown } from '../linking/dictionary.js';
import { expandEnglish } from '../../../retrieval/glossary.js';
import type { LinkedEntity } from '../schema.js';
import { type Cue, findCues, masked, POSITIONAL, type Relation, SIGNATURES } from './lexicon.js';
import {
  ATTRIBUTES,
  allMarks,
  answerTypeOf,
  COMPARE,
  COUNT,
  DOCUMENT_WORDS,
  EARLIER,
  EXCLUDE,
  FORECAST,
  INTERSECT,
  LISTED,
  OFF_TOPIC,
  RULE_QUESTION,
  PRICE_WORDS,
  periodsOf,
  RISK,
  SAME,
  SERIES_KIND,
  seriesStatOf,
  type TopSignal,
  tiersOf,
  topSignals,
  UNKNOWN_ATTRIBUTES,
  WHAT_IF,
} from './signals.js';
import {
  type LOOKUP_ATTRIBUTES,
  type Period,
  type Plan,
  type Step,
  type StepInput,
  StepSchema,
} from './types.js';

/**
 * The rule planner: a question, its linked entities and its cue words become a plan of operators.
 * Relation cues are ordered by where they stand to the entity they start from (Chinese modifiers
 * after "X的", English ones before "of X") and then by the entity types they read and yield, so
 * two-tier, producer-of-input, top-product-then-inputs and comparison questions come from
 * composing the same few operators. What a plan cannot state is refused with its reason.
 */
export interface PlanInput {
  text: string;
  entities: readonly LinkedEntity[];
  unknown: readonly Unknown[];
}

export interface Planned {
  plan: Plan;
  /** A plan to run when the first one finds nothing: documents for a graph question that reads like a policy one. */
  fallback?: Plan;
  notes: string[];
}

type Group = { members: LinkedEntity[]; start: number; end: number };

const GRAPH_TYPES: ReadonlySet<NodeType> = new Set(['Enterprise', 'Product', 'Industry', 'Region']);
/** Cues that only describe what the answer is ("企业", "产品", "行业"): dropped when their types do not fit. */
const WEAK: ReadonlySet<Relation> = new Set([
  'members',
  'products',
  'industry',
  'produces',
  'location',
  'between',
  'parentIndustry',
]);
const CLASSIFIER_BEFORE =
  /(?:哪(?:一)?(?:类|种|个|些|几种|几类)|什么|那(?:几)?(?:种|类|些|个)|这(?:几)?(?:种|类|些)|[几两三四五六七八九十]+(?:种|类))的?$/u;
const JOINER = /^\s*(?:和|与|跟|及|以及|、|,|，|and|or|&|\/)\s*$/iu;

const EDGE_OF: Record<
  Exclude<
    Relation,
    | 'up'
    | 'down'
    | 'makes'
    | 'between'
    | 'supplies'
    | 'controls'
    | 'invests'
    | 'acquires'
    | 'buys'
    | 'produces'
  >,
  { edge: EdgeType; direction: 'out' | 'in' | 'both'; transitive?: boolean }
> = {
  producers: { edge: 'PRODUCES', direction: 'in' },
  products: { edge: 'PRODUCES', direction: 'out' },
  suppliers: { edge: 'SUPPLIES', direction: 'in' },
  customers: { edge: 'SUPPLIES', direction: 'out' },
  competitors: { edge: 'COMPETES_WITH', direction: 'both' },
  partners: { edge: 'COOPERATES_WITH', direction: 'both' },
  jointVentures: { edge: 'JOINT_VENTURE', direction: 'both' },
  subsidiaries: { edge: 'CONTROLS', direction: 'out' },
  controllers: { edge: 'CONTROLS', direction: 'in' },
  investees: { edge: 'INVESTS_IN', direction: 'out' },
  investors: { edge: 'INVESTS_IN', direction: 'in' },
  acquisitions: { edge: 'ACQUIRES', direction: 'out' },
  acquirers: { edge: 'ACQUIRES', direction: 'in' },
  industry: { edge: 'IN_INDUSTRY', direction: 'out' },
  parentIndustry: { edge: 'INDUSTRY_PARENT', direction: 'out' },
  subIndustries: { edge: 'INDUSTRY_PARENT', direction: 'in' },
  members: { edge: 'LOCATED_IN', direction: 'in', transitive: true },
  location: { edge: 'LOCATED_IN', direction: 'out' },
  subtypes: { edge: 'SUBTYPE_OF', direction: 'in' },
};

class Builder {
  readonly steps: Step[] = [];
  readonly show: number[] = [];

  add(step: StepInput, show = false): number {
    this.steps.push(StepSchema.parse(step));
    const i = this.steps.length - 1;
    if (show) this.show.push(i);
    return i;
  }

  plan(): Plan {
    const last = this.steps.length - 1;
    const show = [...new Set(this.show.includes(last) ? this.show : [...this.show, last])].filter(
      (i) => i >= 0,
    );
    return { steps: this.steps, show };
  }
}

const refusal = (
  reason: NonNullable<Plan['refusal']>['reason'],
  detail: string,
  near: readonly string[] = [],
): Plan => ({
  steps: [],
  show: [],
  refusal: { reason, detail, ...(near.length ? { near: [...new Set(near)] } : {}) },
});

export function planQuestion(input: PlanInput): Planned {
  const { text } = input;
  const notes: string[] = [];
  const typed = aliasesMerged(input.entities, text).map((e) => withTypeHint(e, text));
  const descriptors = typed.filter((e) => isDescriptor(e, text) && typed.length > 1);
  const entities = typed.filter((e) => !descriptors.includes(e));
  for (const d of descriptors) notes.push(`"${d.mention}" read as a kind of thing, not a named entity`);
  const plain = masked(text, input.entities);
  const cues = findCues(text, input.entities);
  const graph = entities.filter((e) => GRAPH_TYPES.has(e.type));
  const series = entities.filter((e) => e.type === 'Series');
  const policies = entities.filter((e) => e.type === 'Policy');
  const periods = periodsOf(plain);
  const relationCues = cues.filter((c) => !WEAK.has(c.relation));
  const docPlan = (): Plan => documentsPlan(text, policies);

  if (OFF_TOPIC.test(text) && !relationCues.length && !series.length)
    return {
      plan: refusal('out_of_scope', 'the question is about something this data does not cover'),
      notes,
    };

  const unknownSubject = input.unknown.find(
    (u) => !entities.some((e) => e.start <= u.start && u.end <= e.end),
  );
  if (unknownSubject && !graph.some((e) => e.type === 'Enterprise') && !DOCUMENT_WORDS.test(text))
    return { plan: refusal('unknown_entity', unknownSubject.text, unknownSubject.near), notes };

  if (WHAT_IF.test(text) && graph.length) return { plan: scenarioPlan(text, graph[0]!), notes };
  if (RISK.test(text) && graph.length && !relationCues.length) {
    const b = new Builder();
    b.add({ op: 'risk', entity: graph[0]!.id }, true);
    return { plan: b.plan(), notes };
  }

  // A figure the graph does not hold (员工, 市值, 出货量): the documents may state it; else it is refused.
  const enterprise = graph.find((e) => e.type === 'Enterprise');
  const figure = UNKNOWN_ATTRIBUTES.exec(plain)?.[0];
  if (enterprise && figure && !relationCues.length) {
    const require = /\p{Script=Han}/u.test(figure)
      ? [figure]
      : expandEnglish(figure).split(/\s+/).filter(Boolean);
    return {
      plan: documentsPlan(text, policies, require),
      fallback: refusal('unknown_attribute', figure),
      notes,
    };
  }

  const seriesPlan = planSeries(text, plain, series, graph, periods);
  if (seriesPlan) return { plan: seriesPlan, notes };
  // "Brent crude oil price in June 2022": a price question naming no entity may name its series in
  // words; a rule about prices ("价格异常波动…几个工作日内上报") is the documents' first.
  const worded =
    !graph.length && PRICE_WORDS.test(plain)
      ? planSeries(text, plain, [asSeriesText(text)], graph, periods)
      : undefined;
  if (worded)
    return DOCUMENT_WORDS.test(text) || RULE_QUESTION.test(text)
      ? { plan: docPlan(), fallback: worded, notes }
      : { plan: worded, fallback: docPlan(), notes };

  if (policies.length || (!graph.length && DOCUMENT_WORDS.test(text))) return { plan: docPlan(), notes };
  if (!graph.length) {
    const aggregate = planAggregate(plain, cues, periods);
    if (aggregate) return { plan: aggregate, fallback: docPlan(), notes };
    return { plan: docPlan(), notes };
  }

  const planned = planGraph(text, plain, graph, cues, periods, notes);
  // A question about how something is done, how often or on what terms reads like a rule: the
  // documents first, the entity's facts when they say nothing.
  const lastStep = planned.steps.at(-1);
  const factsOnly = lastStep?.op === 'lookup';
  const docsFirst =
    (DOCUMENT_WORDS.test(text) || RULE_QUESTION.test(text)) && (!relationCues.length || factsOnly);
  if (docsFirst) return { plan: docPlan(), fallback: planned, notes };
  // "氢燃料电池汽车示范应用主要在哪些场景推广": words the graph has no fact for, about a named
  // entity, are looked for in the documents' sentences that name it; its facts when none do.
  if (lastStep?.op === 'lookup' && !lastStep.attributes.length && unexplained(plain, cues) >= 4) {
    const named = graph.map((e) => e.mention);
    return { plan: documentsPlan(text, policies, named), fallback: planned, notes };
  }
  return { plan: planned, fallback: docPlan(), notes };
}

/** Han characters of the question that no entity, relation cue or asking word accounts for. */
function unexplained(plain: string, cues: readonly Cue[]): number {
  const rest = masked(plain, cues).replace(
    /◆|什么|哪些|哪几|哪个|多少|怎么|如何|是否|主要|情况|介绍|信息|基本|具体|一下|请问|有关|相关|关于|的|了|吗|呢|是|有|在|和|与|及/gu,
    '',
  );
  return rest.match(/\p{Script=Han}/gu)?.length ?? 0;
}

function documentsPlan(text: string, policies: readonly LinkedEntity[], require: string[] = []): Plan {
  const b = new Builder();
  if (policies.length) b.add({ op: 'entity', entities: policies.map((p) => p.id) });
  const parts = questionParts(text);
  if (parts.length < 2) {
    b.add({ op: 'documents', query: text, answerType: answerTypeOf(text), require }, true);
    return b.plan();
  }
  // "半径有什么要求？进度多久通报一次？": each part is looked up for itself, in the documents the whole names.
  for (const part of parts)
    b.add({ op: 'documents', query: part, answerType: answerTypeOf(part), require, context: text }, true);
  return b.plan();
}

/**
 * The separate questions a question asks: parts ending in a question mark that each name
 * something of their own. A follow-up without its own words ("分别是什么？") belongs to the part before.
 */
function questionParts(text: string): string[] {
  const parts = text
    .split(/(?<=[？?])/u)
    .map((p) => p.trim())
    .filter(Boolean);
  const content = (p: string) =>
    p.replace(
      /什么|哪些|哪几|多少|多久|怎么样|怎样|如何|是否|分别|各自|是|有|的|了|吗|呢|要求|[？?，,。\s]/gu,
      '',
    ).length;
  if (parts.length < 2 || parts.length > 3 || parts.some((p) => content(p) < 5)) return [text];
  return parts;
}

/** The question's own words standing for a series it names without a linked name. */
function asSeriesText(text: string): LinkedEntity {
  return {
    id: '',
    name: text,
    type: 'Series',
    mention: text,
    start: 0,
    end: 0,
    confidence: 0.5,
    alternatives: [],
  };
}

function scenarioPlan(text: string, subject: LinkedEntity): Plan {
  const percent = /([+-]?\d+(?:\.\d+)?)\s*(%|％|个百分点|percent)/u.exec(text);
  const size = percent ? Math.abs(Number(percent[1])) : undefined;
  const falls = /下跌|下降|降价|跌|fall|drop|decline|cheaper/iu.test(text);
  const price = /价格|涨价|降价|上涨|下跌|price/iu.test(text);
  let shock: string;
  if (subject.type === 'Product' && price) shock = `price:${subject.id}:${falls ? '-' : '+'}${size ?? 20}%`;
  else if (subject.type === 'Product') shock = `capacity:${subject.id}:-${size ?? 100}%`;
  else if (subject.type === 'Enterprise')
    shock =
      size !== undefined ? `capacity:enterprise:${subject.id}:-${size}%` : `remove:enterprise:${subject.id}`;
  else shock = `remove:region:${subject.id}`;
  const b = new Builder();
  b.add({ op: 'scenario', shocks: [shock] }, true);
  return b.plan();
}

/**
 * One entity named twice is one anchor: the same node twice ("甲醇 (methanol)"), or a name with its
 * rendering in brackets ("gold (黄金)", "印制电路板 (PCB)") — the surer reading stands, the name as
 * the data spells it on a tie, and the anchor spans both so "A (a) and B (b)" still reads as a pair.
 */
function aliasesMerged(entities: readonly LinkedEntity[], text: string): LinkedEntity[] {
  const out: LinkedEntity[] = [];
  for (const e of [...entities].sort((a, b) => a.start - b.start)) {
    const prev = out.at(-1);
    const bracketed =
      prev && /^\s*[（(]\s*$/u.test(text.slice(prev.end, e.start)) && /^\s*[）)]/u.test(text.slice(e.end));
    const adjacent = prev && prev.id === e.id && /^[\s（）()、,，]*$/u.test(text.slice(prev.end, e.start));
    // Words in brackets right after a name gloss it ("电力电缆 (power cable)"): what they link to is that name.
    const gloss =
      prev &&
      /^\s*[（(][^（）()]*$/u.test(text.slice(prev.end, e.start)) &&
      /^[^（）()]*[）)]/u.test(text.slice(e.end));
    if (prev && gloss && !bracketed) continue;
    if (prev && (bracketed || adjacent) && prev.type === e.type) {
      const close = text.slice(e.end).search(/[）)]/u);
      const end = bracketed ? e.end + close + 1 : Math.max(prev.end, e.end);
      const keep =
        e.confidence > prev.confidence ||
        (e.confidence === prev.confidence && /\p{Script=Han}/u.test(e.mention))
          ? e
          : prev;
      out[out.length - 1] = { ...keep, start: prev.start, end };
      continue;
    }
    if (out.some((o) => o.id === e.id)) continue;
    out.push(e);
  }
  return out;
}

/** A type named right after an entity ("锂电池这个申万行业") picks that reading of an ambiguous name. */
function withTypeHint(e: LinkedEntity, text: string): LinkedEntity {
  const after = text.slice(e.end, e.end + 10);
  const whole = text;
  const wantIndustry =
    /^\s*(?:这个|这一|那个)?(?:申万)?(?:行业|板块|sector|industry)/iu.test(after) ||
    (/申万|shenwan|industr(?:y|ies)\b|sectors?\b|行业的上游|上游(?:都)?(?:连着)?(?:哪些)?行业/iu.test(
      whole,
    ) &&
      e.type === 'Product');
  if (wantIndustry && e.type !== 'Industry') {
    const alt = e.alternatives.find((a) => a.type === 'Industry');
    if (alt)
      return {
        ...e,
        ...alt,
        confidence: Math.min(e.confidence, 0.8),
        alternatives: [{ id: e.id, name: e.name, type: e.type }, ...e.alternatives.filter((a) => a !== alt)],
      };
  }
  // A news graph types 锂电行业 by how it is used; a name that says 行业 or 产业 is an industry.
  if (e.type !== 'Industry' && /(?:行业|产业|领域|板块)$/u.test(e.name)) {
    const alt = e.alternatives.find((a) => a.type === 'Industry');
    if (alt) return { ...e, ...alt, alternatives: [{ id: e.id, name: e.name, type: e.type }] };
  }
  // "小米旗下", "小米控股了": words that only a company takes pick its company reading.
  if (
    e.type !== 'Enterprise' &&
    /^\s*(?:这家|公司|企业|股份|集团|旗下|控股|名下|的子公司|投资了|收购了|并购了)/u.test(after)
  ) {
    const alt = e.alternatives.find((a) => a.type === 'Enterprise');
    if (alt) return { ...e, ...alt, alternatives: [{ id: e.id, name: e.name, type: e.type }] };
  }
  // "锂价", "nickel prices": a price is a product's or a series', not an industry's.
  if (e.type === 'Industry' && /^\s*(?:价|价格|的价格|prices?\b)/iu.test(after)) {
    const alt =
      e.alternatives.find((a) => a.type === 'Product') ?? e.alternatives.find((a) => a.type === 'Series');
    if (alt) return { ...e, ...alt, alternatives: [{ id: e.id, name: e.name, type: e.type }] };
  }
  return e;
}

/** "哪一类玻璃瓶", "上游那几种钢材": a name used for a kind of thing, not the thing asked about. */
function isDescriptor(e: LinkedEntity, text: string): boolean {
  return e.type === 'Product' && CLASSIFIER_BEFORE.test(text.slice(Math.max(0, e.start - 6), e.start));
}

/** Entities next to each other with only 和, 与, 、 or "and" between them ask about them together. */
function groupsOf(entities: readonly LinkedEntity[], text: string): Group[] {
  const groups: Group[] = [];
  for (const e of [...entities].sort((a, b) => a.start - b.start)) {
    const last = groups.at(-1);
    if (
      last &&
      last.members[0]!.type === e.type &&
      JOINER.test(text.slice(last.end, e.start).replace(/[（(][^）)]*[）)]/gu, ''))
    ) {
      last.members.push(e);
      last.end = e.end;
    } else groups.push({ members: [e], start: e.start, end: e.end });
  }
  return groups;
}

/** A positional verb's relation: the entity before the verb does it, the one after has it done. */
function resolve(cue: Cue, anchor: { start: number; end: number }, text: string): Relation {
  const pos = POSITIONAL[cue.relation];
  if (!pos) return cue.relation;
  // "给比亚迪供货": whoever follows 给/为/向 receives; "科大讯飞给哪些车企供货": a question word there asks
  // for them. "go into it": a pronoun after the verb is the entity.
  if (cue.relation === 'supplies') {
    const lead = /(?:给|为|向)([^，。？]{0,12})$/u.exec(text.slice(Math.max(0, cue.start - 13), cue.start));
    if (lead) return /哪|谁|what|which|whom/iu.test(lead[1]!) ? 'customers' : 'suppliers';
  }
  if (/^\s*(?:it|them|its|their|this|that|these|those)\b/iu.test(text.slice(cue.end, cue.end + 8)))
    return pos.after;
  return cue.start < anchor.start ? pos.after : pos.before;
}

interface Link {
  relation: Exclude<
    Relation,
    'makes' | 'supplies' | 'controls' | 'invests' | 'acquires' | 'buys' | 'between'
  >;
  cue: Cue;
}

/**
 * The relations from a start entity type, in an order whose types chain: cues after the entity
 * in their order, then cues before it nearest first; if that order does not fit the types, the
 * nearest fitting order; descriptive cues that fit nowhere are dropped.
 */
export function chainOf(
  start: NodeType,
  anchor: { start: number; end: number },
  cues: readonly Cue[],
  text: string,
): Link[] {
  const resolved = cues
    // "这家供应商", "those inputs": a relation noun after a demonstrative points back at an earlier answer.
    .filter(
      (c) =>
        c.relation !== 'between' &&
        !/(?:这家|该|这些|那些|这个|那个|这几家|那几家|those|these|that|this)\s*$/iu.test(
          text.slice(Math.max(0, c.start - 4), c.start),
        ),
    )
    // "申万一级行业“汽车”": a describing word right before the name says what it is, not what is asked.
    .filter(
      (c) =>
        !(
          ['industry', 'parentIndustry', 'members'].includes(c.relation) &&
          c.end <= anchor.start &&
          /^[\s“”"'「」『』]*$/u.test(text.slice(c.end, anchor.start))
        ),
    )
    .map((c) => ({ relation: resolve(c, anchor, text), cue: c }))
    .filter(
      (l): l is Link =>
        l.relation in SIGNATURES &&
        !['makes', 'supplies', 'controls', 'invests', 'acquires', 'buys'].includes(l.relation),
    );
  const after = resolved.filter((l) => l.cue.start >= anchor.end).sort((a, b) => a.cue.start - b.cue.start);
  const before = resolved.filter((l) => l.cue.start < anchor.start).sort((a, b) => b.cue.start - a.cue.start);
  const order = mergeRepeats([...after, ...before], text);
  const fits = (links: readonly Link[]) => {
    let type: NodeType | undefined = start;
    for (const l of links) {
      const sig = SIGNATURES[l.relation].find(([from]) => from === type);
      if (!sig) return false;
      type = sig[1];
    }
    return true;
  };
  const candidates: Link[][] = [];
  const strong = order.filter((l) => !WEAK.has(l.relation));
  for (const pool of [order, ...dropSubsets(order)]) {
    if (strong.some((s) => !pool.includes(s)) && pool !== order) continue;
    for (const p of permutations(pool)) if (fits(p)) candidates.push(p);
    if (candidates.length) break;
  }
  if (!candidates.length) {
    // No order of the strong cues fits: keep the longest prefix of the natural order that does.
    const prefix: Link[] = [];
    for (const l of order) if (fits([...prefix, l])) prefix.push(l);
    return prefix;
  }
  const displacement = (p: readonly Link[]) => p.reduce((d, l, i) => d + Math.abs(order.indexOf(l) - i), 0);
  return candidates.sort((a, b) => b.length - a.length || displacement(a) - displacement(b))[0]!;
}

/**
 * Two cues for one relation side by side ("上游原料", "raw materials … inputs") ask it once; the same
 * relation asked again in a new clause ("…是谁？给这家供应商供货的企业有哪些？") is the next hop.
 */
function mergeRepeats(links: readonly Link[], text: string): Link[] {
  const out: Link[] = [];
  for (const l of links) {
    const prev = out.at(-1);
    const between = prev
      ? text.slice(Math.min(prev.cue.end, l.cue.end), Math.max(prev.cue.start, l.cue.start))
      : '';
    if (
      prev &&
      prev.relation === l.relation &&
      !/[？?。；;]|又|再|自己|各自|它们|themselves|its own|each of them|\band (?:who|which|what)\b|\bthen\b/iu.test(
        between,
      )
    )
      continue;
    out.push(l);
  }
  return out;
}

function dropSubsets(links: readonly Link[]): Link[][] {
  const weak = links.filter((l) => WEAK.has(l.relation));
  const out: Link[][] = [];
  for (let mask = 1; mask < 1 << weak.length; mask++)
    out.push(links.filter((l) => !weak.some((w, i) => mask & (1 << i) && w === l)));
  return out.sort((a, b) => b.length - a.length);
}

function permutations<T>(xs: readonly T[]): T[][] {
  if (xs.length <= 1) return [xs.slice()];
  if (xs.length > 5) return [xs.slice()];
  return xs.flatMap((x, i) => permutations([...xs.slice(0, i), ...xs.slice(i + 1)]).map((p) => [x, ...p]));
}

function typeAfter(start: NodeType, links: readonly Link[]): NodeType {
  let type = start;
  for (const l of links) type = SIGNATURES[l.relation].find(([from]) => from === type)?.[1] ?? type;
  return type;
}

/** What the question asks for when it says so: 哪家公司 / which company → enterprises. */
function targetType(text: string): NodeType | undefined {
  const asksCompany =
    /哪(?:家|几家|一家|三家|两家)|哪些(?:上市)?(?:公司|企业)|(?:公司|企业|厂商|厂家)(?:都|分别)?(?:是|有)(?:哪些|哪几家|谁)|(?:\d+|[一二两三四五六七八九十]+)家[^，。？?]{0,12}?(?:公司|企业|厂商)|谁|多少家|几家|top\s*\d+\s+(?:\w+ )?(?:compan|firm|enterprise|producer)|which (?:\w+ )?(?:other )?(?:listed |a-share )?(?:compan|firm|enterprise)|how many (?:\w+ )?(?:compan|firm|enterprise|producer)|\bwho\b/iu.test(
      text,
    );
  return asksCompany && !/哪(?:些|个)(?:行业|产品|原料|材料)/u.test(text) ? 'Enterprise' : undefined;
}

/** Adds the steps of one branch: start set, relations with their filters and top-k, as the question puts them. */
function addBranch(
  b: Builder,
  text: string,
  plain: string,
  group: Group,
  cues: readonly Cue[],
  periods: readonly Period[],
  tops: readonly TopSignal[],
  options: {
    exclude?: number;
    region?: string;
    listed: boolean;
    tiers?: number;
    showChain: boolean;
    /** Whether "which company" may add a producers hop; a comparison's sides already are the companies. */
    bridge?: boolean;
    product?: string;
  },
): { last: number; type: NodeType; links: Link[]; beforeTop?: number } {
  const startType = group.members[0]!.type;
  const links = linksFor(startType, group, cues, text, plain, options.bridge ?? true);
  const type = typeAfter(startType, links);
  let at = b.add({ op: 'entity', entities: group.members.map((m) => m.id) });
  let beforeTop: number | undefined;
  // A top-k mark right before the start entity describes it ("收入里占大头的丙烯酸"), not the
  // answer; one with its own noun between ("最高的三家动力电池企业", "top 3 companies in X") does.
  const usable = tops.filter(
    (t) => t.start > group.start || !/^[\s的]*$/u.test(text.slice(t.end, group.start)),
  );
  const chainLinks = links.filter((l) => l.relation === 'up' || l.relation === 'down');
  let current: NodeType = startType;
  // "原料又是用什么原料做的": one direction walked twice in a row is one walk of two tiers.
  const repeats = (i: number) => {
    let n = 1;
    while (links[i + n]?.relation === links[i]!.relation && n < 4) n++;
    return n;
  };
  let skip = 0;
  links.forEach((link, i) => {
    if (skip > 0) {
      skip--;
      return;
    }
    if (link.relation === 'up' || link.relation === 'down') skip = repeats(i) - 1;
    const isLast = i + skip === links.length - 1;
    if (link.relation === 'up' || link.relation === 'down') {
      const tiers = Math.max(skip + 1, options.tiers && chainLinks.length === 1 ? options.tiers : 1);
      at = b.add({ op: 'chain', from: at, direction: link.relation, tiers }, options.showChain && !isLast);
    } else {
      // 生产 reads either way; a product's suppliers are its producers.
      const relation =
        link.relation === 'produces'
          ? current === 'Product'
            ? 'producers'
            : 'products'
          : link.relation === 'suppliers' && current === 'Product'
            ? 'producers'
            : link.relation;
      const spec = EDGE_OF[relation];
      const transitive = relation === 'members' || spec.transitive;
      const edge = relation === 'members' && current === 'Industry' ? 'IN_INDUSTRY' : spec.edge;
      at = b.add(
        {
          op: 'relation',
          from: at,
          edge,
          direction: spec.direction,
          transitive: !!transitive && spec.direction === 'in',
        },
        options.showChain && !isLast,
      );
    }
    current = SIGNATURES[link.relation].find(([from]) => from === current)?.[1] ?? current;
    // "巴渊商用车的燃料电池系统是哪家供的": the first supply hop carries the named product.
    if (options.product && i === 0 && ['suppliers', 'customers'].includes(link.relation)) {
      const unfiltered = at;
      at = b.add({ op: 'filter', from: at, product: options.product });
      // What is shown of this hop is its filtered set.
      const shown = b.show.indexOf(unfiltered);
      if (shown >= 0) b.show[shown] = at;
    }
    if (current === 'Enterprise' && (isLast || links[i + 1]?.relation !== 'products')) {
      const filter: StepInput = { op: 'filter', from: at };
      if (options.listed) filter.listed = true;
      if (options.exclude !== undefined) filter.exclude = options.exclude;
      if (options.region) filter.region = options.region;
      if (periods.length && isLast)
        filter.period = {
          from: periods[0]!.from,
          to: periods.at(-1)!.to,
          label: periods.map((p) => p.label).join('–'),
        };
      if (Object.keys(filter).length > 2) at = b.add(filter);
    } else if (periods.length && isLast && current !== 'Industry') {
      at = b.add({
        op: 'filter',
        from: at,
        period: {
          from: periods[0]!.from,
          to: periods.at(-1)!.to,
          label: periods.map((p) => p.label).join('–'),
        },
      });
    }
    // A superlative belongs to the relation it stands nearest to.
    const top = usable.find((t) => nearestLink(t, links) === link);
    if (top) {
      if (isLast) beforeTop = at;
      at = b.add({ op: 'top', from: at, k: top.k, order: top.order }, options.showChain && !isLast);
    }
  });
  const topic = /([\p{Script=Han}]{1,4})(?:相关|有关|方面|领域)(?:的)?(?:企业|公司)/u.exec(plain)?.[1];
  if (topic && type === 'Enterprise')
    at = b.add({ op: 'filter', from: at, nameContains: topic.replace(/^(?:些|哪些)/u, '').slice(0, 1) });
  return { last: at, type, links, ...(beforeTop !== undefined ? { beforeTop } : {}) };
}

/**
 * The relations a branch walks: the cues in an order whose types chain, then the relation the
 * asked-for type needs ("哪家上市公司的收入最依赖印制电路板" ends at companies: the producers).
 */
function linksFor(
  start: NodeType,
  group: Group,
  cues: readonly Cue[],
  text: string,
  plain: string,
  bridging = true,
): Link[] {
  const links = chainOf(start, group, cues, text);
  const type = typeAfter(start, links);
  if (!bridging || targetType(plain) !== 'Enterprise' || type === 'Enterprise') return links;
  const bridge = (['producers', 'members'] as const).find((r) =>
    SIGNATURES[r].some(([from]) => from === type),
  );
  return bridge
    ? [...links, { relation: bridge, cue: { relation: bridge, start: group.end, end: group.end, text: '' } }]
    : links;
}

function nearestLink(t: TopSignal, links: readonly Link[]): Link | undefined {
  const real = links.filter((l) => l.cue.end > l.cue.start);
  const distance = (l: Link) => Math.min(Math.abs(l.cue.start - t.end), Math.abs(t.start - l.cue.end));
  return [...real].sort((a, b) => distance(a) - distance(b))[0] ?? links.at(-1);
}

function levelOf(text: string): number | undefined {
  const m = /([一二三123])\s*级|level[- ]?([123])|\bsector\b|一级行业/iu.exec(text);
  if (!m) return undefined;
  if (/sector/iu.test(m[0])) return 1;
  return { 一: 1, 二: 2, 三: 3, '1': 1, '2': 2, '3': 3 }[(m[1] ?? m[2]) as '一'];
}

function attributesOf(plain: string): Array<(typeof LOOKUP_ATTRIBUTES)[number]> {
  return ATTRIBUTES.filter(([, re]) => re.test(plain)).map(
    ([name]) => name as (typeof LOOKUP_ATTRIBUTES)[number],
  );
}

function planGraph(
  text: string,
  plain: string,
  graph: readonly LinkedEntity[],
  cues: readonly Cue[],
  periods: readonly Period[],
  notes: string[],
): Plan {
  const b = new Builder();
  const listed = allMarks(plain, LISTED).length > 0;
  const tops = topSignals(plain);
  // "用的几种纸浆" names a hop, it does not ask how many.
  const counting = allMarks(plain, COUNT).some(
    (m) => !cues.some((c) => c.start <= m.start && m.end <= c.end),
  );
  const comparing = allMarks(plain, COMPARE).length > 0;
  const intersecting = allMarks(plain, INTERSECT).length > 0;
  const excluding = allMarks(plain, EXCLUDE).length > 0;
  const tiers = tiersOf(plain);
  const regions = graph.filter((e) => e.type === 'Region');
  const others = graph.filter((e) => e.type !== 'Region');
  const anchors = others.length ? others : regions;
  const region = others.length && regions.length ? regions[0]!.id : undefined;
  const groups = groupsOf(anchors, text);
  const between = cues.some((c) => c.relation === 'between');
  const shareCue =
    /收入占比|营收占比|占比|比重|比例|占多少|占多大|依赖|份额|revenue share|share of|input share|what share|how large a share|stake/iu.test(
      text,
    );

  // Two entities and "what is their relationship": the direct relations, else a path.
  if (
    between &&
    anchors.length >= 2 &&
    !cues.some((c) => !['between', 'members', 'industry', 'products'].includes(c.relation))
  ) {
    const a = b.add({ op: 'entity', entities: [anchors[0]!.id] });
    const c = b.add({ op: 'entity', entities: [anchors[1]!.id] });
    b.add({ op: 'path', a, b: c }, true);
    return b.plan();
  }

  // "生产冰箱的上市公司和生产洗衣机的上市公司，谁多": parallel phrases compare their entities too.
  const sameType = anchors.filter((e) => e.type === anchors[0]!.type);
  if (
    !groups.some((g) => g.members.length >= 2) &&
    sameType.length >= 2 &&
    (comparing || intersecting) &&
    !shareCue
  )
    groups.splice(0, groups.length, {
      members: sameType,
      start: sameType[0]!.start,
      end: sameType.at(-1)!.end,
    });
  const multi = groups.find((g) => g.members.length >= 2);
  const types = new Set(anchors.map((e) => e.type));

  // "韶钢松山和三钢闽光的螺纹钢收入占比", "在摩托车的投入构成里，摩托车发动机占多少": the value on an edge.
  if (shareCue && anchors.length >= 2) {
    const edgePlan = planEdgeValue(b, text, plain, anchors, groups, comparing || !!multi);
    if (edgePlan) return edgePlan;
  }

  if (
    multi &&
    (comparing || intersecting || /分别|各自|各是|各有|两家|三家|谁|哪个|哪家|which|each/iu.test(plain))
  ) {
    const sides = multi.members.map((m) => {
      const single: Group = { members: [m], start: multi.start, end: multi.end };
      const attrs = attributesOf(plain).filter((a) => a !== 'products');
      const chain = chainOf(m.type, multi, cues, text);
      if (
        m.type === 'Enterprise' &&
        (!chain.length || chain.every((l) => l.relation === 'industry')) &&
        (attrs.includes('listedAt') || attrs.includes('industry') || EARLIER.test(plain) || SAME.test(plain))
      ) {
        const e = b.add({ op: 'entity', entities: [m.id] });
        return {
          last: b.add({ op: 'lookup', from: e, attributes: attrs }),
          type: m.type as NodeType,
          links: [] as Link[],
        };
      }
      return addBranch(
        b,
        text,
        plain,
        single,
        cues,
        periods,
        tops.filter((t) => t.start > multi.end || t.end < multi.start),
        {
          listed,
          ...(region ? { region } : {}),
          showChain: false,
          bridge: m.type !== 'Enterprise',
        },
      );
    });
    const lookups = sides.every((s) => b.steps[s.last]!.op === 'lookup');
    if (lookups) {
      const measure =
        SAME.test(plain) || (attributesOf(plain).includes('industry') && !EARLIER.test(plain))
          ? 'industry'
          : 'date';
      b.add(
        {
          op: 'compare',
          sides: sides.map((s) => s.last),
          measure,
          order: measure === 'date' ? 'asc' : 'desc',
        },
        true,
      );
      return b.plan();
    }
    if (intersecting && !comparing && !counting) {
      let acc = sides[0]!.last;
      for (const s of sides.slice(1)) acc = b.add({ op: 'combine', a: acc, b: s.last, mode: 'intersect' });
      b.show.push(acc);
      return b.plan();
    }
    // 多/少 compare how many; 占多少 asks a share.
    const measure = counting || /(?<!占)多(?!少)|(?<!多)少|more|fewer/iu.test(plain) ? 'count' : 'value';
    const counted =
      measure === 'count' ? sides.map((s) => b.add({ op: 'count', from: s.last })) : sides.map((s) => s.last);
    b.add(
      { op: 'compare', sides: counted, measure, order: tops.some((t) => t.order === 'asc') ? 'asc' : 'desc' },
      true,
    );
    return b.plan();
  }

  // One subject: a company before "的" and its product ("巴渊商用车的燃料电池系统") is the company;
  // else the group nearest before the first relation cue (a named list of inputs is the start).
  const owner = groups.find(
    (g) =>
      g.members[0]!.type === 'Enterprise' &&
      anchors.some((p) => p.type === 'Product' && /^的$/u.test(text.slice(g.end, p.start))),
  );
  const firstCue =
    cues.find((c) => !['members', 'industry', 'products', 'produces'].includes(c.relation)) ?? cues[0];
  const subject =
    owner ??
    (firstCue &&
      [...groups]
        .reverse()
        .find((g) => g.end <= firstCue.start && chainOf(g.members[0]!.type, g, cues, text).length)) ??
    groups.find((g) => chainOf(g.members[0]!.type, g, cues, text).length) ??
    groups[0]!;
  const start = subject.members[0]!.type;
  const links = linksFor(start, subject, cues, text, plain);
  const exclude = excluding
    ? (anchors.find((e) => !subject.members.includes(e) && e.type === 'Enterprise') ??
      (subject.members[0]!.type === 'Enterprise' ? subject.members[0] : undefined))
    : undefined;
  const attrs = attributesOf(plain);

  // An enterprise's own facts: registered name, code, listing, industry levels, main products.
  if (
    (start === 'Enterprise' || start === 'Product' || start === 'Industry' || start === 'Region') &&
    isLookup(start, links, attrs, counting, tops.length > 0, plain)
  ) {
    const e = b.add({ op: 'entity', entities: subject.members.map((m) => m.id) });
    b.add({ op: 'lookup', from: e, attributes: attrs.length ? attrs : [] }, true);
    if (types.size > 1) notes.push('other entities named in the question were not needed for its facts');
    return b.plan();
  }

  let excludeStep: number | undefined;
  if (exclude) excludeStep = b.add({ op: 'entity', entities: [exclude.id] });
  const named =
    start === 'Enterprise'
      ? anchors.find((e) => e.type === 'Product' && !subject.members.includes(e))
      : undefined;
  const branch = addBranch(b, text, plain, subject, cues, periods, tops, {
    listed,
    ...(named ? { product: named.id } : {}),
    ...(excludeStep !== undefined ? { exclude: excludeStep } : {}),
    ...(region ? { region } : {}),
    ...(tiers ? { tiers } : {}),
    showChain: true,
  });
  if (!branch.links.length) {
    b.add({ op: 'lookup', from: branch.last, attributes: attrs }, true);
    return b.plan();
  }
  // "How many produce X, and which has the largest share": the count of all, then the top one.
  if (counting && branch.beforeTop !== undefined) {
    b.add({ op: 'count', from: branch.beforeTop }, true);
    b.show.push(branch.last);
  } else if (counting) b.add({ op: 'count', from: branch.last }, true);
  else b.show.push(branch.last);
  return b.plan();
}

/** Whether an entity question asks for its facts rather than for related entities. */
function isLookup(
  start: NodeType,
  links: readonly Link[],
  attrs: readonly string[],
  counting: boolean,
  topping: boolean,
  plain: string,
): boolean {
  if (counting) return false;
  if (!links.length) return true;
  if (start !== 'Enterprise') return false;
  const kinds = new Set(links.map((l) => l.relation));
  const factual = [...kinds].every((k) => ['industry', 'parentIndustry', 'products', 'location'].includes(k));
  if (!factual) return false;
  // "收入占比最高的产品" → the top product is a relation with a top-k, not a fact sheet.
  if (topping && kinds.has('products') && !/分别|各占|占多少|各是多少|两位|前两|top two/iu.test(plain))
    return false;
  return attrs.some((a) => a !== 'products') || kinds.has('industry') || !topping;
}

/** The number on an edge between named entities, compared when there are several. */
function planEdgeValue(
  b: Builder,
  text: string,
  plain: string,
  anchors: readonly LinkedEntity[],
  groups: readonly Group[],
  compare: boolean,
): Plan | undefined {
  const enterprises = anchors.filter((e) => e.type === 'Enterprise');
  const products = anchors.filter((e) => e.type === 'Product');
  if (enterprises.length >= 1 && products.length === 1) {
    const p = b.add({ op: 'entity', entities: [products[0]!.id] });
    const sides = enterprises.map((e) => {
      const s = b.add({ op: 'entity', entities: [e.id] });
      return b.add({ op: 'edgeValue', from: s, to: p, edge: 'PRODUCES' }, enterprises.length === 1);
    });
    if (sides.length > 1) b.add({ op: 'compare', sides, measure: 'value', order: 'desc' }, true);
    else {
      // The enterprise's whole revenue breakdown, for when the named product is not one of its lines.
      const e = b.add({ op: 'entity', entities: [enterprises[0]!.id] });
      b.add({ op: 'lookup', from: e, attributes: ['products'] }, true);
    }
    return b.plan();
  }
  if (
    products.length >= 2 &&
    !enterprises.length &&
    /原料|原材料|投入|构成|组成|占|input|made of|share/iu.test(plain)
  ) {
    // The container is the product the input cue follows ("摩托车的投入构成"); the others are its inputs.
    const multi = groups.find((g) => g.members.length >= 2);
    const containers = multi && compare ? multi.members : [products[0]!];
    const inputs = products.filter((p) => !containers.includes(p));
    if (!inputs.length) return undefined;
    const input = b.add({ op: 'entity', entities: inputs.map((i) => i.id) });
    const sides = containers.map((c) => {
      const s = b.add({ op: 'entity', entities: [c.id] });
      return b.add({ op: 'edgeValue', from: s, to: input, edge: 'MADE_FROM' }, containers.length === 1);
    });
    if (sides.length > 1) b.add({ op: 'compare', sides, measure: 'value', order: 'desc' }, true);
    void text;
    void plain;
    return b.plan();
  }
  return undefined;
}

/** Series questions: a value, a peak, a mean, a change, a ratio, or a forecast of a price, demand or output. */
function planSeries(
  text: string,
  plain: string,
  series: readonly LinkedEntity[],
  graph: readonly LinkedEntity[],
  periods: ReadonlyArray<Period & { start: number }>,
): Plan | undefined {
  const priceLike = PRICE_WORDS.test(plain) || SERIES_KIND.some(([, re]) => re.test(plain));
  const subjects = series.length ? series : priceLike ? graph.filter((e) => e.type === 'Product') : [];
  if (!subjects.length || (!series.length && !priceLike)) return undefined;
  const kind =
    SERIES_KIND.find(([, re]) => re.test(plain))?.[0] ?? (PRICE_WORDS.test(plain) ? 'price' : undefined);
  const b = new Builder();
  const main = subjects[0]!;
  if (
    FORECAST.test(text) &&
    !periods.some(
      (p) =>
        p.to < '2100-01-01' &&
        p.from.slice(0, 4) <= String(new Date().getUTCFullYear()) &&
        /月|month/iu.test(p.label ?? ''),
    )
  ) {
    const horizon = /(\d+|[一二三六十]|十二)\s*(?:个)?\s*(?:月|months?)/iu.exec(text);
    const years = /(\d+|[一两二三]|one|two|three)?\s*(?:年|years?)/iu.exec(text.slice(text.search(FORECAST)));
    const months = horizon
      ? Number(
          /\d+/.exec(horizon[1]!)?.[0] ?? { 一: 1, 三: 3, 六: 6, 十: 10, 十二: 12 }[horizon[1] as '一'] ?? 12,
        )
      : years
        ? 12 *
          ({ 一: 1, 两: 2, 二: 2, 三: 3, one: 1, two: 2, three: 3 }[(years[1] ?? '一') as '一'] ??
            (Number(years[1]) || 1))
        : 12;
    b.add(
      {
        op: 'forecast',
        entity: main.mention,
        kind: kind ?? 'price',
        horizon: Math.min(36, Math.max(1, months)),
      },
      true,
    );
    return b.plan();
  }
  const stat = seriesStatOf(plain, periods);
  // The earlier month is the base, whichever the question names first ("2025年12月跟上年同月比").
  const byDate = [...periods].sort((x, y) => x.from.localeCompare(y.from));
  const base: Period | undefined = stat === 'change' && periods.length >= 2 ? byDate[0] : undefined;
  let period: Period | undefined = stat === 'change' && periods.length >= 2 ? byDate.at(-1) : periods[0];
  let baseline: Period | undefined = base;
  // "2025年这一年是涨是跌": a whole year runs from the month before it to its last month.
  if (
    stat === 'change' &&
    !base &&
    period &&
    period.to.slice(5) === '12-31' &&
    period.from.slice(5) === '01-01'
  ) {
    const y = Number(period.from.slice(0, 4));
    baseline = { from: `${y - 1}-12-01`, to: `${y - 1}-12-31` };
    period = { from: `${y}-12-01`, to: `${y}-12-31`, label: period.label };
  }
  if (stat === 'change' && !baseline && period) {
    baseline = period;
    period = undefined;
  }
  b.add(
    {
      op: 'series',
      entity: main.mention,
      ...(kind ? { kind } : {}),
      stat,
      ...(period
        ? { period: { from: period.from, to: period.to, ...(period.label ? { label: period.label } : {}) } }
        : {}),
      ...(baseline ? { base: { from: baseline.from, to: baseline.to } } : {}),
      ...(stat === 'ratio' && subjects[1] ? { other: subjects[1].mention } : {}),
    },
    true,
  );
  return b.plan();
}

/** Whole-data counts and rankings: industries by their companies, listings by exchange and year. */
function planAggregate(plain: string, cues: readonly Cue[], periods: readonly Period[]): Plan | undefined {
  const counting = allMarks(plain, COUNT).length > 0;
  const tops = topSignals(plain);
  if (!counting && !tops.length) return undefined;
  const b = new Builder();
  const industry = cues.some((c) => c.relation === 'industry') || /申万|shenwan|sector/iu.test(plain);
  const upstream = cues.some((c) => c.relation === 'up');
  const exchange = /上交所|上海证券交易所|沪市|shanghai/iu.test(plain)
    ? 'SH'
    : /深交所|深圳证券交易所|深市|shenzhen/iu.test(plain)
      ? 'SZ'
      : /北交所|beijing stock/iu.test(plain)
        ? 'BJ'
        : undefined;
  const year = periods.find((p) => p.from.endsWith('-01-01'))?.from.slice(0, 4);
  if (industry && upstream) {
    const all = b.add({ op: 'scan', type: 'Industry', listed: false });
    const d = b.add({ op: 'degree', from: all, edge: 'UPSTREAM_OF', direction: 'in' });
    b.add({ op: 'top', from: d, k: tops[0]?.k ?? 1, order: 'desc' }, true);
    return b.plan();
  }
  if (exchange || year) {
    const all = b.add({ op: 'scan', type: 'Enterprise', listed: true });
    const f = b.add({
      op: 'filter',
      from: all,
      ...(exchange ? { exchange } : {}),
      ...(year ? { listedIn: Number(year) } : {}),
    });
    b.add({ op: 'count', from: f }, true);
    return b.plan();
  }
  const byRegion =
    /哪(?:个|一个)?(?:区县|区|县|地区|城市|省份?|市)|各(?:区县|区|县|地区|城市|省)|\b(?:which|what) (?:district|county|region|city|province)|\bby (?:district|county|region|city|province)|\bper (?:district|county|region|city)/iu.test(
      plain,
    );
  if (byRegion && !industry) {
    const all = b.add({ op: 'scan', type: 'Enterprise', listed: false });
    b.add({ op: 'aggregate', from: all, groupBy: 'region', k: tops[0]?.k ?? 10 }, true);
    return b.plan();
  }
  if (industry) {
    const all = b.add({ op: 'scan', type: 'Enterprise', listed: true });
    const level = levelOf(plain);
    b.add(
      { op: 'aggregate', from: all, groupBy: 'industry', ...(level ? { level } : {}), k: tops[0]?.k ?? 1 },
      true,
    );
    return b.plan();
  }
  return undefined;
}
