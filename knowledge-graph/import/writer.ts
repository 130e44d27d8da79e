import type { GraphEdge, GraphNode } from '../schema/index.js';
import { emptyWriteResult, type GraphStore, type WriteResult } from '../store/port.js';

export type ProgressListener = (event: { phase: string; done: number; total?: number }) => void;

/**
 * Buffers nodes and edges and writes them in batches, one transaction each, so a crash leaves
 * whole batches only. Nodes buffered before an edge are always written with or before it.
 */
export class BatchWriter {
  private nodes: GraphNode[] = [];
  private edges: GraphEdge[] = [];
  readonly written: WriteResult = emptyWriteResult();

  constructor(
    private readonly store: GraphStore,
    private readonly batchSize = 5_000,
  ) {}

  async node(node: GraphNode): Promise<void> {
    this.nodes.push(node);
    if (this.nodes.length + this.edges.length >= this.batchSize) await this.flush();
  }

  async edge(edge: GraphEdge): Promise<void> {
    this.edges.push(edge);
    if (this.nodes.length + this.edges.length >= this.batchSize) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.nodes.length === 0 && this.edges.length === 0) return;
    const result = await this.store.upsert({ nodes: this.nodes, edges: this.edges });
    this.nodes = [];
    this.edges = [];
    this.written.nodesCreated += result.nodesCreated;
    this.written.nodesUpdated += result.nodesUpdated;
    this.written.edgesCreated += result.edgesCreated;
    this.written.edgesUpdated += result.edgesUpdated;
    this.written.visibilityChanges.push(...result.visibilityChanges);
  }
}
