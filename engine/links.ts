import { type NodeType, nodeTypeOfId } from '../knowledge-graph/schema/index.js';

/**
 * Where the portal shows a thing: every name on every portal page and in briefings' HTML links here,
 * so the URL scheme lives in one place.
 */
const PROFILE: Partial<Record<NodeType, string>> = {
  Enterprise: '/enterprises',
  Product: '/products',
  Industry: '/industries',
  Region: '/regions',
};

/** The page of a graph node, or undefined for types without one. */
export function nodeHref(node: { id: string; type: NodeType }): string | undefined {
  const base = PROFILE[node.type];
  return base ? `${base}/${encodeURIComponent(node.id)}` : undefined;
}

/** The place a citation can be checked: the passage in its document, the record it was read from, or its series. */
export function citationHref(citation: {
  docId?: string | undefined;
  chunkId?: string | undefined;
  nodeId?: string | undefined;
  edgeId?: string | undefined;
  seriesId?: string | undefined;
}): string | undefined {
  if (citation.docId) {
    // A chunk id is `<document id>:<n>`; the viewer marks passage n as #chunk-n.
    const seq = citation.chunkId?.startsWith(`${citation.docId}:`)
      ? citation.chunkId.slice(citation.docId.length + 1)
      : undefined;
    const anchor = seq && /^\d+$/.test(seq) ? `#chunk-${seq}` : '';
    return `/documents/${encodeURIComponent(citation.docId)}${anchor}`;
  }
  if (citation.edgeId) return `/records/edge/${encodeURIComponent(citation.edgeId)}`;
  if (citation.nodeId) return `/records/node/${encodeURIComponent(citation.nodeId)}`;
  if (citation.seriesId) return `/series/${encodeURIComponent(citation.seriesId)}`;
  return undefined;
}

/** The page of a node known only by its id (`product:…`, `enterprise:…`). */
export function idHref(id: string): string | undefined {
  const type = nodeTypeOfId(id);
  return type ? nodeHref({ id, type }) : undefined;
}
