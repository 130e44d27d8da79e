import type { GraphEdge, GraphNode, NodeType, Principal } from '../knowledge-graph/schema/index.js';

/**
 * The part of the knowledge graph's store that retrieval uses, declared here so retrieval depends
 * on the schema only; the engine passes its GraphStore, which satisfies it.
 */
export interface GraphAccess {
  upsert(batch: { nodes?: readonly GraphNode[]; edges?: readonly GraphEdge[] }): Promise<unknown>;
  remove(ids: { nodes?: readonly string[]; edges?: readonly string[] }): Promise<unknown>;
  scanNodes(types: readonly NodeType[], principal: Principal): AsyncIterable<GraphNode>;
  getNodes(ids: readonly string[], principal: Principal): Promise<GraphNode[]>;
  /** Changes after every write to nodes of these types (see GraphStore.version). */
  version(nodeTypes?: readonly NodeType[]): Promise<number>;
}

/** Node types whose names and aliases feed the tokenizer's user dictionary and the entity linker. */
export const LINKED_TYPES: readonly NodeType[] = ['Enterprise', 'Product', 'Industry', 'Region', 'Policy'];
