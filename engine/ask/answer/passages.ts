import type { AnswerType } from '../plan/types.js';

/**
 * Extractive answers from documents: split a document into sentences that remember where they
 * stand (the heading above, the line they start), recognise the kind of fact a sentence can
 * answer (a date, a duration, a count, a contact…), and read the items of a list that runs over
 * several lines under one heading.
 */

export interface Sentence {
  docId: string;
  /** Offset in the document's cleaned text. */
  start: number;
  end: number;
  text: string;
  /** The nearest heading above it, for matching a question's terms to the section. */
  heading: string;
  /** Whether the sentence is a heading line itself (no full stop, short). */
  isHeading: boolean;
  /** Which paragraph of the document it stands in (sentences of one paragraph share its topic). */
  paragraph: number;
}

const SENTENCE_END = /[。！？!?]/u;
const MAX_HEADING = 40;
/** Enumeration marks that start a list item or a sub-heading. */
const ITEM_MARK =
  /^\s*(?:[（(][一二三四五六七八九十\d]{1,3}[）)]|[一二三四五六七八九十]{1,3}[、.．]|\d{1,2}[、.．)）](?!\d)|[①-⑳]|[一二三四五六七八九十]是|第[一二三四五六七八九十]{1,3}[，,、]|[-*•·]\s|#{1,4}\s|\*\*|\p{Script=Han}{1,4}[一二三四五六七八九十][：:])/u;

export function cleanLine(line: string): string {
  return line
    .replace(/^\s*#{1,6}\s*/u, '')
    .replace(/\*\*/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * A document's paragraphs: its lines, with a line that stops mid-sentence (a page or column break
 * in the source) joined to the next one.
 */
function paragraphsOf(text: string): Array<{ start: number; text: string }> {
  const out: Array<{ start: number; text: string }> = [];
  let at = 0;
  let open: { start: number; text: string } | undefined;
  for (const line of text.split('\n')) {
    const start = at;
    at += line.length + 1;
    if (!line.trim()) continue;
    if (open) {
      open.text += line.trim();
      open = undefined;
    } else out.push({ start, text: line });
    const last = out.at(-1)!;
    const body = cleanLine(line);
    // A long line ending without a stop, a colon or a closing mark runs on into the next.
    if (body.length > MAX_HEADING && !/[。！？!?：:；;”」』）)]$/u.test(body)) open = last;
  }
  return out;
}

/** The document's sentences in order; a line without a full stop is one sentence (often a heading). */
export function sentencesOf(docId: string, text: string): Sentence[] {
  const out: Sentence[] = [];
  let heading = '';
  let paragraph = 0;
  for (const p of paragraphsOf(text)) {
    paragraph++;
    const clean = cleanLine(p.text);
    if (!clean) continue;
    const isHeading = !SENTENCE_END.test(clean) && clean.length <= MAX_HEADING;
    if (isHeading) {
      out.push({
        docId,
        start: p.start,
        end: p.start + p.text.length,
        text: clean,
        heading,
        isHeading: true,
        paragraph,
      });
      heading = clean;
      continue;
    }
    for (const m of p.text.matchAll(/[^。！？!?]+[。！？!?]*[”」』）)]?/gu)) {
      const piece = cleanLine(m[0]);
      if (piece.length >= 2)
        out.push({
          docId,
          start: p.start + m.index,
          end: p.start + m.index + m[0].length,
          text: piece,
          heading,
          isHeading: false,
          paragraph,
        });
    }
  }
  return out;
}

/** Recognisers for the fact a question wants; each returns the span that states it, if any. */
const TYPED: Partial<Record<AnswerType, RegExp>> = {
  date: /(?:\d{4}年)?\d{1,2}月\d{1,2}日(?:[（(]星期[一二三四五六日天][)）])?(?:前|之前|以前|起|止)?|\d{4}年\d{1,2}月(?:底|前|末)?|\d{4}-\d{2}-\d{2}/u,
  // A span of time, not a calendar date: 2023年 and 1月 name a year and a month; 30日 counts days only before 内.
  duration:
    /(?<![\d.年月])(?:\d{1,3}|[一二三四五六七八九十两半]+)(?:个)?(?:年(?![\d一二三四五六七八九十]+月)|个月|周|天|日(?=内|以内|之内)|个工作日|工作日|小时)(?:内|以内|之内)?/u,
  frequency:
    /每(?:个)?(?:年|季度|半年|月|周|天|日)|(?:每|一)(?:年|季度|月)(?:一次|一期)|(?:半年|季度|年度|月度)(?:一次|发布|更新)/u,
  count: /(?:\d+|[一二三四五六七八九十百千两]+)(?:多|余)?(?:家|个|项|类|种|批|名|人|条|所|座|大|位|款)/u,
  amount: /\d+(?:\.\d+)?\s*(?:万|亿)?元|\d+(?:\.\d+)?\s*(?:万|亿)/u,
  percent: /\d+(?:\.\d+)?\s*%/u,
  measure:
    /\d+(?:\.\d+)?\s*(?:多)?(?:千米|公里|米|厘米|毫米|平方米|平方公里|万平方米|亩|公顷|吨|千克|公斤|km|m²|m\b)/u,
  level: /(?:[一二三四五六七八九十\d]+)级|等级保护|国家级|市级|省级/u,
  contact: /(?:\d{3,4}-)?\d{7,8}|1\d{10}/u,
  // An office, or districts named in a list ("由巴南区、九龙坡区联合…").
  who: /[\p{Script=Han}]{2,12}(?:委员会|委|局|厅|(?<![零内外全])部(?![件分位署])|办公室|小组|中心|公司|政府|部门)|\p{Script=Han}{1,4}[区县][、，,和与及]\p{Script=Han}{1,4}[区县]/u,
  definition: /是指|是.{2,40}的|定义为|即/u,
  list: /[、；;]/u,
};

export function typedSpan(text: string, type: AnswerType): string | undefined {
  const re = TYPED[type];
  if (!re) return undefined;
  return re.exec(text)?.[0];
}

/** Words that mark a sentence as a list's opening: the items follow it. */
const LIST_OPENING = /(?:包括|如下|分为|主要有|有以下|以下|下列|[：:])\s*$/u;

/**
 * The items of a list that opens at `index`: the sentences that follow it and start with an
 * enumeration mark (（一）, 1., 一是 …), each cut to its lead phrase, up to the next heading of
 * the level above. Empty when nothing list-like follows.
 */
export function listAfter(
  sentences: readonly Sentence[],
  index: number,
  max = 10,
): Array<{ lead: string; sentence: Sentence; level: number }> {
  const items: Array<{ lead: string; sentence: Sentence; level: number }> = [];
  const raw = (s: Sentence) => s.text;
  let mark: string | undefined;
  for (let i = index + 1; i < sentences.length && items.length < max; i++) {
    const s = sentences[i]!;
    const m = ITEM_MARK.exec(raw(s));
    if (!m) {
      // Body text of the previous item continues it; a new plain heading ends the list.
      if (s.isHeading && items.length) break;
      if (!items.length && i - index > 2) break;
      continue;
    }
    const kind = markKind(m[0]);
    mark ??= kind;
    if (kind !== mark) {
      if (items.length && levelOf(kind) < levelOf(mark)) break;
      continue;
    }
    items.push({ lead: leadOf(s.text.slice(m[0].length)), sentence: s, level: levelOf(kind) });
  }
  return items;
}

function markKind(mark: string): string {
  const m = mark.trim();
  if (/^[（(]/.test(m)) return 'paren';
  if (/^[一二三四五六七八九十]{1,3}[、.．]/.test(m)) return 'han';
  if (/^\d/.test(m)) return 'digit';
  if (/^[①-⑳]/.test(m)) return 'circle';
  if (/是$/.test(m)) return 'shi';
  if (/^第/.test(m)) return 'ordinal';
  if (/^#/.test(m)) return 'hash';
  if (/^\*\*/.test(m)) return 'bold';
  if (/[：:]$/.test(m)) return 'named';
  return 'bullet';
}

/** Outer list levels first: 一、 above （一） above 1. above ①. */
function levelOf(kind: string): number {
  return ['hash', 'han', 'paren', 'digit', 'circle', 'shi', 'ordinal', 'named', 'bold', 'bullet'].indexOf(
    kind,
  );
}

/** An item's name: its text up to the first full stop or colon, or its first clause when long. */
export function leadOf(text: string): string {
  const t = text.replace(/^\s*[（(]?[一二三四五六七八九十\d]{1,3}[）)、.．]?\s*/u, '').trim();
  const stop = t.search(/[。：:！？]/u);
  const lead = stop > 0 ? t.slice(0, stop) : t;
  return lead.length <= 40
    ? lead
    : lead.slice(0, lead.search(/[，,；;]/u) > 0 ? lead.search(/[，,；;]/u) : 40);
}

export function opensList(text: string): boolean {
  return LIST_OPENING.test(text);
}

/** Boilerplate a quote should never be: covering notes, sign-offs, fiction notices. */
export const BOILERPLATE =
  /通知如下|现将.{0,40}(?:印发|转发)给你们|特此通知|请遵照执行|请认真贯彻|抄送|均为虚构|纯属虚构|示例数据|以上内容为演示|此件(?:公开|不公开|依申请公开)发布/u;
