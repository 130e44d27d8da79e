import { headingOf } from './headings.js';

/**
 * Chinese-aware chunking. Text is cut into sentences (。！？； and English sentence ends), never
 * inside one; sentences are packed into chunks of about `targetChars`, a new chunk starts at
 * each section heading (一、 （一） 1. 第X条 #), and consecutive chunks of one section overlap by
 * whole sentences. Each chunk keeps its section path (title › 三、… › （一）…) and its offsets
 * into the cleaned text, so hits can cite and highlight exactly.
 */
export interface Chunk {
  seq: number;
  start: number;
  end: number;
  text: string;
  section: string[];
}

export interface ChunkOptions {
  targetChars?: number;
  maxChars?: number;
  minChars?: number;
  overlapChars?: number;
}

interface Unit {
  start: number;
  end: number;
  section: string[];
  /** A section heading opens here: the chunk before it may end. */
  opens: boolean;
}

// A sentence ends at 。！？； (or !?; ) plus closing quotes, or at an English period before a space.
const SENTENCE = /[^。！？；!?;\n]*?(?:[。！？；!?;]+[”’"」』）)]*|\.(?=\s+[A-Z\u4e00-\u9fa5"“])|$)/gy;
const CLAUSE = /[，,、：:]/g;

export function chunkText(text: string, title: string, options: ChunkOptions = {}): Chunk[] {
  const max = options.maxChars ?? 600;
  const target = options.targetChars ?? 450;
  const min = options.minChars ?? 150;
  const overlap = options.overlapChars ?? 120;
  const units = sentenceUnits(text, title, max);
  const chunks: Chunk[] = [];
  let current: Unit[] = [];
  let fresh = 0;
  const size = (us: Unit[]) => (us.length ? us[us.length - 1]!.end - us[0]!.start : 0);
  const flush = (withOverlap: boolean) => {
    if (fresh === 0) {
      if (!withOverlap) current = [];
      return;
    }
    const first = current[current.length - fresh]!;
    chunks.push({
      seq: chunks.length,
      start: current[0]!.start,
      end: current[current.length - 1]!.end,
      text: text.slice(current[0]!.start, current[current.length - 1]!.end),
      section: first.section,
    });
    const kept: Unit[] = [];
    if (withOverlap) {
      for (let i = current.length - 1; i > 0; i--) {
        const candidate = [current[i]!, ...kept];
        if (size(candidate) > overlap) break;
        kept.unshift(current[i]!);
      }
    }
    current = kept;
    fresh = 0;
  };
  for (const unit of units) {
    const grown = current.length ? unit.end - current[0]!.start : unit.end - unit.start;
    if (unit.opens && size(current) >= min) flush(false);
    else if (grown > max || (size(current) >= target && fresh > 0)) flush(!unit.opens);
    current.push(unit);
    fresh++;
  }
  flush(false);
  return chunks;
}

function sentenceUnits(text: string, title: string, max: number): Unit[] {
  const units: Unit[] = [];
  const stack: Array<{ rank: number; label: string }> = [];
  let offset = 0;
  for (const line of text.split('\n')) {
    const lineStart = offset;
    offset += line.length + 1;
    if (!line.trim()) continue;
    const heading = headingOf(line);
    if (heading && heading.label !== title) {
      while (stack.length && stack[stack.length - 1]!.rank >= heading.rank) stack.pop();
      stack.push(heading);
    }
    const section = [title, ...stack.map((h) => h.label)];
    let first = true;
    for (const [s, e] of sentences(line)) {
      for (const [a, b] of splitLong(line, s, e, max)) {
        units.push({
          start: lineStart + a,
          end: lineStart + b,
          section,
          opens: first && heading !== undefined,
        });
        first = false;
      }
    }
  }
  return units;
}

/** Sentence spans within a line, trimmed of surrounding spaces. */
function sentences(line: string): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  SENTENCE.lastIndex = 0;
  while (SENTENCE.lastIndex < line.length) {
    const at = SENTENCE.lastIndex;
    const m = SENTENCE.exec(line);
    if (!m || m[0].length === 0) {
      SENTENCE.lastIndex = at + 1;
      continue;
    }
    let s = at;
    let e = at + m[0].length;
    while (s < e && /\s/.test(line[s]!)) s++;
    while (e > s && /\s/.test(line[e - 1]!)) e--;
    if (e > s) spans.push([s, e]);
  }
  return spans;
}

/** A sentence longer than a chunk is cut at clause marks, and only as a last resort anywhere. */
function splitLong(line: string, s: number, e: number, max: number): Array<[number, number]> {
  if (e - s <= max) return [[s, e]];
  const out: Array<[number, number]> = [];
  let from = s;
  while (e - from > max) {
    let cut = -1;
    CLAUSE.lastIndex = from;
    for (let m = CLAUSE.exec(line); m && m.index < from + max; m = CLAUSE.exec(line)) cut = m.index + 1;
    if (cut <= from + max / 4) cut = from + max;
    out.push([from, cut]);
    from = cut;
  }
  out.push([from, e]);
  return out;
}
