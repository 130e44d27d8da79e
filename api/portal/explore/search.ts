import { askFor } from '../../../engine/ask/index.js';
import type { Engine } from '../../../engine/container.js';
import type { GraphNode, NodeType, Principal } from '../../../knowledge-graph/schema/index.js';
import type { Lang } from '../i18n.js';
import { nodeHref } from '../../../engine/links.js';
import { tx } from '../text/explore.js';
import { levelName } from './words.js';

/** What the explorer lets a user start from. */
export const SEARCHED: readonly NodeType[] = ['Product', 'Enterprise', 'Industry', 'Region'];

export interface SearchHit {
  id: string;
  name: string;
  type: NodeType;
  typeLabel: string;
  /** A second line that tells same-named hits apart (full name, code, level). */
  hint?: string;
  href?: string;
}

function hintOf(node: GraphNode, lang: Lang): string | undefined {
  const p = node.props as Record<string, unknown>;
  const parts = [p.fullName, p.code, levelName(p.level, lang)]
    .filter((x): x is string => typeof x === 'string' && x.length > 0 && x !== node.name)
    .slice(0, 2);
  return parts.length > 0 ? parts.join(' · ') : undefined;
}

const strong = (n: GraphNode) => n.provenance.some((p) => (p.confidence ?? 1) >= 1);

/**
 * Nodes a typed text may mean: the store's name index first (exact names, aliases and stock codes,
 * then normalised names, then names that start with it), then the ask layer's entity linking for
 * what the index cannot see (company short names, English names, one-character typos, a name
 * inside a longer phrase). Only what the principal may see is ever returned.
 */
export async function searchNodes(
  engine: Engine,
  text: string,
  principal: Principal,
  lang: Lang,
  limit: number,
): Promise<SearchHit[]> {
  const query = text.trim();
  const picked = new Map<string, GraphNode>();
  const take = (nodes: readonly GraphNode[]) => {
    const ordered = [...nodes].sort(
      (a, b) => Number(strong(b)) - Number(strong(a)) || SEARCHED.indexOf(a.type) - SEARCHED.indexOf(b.type),
    );
    for (const n of ordered) if (picked.size < limit && !picked.has(n.id)) picked.set(n.id, n);
  };
  for (const mode of ['exact', 'normalised'] as const)
    take(await engine.graph.findNodes({ text: query, mode, types: SEARCHED, limit }, principal));
  if (picked.size < limit) {
    const linked = await askFor(engine).link(query, principal);
    const ids = linked.filter((e) => SEARCHED.includes(e.type)).map((e) => e.id);
    take(await engine.graph.getNodes(ids, principal));
  }
  if (picked.size < limit)
    take(await engine.graph.findNodes({ text: query, mode: 'prefix', types: SEARCHED, limit }, principal));
  return [...picked.values()].map((n) => {
    const hit: SearchHit = { id: n.id, name: n.name, type: n.type, typeLabel: tx(lang, n.type) };
    const hint = hintOf(n, lang);
    if (hint) hit.hint = hint;
    const href = nodeHref(n);
    if (href) hit.href = href;
    return hit;
  });
}
