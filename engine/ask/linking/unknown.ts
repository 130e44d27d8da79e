import type { LinkedEntity } from '../schema.js';

/** Words that end company names; matched alone after other Han characters they are part of an unknown name. */
const NAME_ENDINGS = ['股份有限公司', '有限责任公司', '有限公司', '集团', '股份', '科技', '控股', '实业'];
const STOP_CHARS = /[的和与及是在了吗呢把被从向给对为其该这那哪些有个家啥谁]/u;

interface Span {
  text: string;
  start: number;
  end: number;
}

/** The Han characters a name ending follows, back to a stop character (at most 12). */
function nameBefore(text: string, at: number): number {
  let start = at;
  while (
    start > 0 &&
    at - start < 12 &&
    /\p{Script=Han}/u.test(text[start - 1]!) &&
    !STOP_CHARS.test(text[start - 1]!)
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
): { entities: LinkedEntity[]; unknown: Span[] } {
  const unknown: Span[] = [];
  const dropped = new Set<LinkedEntity>();
  for (const ending of NAME_ENDINGS) {
    for (let at = text.indexOf(ending); at >= 0; at = text.indexOf(ending, at + 1)) {
      const end = at + ending.length;
      const inside = entities.find(
        (e) => e.start <= at && end <= e.end && !(e.start === at && e.end === end),
      );
      if (inside || unknown.some((u) => u.start <= at && end <= u.end)) continue;
      const start = nameBefore(text, at);
      if (at - start < 2) continue;
      const covering = entities.filter((e) => e.start < end && start < e.end);
      // A known company before the ending ("京东方科技") leaves nothing unknown; a region, a product
      // or the bare ending inside an unknown registered name (浙江…齿轮股份有限公司) is part of it.
      if (covering.some((e) => e.type === 'Enterprise' && e.end === at)) continue;
      for (const e of covering) dropped.add(e);
      unknown.push({ text: text.slice(start, end), start, end });
    }
  }
  return {
    entities: entities.filter((e) => !dropped.has(e)),
    unknown: unknown.sort((a, b) => a.start - b.start),
  };
}
