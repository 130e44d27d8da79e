import { isHeading } from './headings.js';

/**
 * Removes layout noise from extracted text: page numbers, headers and footers repeated on every
 * page, indentation, runs of blank lines, and line breaks inside a sentence (PDF and fixed-width
 * text wrap lines wherever the page ended).
 */
const PAGE_NUMBER = [
  /^[-—－–·\s]*\d{1,4}[-—－–·\s]*$/,
  /^第\s*\d+\s*页(\s*[，,/]?\s*共\s*\d+\s*页)?$/,
  /^page\s+\d+(\s+of\s+\d+)?$/i,
  /^\d{1,4}\s*\/\s*\d{1,4}$/,
];
// A line ending in one of these closes a sentence, a clause list or a heading label.
const LINE_END = /[。！？；：!?;:」』”"）)】…—]$|^\|.*\|$/;
const LIST_START = /^([-*•·]\s|\d+[.．、)]|[（(][一二三四五六七八九十\d]+[）)]|附件|图\s*\d|表\s*\d)/;

export function cleanText(raw: string): string {
  let text = raw
    .replace(/\r\n?/g, '\n')
    .replace(/[\u00a0\u2002\u2003\u3000]/g, ' ')
    .replace(/[\u200b\ufeff]/g, '');
  text = removeRepeatedPageLines(text);
  const lines = text
    .split('\n')
    .map((line) => line.replace(/\s+$/, '').replace(/^[ \t]+/, ''))
    .filter((line) => !PAGE_NUMBER.some((re) => re.test(line)));
  return joinBrokenLines(lines)
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** Lines found at the top or bottom of most pages (running headers, footers) are dropped. */
function removeRepeatedPageLines(text: string): string {
  const pages = text.split('\f');
  if (pages.length < 3) return text.replace(/\f/g, '\n');
  const seen = new Map<string, number>();
  for (const page of pages) {
    const lines = page
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean);
    const edges = new Set([...lines.slice(0, 2), ...lines.slice(-2)].map(digitless));
    for (const line of edges) if (line.length <= 60) seen.set(line, (seen.get(line) ?? 0) + 1);
  }
  const threshold = Math.max(3, Math.ceil(pages.length / 2));
  const repeated = new Set([...seen].filter(([, n]) => n >= threshold).map(([line]) => line));
  if (repeated.size === 0) return pages.join('\n');
  return pages
    .map((page) =>
      page
        .split('\n')
        .filter((line) => !repeated.has(digitless(line.trim())))
        .join('\n'),
    )
    .join('\n');
}

// Footers often carry the page number ("某某委员会 第3页"), so compare lines with digits masked.
function digitless(line: string): string {
  return line.replace(/\d+/g, '#');
}

function joinBrokenLines(lines: string[]): string[] {
  const out: string[] = [];
  for (const line of lines) {
    const prev = out[out.length - 1];
    if (prev !== undefined && line !== '' && continues(prev, line)) {
      out[out.length - 1] = joinPair(prev, line);
    } else {
      out.push(line);
    }
  }
  return out;
}

function continues(prev: string, next: string): boolean {
  if (prev === '' || prev.length < 15) return false;
  if (LINE_END.test(prev) || isHeading(prev) || prev.startsWith('#')) return false;
  if (isHeading(next) || LIST_START.test(next) || next.startsWith('#') || next.startsWith('|')) return false;
  return true;
}

function joinPair(prev: string, next: string): string {
  if (/[A-Za-z]-$/.test(prev) && /^[a-z]/.test(next)) return prev.slice(0, -1) + next;
  if (/[A-Za-z0-9,.]$/.test(prev) && /^[A-Za-z0-9]/.test(next)) return `${prev} ${next}`;
  return prev + next;
}
