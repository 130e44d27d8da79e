import {
  type EdgeType,
  edgeId,
  type GraphEdge,
  type GraphNode,
  type NodeType,
  nodeId,
  type Visibility,
} from '../schema/index.js';

/** Small builders for hand-made graphs in tests and benchmarks. */
const INGESTED = '2026-01-01T00:00:00.000Z';

export function node(
  type: NodeType,
  name: string,
  extra: {
    key?: string;
    aliases?: string[];
    props?: Record<string, unknown>;
    visibility?: Visibility;
    source?: string;
  } = {},
): GraphNode {
  return {
    id: nodeId(type, extra.key ?? name),
    type,
    name,
    aliases: extra.aliases ?? [],
    props: type === 'Series' ? { kind: 'other', frequency: 'monthly', ...extra.props } : (extra.props ?? {}),
    provenance: [
      { source: extra.source ?? 'test', record: `${type}:${name}`, ingestedAt: INGESTED, confidence: 1 },
    ],
    visibility: extra.visibility ?? 'public',
  } as GraphNode;
}

export function edge(
  type: EdgeType,
  from: GraphNode | string,
  to: GraphNode | string,
  extra: { props?: GraphEdge['props']; visibility?: Visibility; source?: string } = {},
): GraphEdge {
  const a = typeof from === 'string' ? from : from.id;
  const b = typeof to === 'string' ? to : to.id;
  return {
    id: edgeId(type, a, b),
    type,
    from: a,
    to: b,
    props: extra.props ?? {},
    provenance: [
      { source: extra.source ?? 'test', record: `${type}:${a}->${b}`, ingestedAt: INGESTED, confidence: 1 },
    ],
    visibility: extra.visibility ?? 'public',
  };
}
