import type { GraphEdge, GraphNode, Provenance } from '../schema/index.js';

/**
 * How a write meets what is stored: aliases and provenance accumulate (one provenance entry per
 * source record, the first ingestion kept so re-imports change nothing), props are overlaid by
 * the incoming values, name and visibility are the incoming ones. Across a change of visibility
 * nothing accumulates: the incoming record replaces the stored one whole, so facts shared under
 * one visibility (a private contract price, a private alias) never surface under another.
 */
export function mergeProvenance(
  existing: readonly Provenance[],
  incoming: readonly Provenance[],
): Provenance[] {
  const seen = new Set(existing.map((p) => `${p.source}\u0000${p.record}`));
  const merged = [...existing];
  for (const p of incoming) {
    const key = `${p.source}\u0000${p.record}`;
    if (!seen.has(key)) {
      seen.add(key);
      merged.push(p);
    }
  }
  return merged;
}

export function mergeNode(existing: GraphNode, incoming: GraphNode): GraphNode {
  if (existing.visibility !== incoming.visibility) return incoming;
  const aliases = new Set([...existing.aliases, ...incoming.aliases]);
  if (existing.name !== incoming.name) aliases.add(existing.name);
  aliases.delete(incoming.name);
  return {
    ...incoming,
    aliases: [...aliases],
    props: { ...existing.props, ...incoming.props },
    provenance: mergeProvenance(existing.provenance, incoming.provenance),
  } as GraphNode;
}

export function mergeEdge(existing: GraphEdge, incoming: GraphEdge): GraphEdge {
  if (existing.visibility !== incoming.visibility) return incoming;
  return {
    ...incoming,
    props: { ...existing.props, ...incoming.props },
    provenance: mergeProvenance(existing.provenance, incoming.provenance),
  };
}
