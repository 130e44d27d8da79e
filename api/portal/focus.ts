import type { GraphNode, NodeType, Principal } from '../../knowledge-graph/schema/index.js';
import type { GraphStore } from '../../knowledge-graph/store/port.js';

/** What the cockpit can centre on, picked by name. */
export const FOCUS_TYPES = [
  'Product',
  'Enterprise',
  'Region',
  'Industry',
] as const satisfies readonly NodeType[];
export type FocusType = (typeof FOCUS_TYPES)[number];

export interface Named {
  id: string;
  type: FocusType;
  name: string;
}

export type Resolved =
  | { kind: 'found'; node: Named }
  | { kind: 'ambiguous'; candidates: Named[] }
  | { kind: 'missing' };

const named = (n: GraphNode): Named => ({ id: n.id, type: n.type as FocusType, name: n.name });

/**
 * The node a typed name means, or the candidates to choose from, as values the page shows in its
 * own language (the engine's resolver throws English messages). An id from a suggestion or a
 * link is taken as it is.
 */
export async function resolveFocus(
  graph: GraphStore,
  text: string,
  principal: Principal,
  types: readonly FocusType[] = FOCUS_TYPES,
): Promise<Resolved> {
  const query = text.trim();
  if (/^[a-z]+:/.test(query)) {
    const byId = await graph.getNode(query, principal);
    if (byId && (types as readonly NodeType[]).includes(byId.type))
      return { kind: 'found', node: named(byId) };
  }
  for (const mode of ['exact', 'normalised', 'prefix'] as const) {
    const found = await graph.findNodes({ text: query, mode, types, limit: 12 }, principal);
    if (found.length === 0) continue;
    // A product and its producer may share a name (an enterprise named for its product): the
    // earlier type in `types` wins, as the engine's resolver prefers chain records.
    const first = types.find((t) => found.some((n) => n.type === t))!;
    const ofType = found.filter((n) => n.type === first);
    if (ofType.length === 1) return { kind: 'found', node: named(ofType[0]!) };
    const strong = ofType.filter((n) => n.provenance.some((p) => (p.confidence ?? 1) >= 1));
    if (strong.length === 1) return { kind: 'found', node: named(strong[0]!) };
    return { kind: 'ambiguous', candidates: found.map(named) };
  }
  return { kind: 'missing' };
}

/** Names starting with what was typed, for the pickers' suggestion lists. */
export async function suggestNames(
  graph: GraphStore,
  text: string,
  principal: Principal,
  types: readonly FocusType[],
  limit = 12,
): Promise<Named[]> {
  const query = text.trim();
  if (!query) return [];
  const seen = new Set<string>();
  const out: Named[] = [];
  for (const mode of ['exact', 'prefix'] as const) {
    for (const n of await graph.findNodes({ text: query, mode, types, limit }, principal)) {
      if (seen.has(n.id)) continue;
      seen.add(n.id);
      out.push(named(n));
    }
  }
  return out.slice(0, limit);
}
