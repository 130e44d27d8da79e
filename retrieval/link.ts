import { foldName } from '../knowledge-graph/resolve/normalise.js';

/**
 * Entity linking by a dictionary automaton (Aho-Corasick) over the graph's names and aliases.
 * Names and text are folded the same way (`foldName`: width, case, punctuation, spaces), so
 * 宗申动力 matches 宗申 动力 and ＡＢＣ matches abc; matches are mapped back to offsets in the
 * original text. Overlapping matches resolve to the longest, leftmost.
 */
export interface DictionaryEntry {
  id: string;
  name: string;
  aliases?: readonly string[];
}

export interface EntityMention {
  id: string;
  /** The surface form in the text. */
  text: string;
  start: number;
  end: number;
}

interface State {
  next: Map<string, number>;
  fail: number;
  /** [entity ids, folded length] of names ending here, including via fail links. */
  out: Array<[string, number]>;
}

// Single characters (and 2-char generic words like 公司) would link almost everywhere.
const MIN_FOLDED_LENGTH = 2;

export class EntityLinker {
  private readonly states: State[] = [{ next: new Map(), fail: 0, out: [] }];
  readonly size: number;

  constructor(entries: Iterable<DictionaryEntry>) {
    let size = 0;
    for (const entry of entries) {
      for (const name of new Set([entry.name, ...(entry.aliases ?? [])])) {
        const key = Array.from(foldName(name));
        if (key.length < MIN_FOLDED_LENGTH || /^\d+$/.test(key.join(''))) continue;
        this.add(key, entry.id);
        size++;
      }
    }
    this.size = size;
    this.build();
  }

  private add(chars: string[], id: string): void {
    let s = 0;
    for (const ch of chars) {
      let next = this.states[s]!.next.get(ch);
      if (next === undefined) {
        next = this.states.length;
        this.states.push({ next: new Map(), fail: 0, out: [] });
        this.states[s]!.next.set(ch, next);
      }
      s = next;
    }
    const out = this.states[s]!.out;
    if (!out.some(([e]) => e === id)) out.push([id, chars.length]);
  }

  private build(): void {
    const queue: number[] = [...this.states[0]!.next.values()];
    // An index, not queue.shift(): shifting a 700k-state queue made building the chainkg dictionary take ~40 s.
    for (let head = 0; head < queue.length; head++) {
      const s = queue[head]!;
      for (const [ch, t] of this.states[s]!.next) {
        let f = this.states[s]!.fail;
        while (f !== 0 && !this.states[f]!.next.has(ch)) f = this.states[f]!.fail;
        const target = this.states[f]!.next.get(ch);
        this.states[t]!.fail = target !== undefined && target !== t ? target : 0;
        this.states[t]!.out.push(...this.states[this.states[t]!.fail]!.out);
        queue.push(t);
      }
    }
  }

  /** Mentions in `text`, longest-leftmost, with offsets into `text`. */
  find(text: string): EntityMention[] {
    return resolveMentions(this.matches(text));
  }

  /** Every name occurrence in `text`, overlapping ones included, with offsets into `text`. */
  matches(text: string): NameMatch[] {
    const { folded, origin } = foldWithOffsets(text);
    const raw: NameMatch[] = [];
    let s = 0;
    for (let i = 0; i < folded.length; i++) {
      const ch = folded[i]!;
      while (s !== 0 && !this.states[s]!.next.has(ch)) s = this.states[s]!.fail;
      s = this.states[s]!.next.get(ch) ?? 0;
      const byLength = new Map<number, string[]>();
      for (const [id, length] of this.states[s]!.out)
        byLength.set(length, [...(byLength.get(length) ?? []), id]);
      for (const [length, ids] of byLength) {
        const start = origin[i - length + 1]!;
        const last = origin[i]!;
        const end = last + (text.codePointAt(last)! > 0xffff ? 2 : 1);
        raw.push({ ids, start, end, text: text.slice(start, end) });
      }
    }
    return raw;
  }
}

/** A name found in a text: the entities it names and where. */
export interface NameMatch {
  ids: string[];
  start: number;
  end: number;
  text: string;
}

/**
 * Overlapping matches (from one automaton or several) resolved longest-leftmost: a match is kept
 * unless it starts inside one already kept.
 */
export function resolveMentions(matches: readonly NameMatch[]): EntityMention[] {
  const sorted = [...matches].sort((a, b) => a.start - b.start || b.end - a.end);
  const mentions: EntityMention[] = [];
  let coveredTo = 0;
  let last: NameMatch | undefined;
  for (const m of sorted) {
    // The same span from two automata names entities of both.
    const same = last && last.start === m.start && last.end === m.end;
    if (m.start < coveredTo && !same) continue;
    coveredTo = m.end;
    last = m;
    for (const id of m.ids) {
      if (same && mentions.some((x) => x.id === id && x.start === m.start)) continue;
      mentions.push({ id, text: m.text, start: m.start, end: m.end });
    }
  }
  return mentions;
}

/** foldName applied character by character, remembering where each folded character came from. */
function foldWithOffsets(text: string): { folded: string[]; origin: number[] } {
  const folded: string[] = [];
  const origin: number[] = [];
  let at = 0;
  for (const ch of text) {
    for (const f of foldName(ch)) {
      folded.push(f);
      origin.push(at);
    }
    at += ch.length;
  }
  return { folded, origin };
}
