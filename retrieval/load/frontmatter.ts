/**
 * YAML front matter of the demo policy documents: flat `key: value` pairs, inline `[a, b]` lists
 * and `- item` lists. Nested mappings are not needed by any loader, so they are not parsed.
 */
export interface FrontMatter {
  data: Record<string, string | string[]>;
  /** The document after the closing `---`. */
  body: string;
  /** Characters removed from the start, so offsets into `body` can be mapped back. */
  offset: number;
}

const FENCE = /^---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/;

export function parseFrontMatter(text: string): FrontMatter {
  const match = FENCE.exec(text);
  if (!match) return { data: {}, body: text, offset: 0 };
  const data: Record<string, string | string[]> = {};
  let listKey: string | undefined;
  for (const raw of match[1]!.split(/\r?\n/)) {
    const line = raw.replace(/\s+#.*$/, '');
    if (!line.trim()) continue;
    const item = /^\s+-\s*(.*)$/.exec(line) ?? /^-\s*(.*)$/.exec(line);
    if (item && listKey) {
      const list = data[listKey];
      data[listKey] = [...(Array.isArray(list) ? list : []), unquote(item[1]!)];
      continue;
    }
    const pair = /^([A-Za-z_][\w-]*)\s*:\s*(.*)$/.exec(line);
    if (!pair) continue;
    const [, key, value] = pair as unknown as [string, string, string];
    listKey = key;
    const inline = /^\[(.*)\]$/.exec(value.trim());
    data[key] = inline
      ? inline[1]!
          .split(',')
          .map((s) => unquote(s))
          .filter(Boolean)
      : value.trim() === ''
        ? []
        : unquote(value);
  }
  return { data, body: text.slice(match[0].length), offset: match[0].length };
}

function unquote(value: string): string {
  const v = value.trim();
  if ((v.startsWith('"') && v.endsWith('"')) || (v.startsWith("'") && v.endsWith("'"))) return v.slice(1, -1);
  return v;
}
