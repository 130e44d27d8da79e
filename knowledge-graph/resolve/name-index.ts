import type { GraphStore } from '../store/port.js';
import { type GraphNode, type NodeType, SYSTEM_PRINCIPAL } from '../schema/index.js';
import { normaliseName } from './normalise.js';

/**
 * Resolution keys of the graph's nodes held in memory for bulk imports: a name, alias or code
 * maps to the one node of a type it names. A key shared by two nodes is ambiguous and resolves
 * to none, so an import never merges two real entities by guesswork.
 */
export class NameIndex {
  private readonly keys = new Map<string, string | null>();

  /** `include` filters the nodes indexed, e.g. to leave out a dataset's own earlier import. */
  static async load(
    store: GraphStore,
    types: readonly NodeType[],
    include: (node: GraphNode) => boolean = () => true,
  ): Promise<Map<NodeType, NameIndex>> {
    const indexes = new Map<NodeType, NameIndex>(types.map((t) => [t, new NameIndex()]));
    for await (const node of store.scanNodes(types, SYSTEM_PRINCIPAL)) {
      if (!include(node)) continue;
      const index = indexes.get(node.type)!;
      const names = [node.name, ...node.aliases];
      if (node.type === 'Enterprise' && node.props.code) names.push(node.props.code);
      for (const name of names) index.add(name, node.id);
    }
    return indexes;
  }

  add(name: string, id: string): void {
    const key = normaliseName(name);
    if (!key) return;
    const existing = this.keys.get(key);
    if (existing === undefined) this.keys.set(key, id);
    else if (existing !== id) this.keys.set(key, null);
  }

  resolve(name: string): string | undefined {
    return this.keys.get(normaliseName(name)) ?? undefined;
  }
}
