import { inferRegion } from '../../../knowledge-graph/resolve/region.js';
import type { LinkedEntity } from '../schema.js';
import { isQuestionWord } from './common-words.js';

/** Words that qualify a product without naming another one: where it trades, who uses it, what is done with it. */
const MODIFIERS =
  /^(?:[一二两三四五六七八九十几多数每各那这哪]+[种类个家项批份条位块]?|那几种|这几种|哪几种|申万|行业|国际|国内|全球|全国|中国|国产|进口|出口|现货|期货|伦敦|纽约|上海|主要|相关|这种|那种|这类|那类|哪种|哪类|生产|使用|采购|制造|加工|销售|供应|需要|用于|用到|做|卖|买|有关|关于|所有|全部|其他|上游|下游|产业链|演示|重点|关键|核心|新型|传统)$/u;

/** Words that end company names; matched alone after other Han characters they are part of an unknown name. */
const NAME_ENDINGS = ['股份有限公司', '有限责任公司', '有限公司', '集团', '股份', '科技', '控股', '实业'];
const STOP_CHARS = /[的和与及是在了吗呢把被从向给对为其该这那哪些有个家啥谁]/u;
/** Words between a company and what it owns ("小米旗下控股…"): a name does not run back across them. */
const OWNING = /(?:旗下|名下|下属|所属)$/u;

interface Span {
  text: string;
  start: number;
  end: number;
  /** Names the data does hold inside the unknown one (电池 in 固态电池): what is near. */
  near?: string[];
}

/** The Han characters a name ending follows, back to a stop character or a company name (at most 12). */
function nameBefore(text: string, at: number, entities: readonly LinkedEntity[]): number {
  let start = at;
  while (
    start > 0 &&
    at - start < 12 &&
    /\p{Script=Han}/u.test(text[start - 1]!) &&
    !STOP_CHARS.test(text[start - 1]!) &&
    !OWNING.test(text.slice(0, start)) &&
    !entities.some((e) => e.end === start && e.type === 'Enterprise')
  )
    start--;
  return start;
}

/**
 * "星辰科技" is an unknown company, not the chain product 科技: a name ending right after Han
 * characters no entity covers makes the whole run an unknown name, and an entity that is only the
 * ending (科技, 汽车) is dropped in its favour. A registered name (…股份有限公司) that matched
 * nothing is unknown however it starts.
 */
export function unknownNames(
  text: string,
  entities: readonly LinkedEntity[],
  isHead: (e: LinkedEntity) => boolean,
  words: ReadonlyArray<{ start: number; end: number }>,
): { entities: LinkedEntity[]; unknown: Span[] } {
  const unknown: Span[] = [];
  const dropped = new Set<LinkedEntity>();
  // "钙钛矿电池": a product name other names end with (电池), right after a word that is neither a
  // name we know nor an ordinary modifier, names a product the data does not hold — not 电池.
  for (const e of entities) {
    if (!isHead(e)) continue;
    // "固态电池" with 固态 a revenue line of its own: two product names run together with nothing
    // between are one compound the data does not hold, not two things asked about.
    const joined = entities.find(
      (o) =>
        o.end === e.start &&
        o.type === 'Product' &&
        /^\p{Script=Han}{2,}$/u.test(text.slice(o.start, o.end)) &&
        !MODIFIERS.test(text.slice(o.start, o.end)) &&
        !inferRegion(text.slice(o.start, o.end)),
    );
    if (joined) {
      dropped.add(joined).add(e);
      // A match cut out of a longer word (钛矿 in 钙钛矿) is not near; the word is part of the name.
      const cut = words.find((w) => w.start < joined.start && joined.start < w.end);
      const start = cut?.start ?? joined.start;
      unknown.push({
        text: text.slice(start, e.end),
        start,
        end: e.end,
        near: cut ? [e.name] : [e.name, joined.name],
      });
      continue;
    }
    // The word before it: one ending where the name starts, or one the name's own match cut into
    // (钙钛矿 around a matched 钛矿).
    const word = words.find((w) => w.end === e.start && w.end - w.start >= 2);
    if (!word || entities.some((o) => o.start === word.start && o.end === e.start)) continue;
    const modifier = text.slice(word.start, word.end);
    if (
      !/^\p{Script=Han}+$/u.test(modifier) ||
      STOP_CHARS.test(modifier) ||
      isQuestionWord(modifier) ||
      MODIFIERS.test(modifier) ||
      inferRegion(modifier)
    )
      continue;
    for (const o of entities) if (o.start >= word.start && o.end <= e.end) dropped.add(o);
    unknown.push({ text: text.slice(word.start, e.end), start: word.start, end: e.end, near: [e.name] });
  }
  for (const ending of NAME_ENDINGS) {
    for (let at = text.indexOf(ending); at >= 0; at = text.indexOf(ending, at + 1)) {
      const end = at + ending.length;
      const inside = entities.find(
        (e) => e.start <= at && end <= e.end && !(e.start === at && e.end === end),
      );
      if (inside || unknown.some((u) => u.start <= at && end <= u.end)) continue;
      const start = nameBefore(text, at, entities);
      if (at - start < 2) continue;
      const covering = entities.filter((e) => e.start < end && start < e.end);
      // A known company before the ending ("京东方科技") leaves nothing unknown; a region, a product
      // or the bare ending inside an unknown registered name (浙江…齿轮股份有限公司) is part of it.
      if (
        covering.some(
          (e) =>
            (e.type === 'Enterprise' || e.alternatives.some((a) => a.type === 'Enterprise')) && e.end === at,
        )
      )
        continue;
      for (const e of covering) dropped.add(e);
      unknown.push({ text: text.slice(start, end), start, end });
    }
  }
  return {
    entities: entities.filter((e) => !dropped.has(e)),
    unknown: unknown.sort((a, b) => a.start - b.start),
  };
}
