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
    const mentions: EntityMention[] = [];
    let coveredTo = 0;
    let last: EntityMention | undefined;
    for (const m of this.findAll(text)) {
      if (m.start < coveredTo && !(last && m.start === last.start && m.end === last.end)) continue;
      coveredTo = m.end;
      last = m;
      mentions.push(m);
    }
    return mentions;
  }

  /** Every match in `text`, overlapping ones too, by start and then longest first. */
  findAll(text: string): EntityMention[] {
    const { folded, origin } = foldWithOffsets(text);
    const raw: Array<{ ids: string[]; start: number; end: number }> = [];
    let s = 0;
    for (let i = 0; i < folded.length; i++) {
      const ch = folded[i]!;
      while (s !== 0 && !this.states[s]!.next.has(ch)) s = this.states[s]!.fail;
      s = this.states[s]!.next.get(ch) ?? 0;
      const byLength = new Map<number, string[]>();
      for (const [id, length] of this.states[s]!.out)
        byLength.set(length, [...(byLength.get(length) ?? []), id]);
      for (const [length, ids] of byLength) raw.push({ ids, start: i - length + 1, end: i + 1 });
    }
    raw.sort((a, b) => a.start - b.start || b.end - a.end);
    return raw.flatMap((m) => {
      const start = origin[m.start]!;
      const last = origin[m.end - 1]!;
      const end = last + (text.codePointAt(last)! > 0xffff ? 2 : 1);
      return m.ids.map((id) => ({ id, text: text.slice(start, end), start, end }));
    });
  }
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
