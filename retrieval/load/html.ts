/**
 * HTML to plain text that keeps the structure chunking needs: block elements end lines, headings
 * become `#` lines, scripts, styles and navigation chrome are dropped.
 */
const DROP = /<(script|style|noscript|template|svg|nav|footer|header)\b[\s\S]*?<\/\1\s*>/gi;
const COMMENT = /<!--[\s\S]*?-->/g;
const HEADING = /<h([1-6])\b[^>]*>([\s\S]*?)<\/h\1\s*>/gi;
const BLOCK_END =
  /<\/(p|div|li|tr|table|section|article|blockquote|pre|ul|ol|dd|dt)\s*>|<br\s*\/?>|<hr\s*\/?>/gi;
const CELL_END = /<\/t[dh]\s*>/gi;
const TAG = /<[^>]+>/g;

const NAMED: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  ensp: ' ',
  emsp: ' ',
  middot: '·',
  ldquo: '“',
  rdquo: '”',
  hellip: '…',
  mdash: '—',
};

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code =
        name[1] === 'x' || name[1] === 'X'
          ? Number.parseInt(name.slice(2), 16)
          : Number.parseInt(name.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code < 0x110000 ? String.fromCodePoint(code) : whole;
    }
    return NAMED[name.toLowerCase()] ?? whole;
  });
}

export function htmlTitle(html: string): string | undefined {
  const title = /<title\b[^>]*>([\s\S]*?)<\/title\s*>/i.exec(html)?.[1];
  const text = title ? decodeEntities(title.replace(TAG, '')).trim() : '';
  return text || undefined;
}

export function htmlToText(html: string): string {
  const body =
    /<body\b[^>]*>([\s\S]*)<\/body\s*>/i.exec(html)?.[1] ?? html.replace(/<head\b[\s\S]*?<\/head\s*>/i, '');
  const text = body
    .replace(COMMENT, '')
    .replace(DROP, '')
    .replace(
      HEADING,
      (_, level: string, inner: string) =>
        `\n${'#'.repeat(Number(level))} ${inner.replace(TAG, '').trim()}\n`,
    )
    .replace(CELL_END, '\t')
    .replace(BLOCK_END, '\n')
    .replace(TAG, '');
  return decodeEntities(text);
}
