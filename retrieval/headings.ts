/**
 * Heading patterns of Chinese official documents and Markdown. `rank` orders them: a heading
 * closes every open section of equal or deeper rank (一、 closes （一）, which closes 1.).
 */
export interface Heading {
  rank: number;
  /** The label kept in a chunk's section path, e.g. `三、行业大脑建设内容` or `（一）行业数据仓`. */
  label: string;
}

const CN_NUM = '[一二三四五六七八九十百零〇两]+';
const PATTERNS: ReadonlyArray<{ rank: number; re: RegExp }> = [
  { rank: 1, re: new RegExp(`^第${CN_NUM}章`) },
  { rank: 2, re: new RegExp(`^第${CN_NUM}节`) },
  { rank: 3, re: new RegExp(`^${CN_NUM}、`) },
  { rank: 4, re: new RegExp(`^[（(]${CN_NUM}[）)]`) },
  { rank: 5, re: /^\d{1,2}[.．、](?!\d)/ },
  { rank: 6, re: new RegExp(`^第${CN_NUM}条`) },
  { rank: 7, re: /^[（(]\d{1,2}[）)]/ },
];
const MARKDOWN = /^(#{1,6})\s+(.*)$/;
const MAX_LABEL = 30;

/** The heading a line starts with, or undefined for body text. */
export function headingOf(line: string): Heading | undefined {
  const md = MARKDOWN.exec(line);
  const text = (md ? md[2]! : line).replace(/\*\*/g, '').trim();
  if (!text) return undefined;
  const cn = PATTERNS.find((p) => p.re.test(text));
  if (cn) {
    // Numbered items that are whole paragraphs keep only their lead-in (up to 。 or ：) as label.
    const lead = /^[^。：:！？；]*/.exec(text)![0];
    if (!md && lead.length > MAX_LABEL && cn.rank >= 5) return undefined;
    return { rank: cn.rank, label: truncate(lead) };
  }
  if (md) return { rank: md[1]!.length - 0.5, label: truncate(text) };
  return undefined;
}

export function isHeading(line: string): boolean {
  const heading = headingOf(line);
  // A long paragraph that merely starts with （一） still counts: it begins a new item.
  return heading !== undefined;
}

function truncate(text: string): string {
  const chars = Array.from(text);
  return chars.length > MAX_LABEL ? `${chars.slice(0, MAX_LABEL).join('')}…` : text;
}
