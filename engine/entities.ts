import type { GraphNode, NodeType, Principal } from '../knowledge-graph/schema/index.js';
import type { GraphStore } from '../knowledge-graph/store/port.js';
import { UserError } from './errors.js';

/**
 * The one node a user means by a name, id, alias or stock code: an id or exact name first, then
 * the normalised name, then a unique prefix. Several candidates of equal standing is a question
 * back to the user, listing them.
 */
export async function resolveEntity(
  graph: GraphStore,
  text: string,
  principal: Principal,
  types?: readonly NodeType[],
): Promise<GraphNode> {
  const query = text.trim();
  if (!query) throw new UserError('give an entity name, alias, stock code or id');
  if (/^[a-z]+:/.test(query)) {
    const byId = await graph.getNode(query, principal);
    if (byId && (!types || types.includes(byId.type))) return byId;
  }
  for (const mode of ['exact', 'normalised', 'prefix'] as const) {
    const found = await graph.findNodes({ text: query, mode, types, limit: 8 }, principal);
    if (found.length === 1) return found[0]!;
    if (found.length > 1) {
      const preferred = pickPreferred(found);
      if (preferred) return preferred;
      const list = found.map((n) => `${n.name} (${n.id})`).join(', ');
      throw new UserError(
        `"${query}" names several entities: ${list}; use an id or a fuller name`,
        'conflict',
      );
    }
  }
  throw new UserError(
    `no entity named "${query}"${types ? ` of type ${types.join('/')}` : ''}; check the spelling or import the data first`,
    'not-found',
  );
}

// Listed enterprises and chain products outrank same-named entities seen only in news (ICKG).
function pickPreferred(nodes: readonly GraphNode[]): GraphNode | undefined {
  const strong = nodes.filter((n) => n.provenance.some((p) => (p.confidence ?? 1) >= 1));
  return strong.length === 1 ? strong[0] : undefined;
}
