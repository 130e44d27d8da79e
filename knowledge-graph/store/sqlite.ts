import type { Statement } from 'better-sqlite3';
import { foldName, normaliseName } from '../resolve/normalise.js';
import {
  type EdgeType,
  type GraphEdge,
  type GraphNode,
  type NodeType,
  type Principal,
  canSee,
  SYSTEM_PRINCIPAL,
} from '../schema/index.js';
import { Adjacency, type VisibilityMask } from './adjacency.js';
import { mergeEdge, mergeNode } from './merge.js';
import {
  emptyWriteResult,
  type FindQuery,
  type GraphPath,
  type GraphStats,
  type GraphStore,
  type Neighbour,
  type NeighbourQuery,
  type PathQuery,
  type Reached,
  type Subgraph,
  type Topology,
  type TopologyQuery,
  type TraverseQuery,
  type WriteBatch,
  type WriteResult,
} from './port.js';
import type { SqliteDatabase } from './sqlite-db.js';

export class GraphIntegrityError extends Error {
  readonly userFacing = true;
  override readonly name = 'GraphIntegrityError';
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS graph_nodes (
  rid INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  type TEXT NOT NULL,
  name TEXT NOT NULL,
  visibility TEXT NOT NULL,
  body TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS graph_edges (
  rid INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  type TEXT NOT NULL,
  src INTEGER NOT NULL REFERENCES graph_nodes(rid),
  dst INTEGER NOT NULL REFERENCES graph_nodes(rid),
  visibility TEXT NOT NULL,
  body TEXT NOT NULL
);
DROP INDEX IF EXISTS graph_edges_src;
DROP INDEX IF EXISTS graph_edges_dst;
CREATE TABLE IF NOT EXISTS graph_keys (
  kind INTEGER NOT NULL,
  key TEXT NOT NULL,
  rid INTEGER NOT NULL,
  PRIMARY KEY (kind, key, rid)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS graph_keys_rid ON graph_keys(rid);
CREATE TABLE IF NOT EXISTS graph_meta (
  key TEXT PRIMARY KEY,
  value INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS graph_removed (
  ver INTEGER NOT NULL,
  kind INTEGER NOT NULL,
  rid INTEGER NOT NULL,
  id TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS graph_removed_ver ON graph_removed(ver);
`;

/** Columns added after the first release: every row records the graph version that last wrote it. */
const MIGRATIONS: Array<[table: string, column: string, sql: string]> = [
  ['graph_nodes', 'ver', 'ALTER TABLE graph_nodes ADD COLUMN ver INTEGER NOT NULL DEFAULT 0'],
  ['graph_edges', 'ver', 'ALTER TABLE graph_edges ADD COLUMN ver INTEGER NOT NULL DEFAULT 0'],
];
const VERSION_INDEXES = `
CREATE INDEX IF NOT EXISTS graph_nodes_ver ON graph_nodes(ver);
CREATE INDEX IF NOT EXISTS graph_edges_ver ON graph_edges(ver);
`;

/** graph_removed.kind */
const REMOVED_NODE = 0;
const REMOVED_EDGE = 1;
/** Removal records older than this many versions are pruned; a reader further behind reloads whole. */
const KEEP_REMOVALS = 100_000;

/** graph_keys.kind: the name as typed (folded only for width and case) or its resolution key. */
const EXACT = 0;
const NORMALISED = 1;

interface NodeRow {
  rid: number;
  id: string;
  type: NodeType;
  name: string;
  visibility: string;
  body: string;
}

interface EdgeRow {
  rid: number;
  id: string;
  type: EdgeType;
  src: number;
  dst: number;
  visibility: string;
  body: string;
}

function nodeFromRow(row: NodeRow): GraphNode {
  const body = JSON.parse(row.body) as Pick<GraphNode, 'aliases' | 'props' | 'provenance'>;
  return { id: row.id, type: row.type, name: row.name, visibility: row.visibility, ...body } as GraphNode;
}

// Props are written with sorted keys so that the same facts always give the same body and a
// re-import that changes nothing writes nothing.
function sorted(props: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(props).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

function nodeBody(node: GraphNode): string {
  return JSON.stringify({ aliases: node.aliases, props: sorted(node.props), provenance: node.provenance });
}

function edgeBody(edge: GraphEdge): string {
  return JSON.stringify({ props: sorted(edge.props), provenance: edge.provenance });
}

/**
 * The record when the principal may see it by its own stored visibility: a body is only ever
 * returned under the visibility it was read with, even if another process changed it a moment ago.
 */
function seen<T extends { visibility: string }>(principal: Principal, record: T): T | null {
  return canSee(principal, record.visibility) ? record : null;
}

function nameKeys(node: GraphNode): Array<[number, string]> {
  const keys = new Map<string, [number, string]>();
  const names = [node.name, ...node.aliases];
  if (node.type === 'Enterprise' && node.props.code) names.push(node.props.code);
  for (const name of names) {
    const exact = foldName(name);
    const normalised = normaliseName(name);
    if (exact) keys.set(`0${exact}`, [EXACT, exact]);
    if (normalised) keys.set(`1${normalised}`, [NORMALISED, normalised]);
  }
  return [...keys.values()];
}

/**
 * The embedded GraphStore: SQLite holds every node and edge durably (one transaction per batch),
 * and an in-memory adjacency index answers traversals. SQLite is the one source of truth: every
 * write bumps a version counter stored with the rows it wrote, and every read first catches the
 * adjacency up with what other connections (an `ibrain import` beside a running server) committed,
 * so new nodes, visibility changes and removals are seen at once, never after a restart.
 */
export class SqliteGraphStore implements GraphStore {
  readonly kind = 'sqlite';
  private adjacency = new Adjacency();
  private readonly cache = new Map<number, GraphNode>();
  /** Edge id → row id, so a write tells a new edge from an update without a query. */
  private readonly ridByEdgeId = new Map<string, number>();
  private readonly stmt: Record<string, Statement>;
  /** The graph version the adjacency reflects, and SQLite's change counter when last checked. */
  private loaded = 0;
  private dataVersion = -1;
  private initialised = false;
  private readonly catchUp: () => void;

  private constructor(private readonly db: SqliteDatabase) {
    db.exec(SCHEMA);
    for (const [table, column, sql] of MIGRATIONS) {
      const columns = db.prepare(`PRAGMA table_info(${table})`).all() as Array<{ name: string }>;
      if (!columns.some((c) => c.name === column)) db.exec(sql);
    }
    db.exec(VERSION_INDEXES);
    this.stmt = {
      nodeById: db.prepare('SELECT * FROM graph_nodes WHERE id = ?'),
      nodeByRid: db.prepare('SELECT * FROM graph_nodes WHERE rid = ?'),
      insertNode: db.prepare(
        'INSERT INTO graph_nodes (id, type, name, visibility, body, ver) VALUES (@id, @type, @name, @visibility, @body, @ver)',
      ),
      updateNode: db.prepare(
        'UPDATE graph_nodes SET type = @type, name = @name, visibility = @visibility, body = @body, ver = @ver WHERE rid = @rid',
      ),
      deleteNode: db.prepare('DELETE FROM graph_nodes WHERE rid = ?'),
      edgeById: db.prepare('SELECT * FROM graph_edges WHERE id = ?'),
      edgeByRid: db.prepare('SELECT * FROM graph_edges WHERE rid = ?'),
      insertEdge: db.prepare(
        'INSERT INTO graph_edges (id, type, src, dst, visibility, body, ver) VALUES (@id, @type, @src, @dst, @visibility, @body, @ver)',
      ),
      updateEdge: db.prepare(
        'UPDATE graph_edges SET visibility = @visibility, body = @body, ver = @ver WHERE rid = @rid',
      ),
      deleteEdge: db.prepare('DELETE FROM graph_edges WHERE rid = ?'),
      deleteKeys: db.prepare('DELETE FROM graph_keys WHERE rid = ?'),
      insertKey: db.prepare('INSERT OR IGNORE INTO graph_keys (kind, key, rid) VALUES (?, ?, ?)'),
      findKey: db.prepare('SELECT rid FROM graph_keys WHERE kind = ? AND key = ? LIMIT ?'),
      findPrefix: db.prepare(
        'SELECT rid FROM graph_keys WHERE kind = 1 AND key >= ? AND key < ? ORDER BY length(key), key LIMIT ?',
      ),
      scan: db.prepare('SELECT * FROM graph_nodes WHERE rid > ? ORDER BY rid LIMIT ?'),
      dataVersion: db.prepare('PRAGMA data_version').pluck(),
      getMeta: db.prepare('SELECT value FROM graph_meta WHERE key = ?').pluck(),
      setMeta: db.prepare(
        'INSERT INTO graph_meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
      ),
      nodesSince: db.prepare('SELECT rid, id, type, visibility FROM graph_nodes WHERE ver > ?').raw(),
      edgesSince: db
        .prepare('SELECT rid, id, type, src, dst, visibility FROM graph_edges WHERE ver > ?')
        .raw(),
      removedSince: db.prepare('SELECT kind, rid, id FROM graph_removed WHERE ver > ? ORDER BY ver').raw(),
      addRemoved: db.prepare('INSERT INTO graph_removed (ver, kind, rid, id) VALUES (?, ?, ?, ?)'),
      pruneRemoved: db.prepare('DELETE FROM graph_removed WHERE ver < ?'),
    };
    this.catchUp = db.transaction(() => this.catchUpNow());
  }

  /** Opens the store on a database (creating its tables) and builds the adjacency index. */
  static open(db: SqliteDatabase): SqliteGraphStore {
    const store = new SqliteGraphStore(db);
    store.sync();
    return store;
  }

  /**
   * A number that changes after every write to the graph, by this process or another; readers
   * that cache something derived from the graph (dictionaries, analytics) compare it to refresh.
   */
  async version(nodeTypes?: readonly NodeType[]): Promise<number> {
    this.sync();
    if (!nodeTypes) return this.loaded;
    // Per-type counters only ever grow, so their sum changes whenever one of them does.
    return nodeTypes.reduce((sum, type) => sum + this.meta(`version:${type}`), 0);
  }

  private meta(key: string): number {
    return (this.stmt.getMeta!.get(key) as number | undefined) ?? 0;
  }

  /**
   * Catches the in-memory index up with SQLite. `PRAGMA data_version` changes only when another
   * connection commits, so the common case costs one pragma; otherwise the rows stamped with a
   * newer version, and the removals recorded since, are applied.
   */
  private sync(): void {
    const dataVersion = this.stmt.dataVersion!.get() as number;
    if (dataVersion === this.dataVersion) return;
    this.catchUp();
    this.dataVersion = dataVersion;
  }

  // One read transaction, so the version and the rows it stamps come from the same snapshot.
  private catchUpNow(): void {
    const version = this.meta('version');
    if (this.initialised && version === this.loaded) return;
    if (!this.initialised || this.loaded < this.meta('removed_floor')) this.loadAll();
    else this.applySince(this.loaded);
    this.loaded = version;
    this.initialised = true;
  }

  private applySince(after: number): void {
    for (const [kind, rid, id] of this.stmt.removedSince!.iterate(after) as Iterable<
      [number, number, string]
    >) {
      if (kind === REMOVED_EDGE) {
        this.adjacency.removeEdge(rid);
        if (this.ridByEdgeId.get(id) === rid) this.ridByEdgeId.delete(id);
      } else {
        this.adjacency.removeNode(rid, id);
        this.cache.delete(rid);
      }
    }
    for (const [rid, id, type, visibility] of this.stmt.nodesSince!.iterate(after) as Iterable<
      [number, string, NodeType, string]
    >) {
      this.adjacency.setNode(rid, id, type, visibility);
      this.cache.delete(rid);
    }
    for (const [rid, id, type, src, dst, visibility] of this.stmt.edgesSince!.iterate(after) as Iterable<
      [number, string, EdgeType, number, number, string]
    >) {
      this.adjacency.setEdge(rid, type, src, dst, visibility);
      this.ridByEdgeId.set(id, rid);
    }
  }

  private loadAll(): void {
    this.adjacency = new Adjacency();
    this.ridByEdgeId.clear();
    this.cache.clear();
    const nodes = this.db
      .prepare('SELECT rid, id, type, visibility FROM graph_nodes')
      .raw()
      .iterate() as Iterable<[number, string, NodeType, string]>;
    for (const [rid, id, type, visibility] of nodes) this.adjacency.setNode(rid, id, type, visibility);
    const edges = this.db
      .prepare('SELECT rid, id, type, src, dst, visibility FROM graph_edges')
      .raw()
      .iterate() as Iterable<[number, string, EdgeType, number, number, string]>;
    for (const [rid, id, type, src, dst, visibility] of edges) {
      this.adjacency.setEdge(rid, type, src, dst, visibility);
      this.ridByEdgeId.set(id, rid);
    }
  }

  async upsert(batch: WriteBatch): Promise<WriteResult> {
    const result = emptyWriteResult();
    // Adjacency changes are applied only after the transaction commits, so a failed batch leaves
    // memory and disk agreeing.
    const applyNodes: Array<[number, GraphNode]> = [];
    const applyEdges: Array<[number, GraphEdge, number, number]> = [];
    const pendingRid = new Map<string, number>();
    const pendingEdges = new Set<string>();
    const typesWritten = new Set<NodeType>();
    let version = 0;
    // IMMEDIATE: the write lock is taken before the first read, so a concurrent writer makes this
    // wait (busy timeout) instead of failing with "database is locked" on a stale snapshot.
    const write = this.db.transaction(() => {
      this.catchUp();
      version = this.meta('version') + 1;
      for (const node of batch.nodes ?? []) {
        const known = pendingRid.has(node.id) || this.adjacency.rid(node.id) !== undefined;
        const row = known ? (this.stmt.nodeById!.get(node.id) as NodeRow | undefined) : undefined;
        if (row) {
          const merged = mergeNode(nodeFromRow(row), node);
          const body = nodeBody(merged);
          if (
            body === row.body &&
            merged.name === row.name &&
            merged.visibility === row.visibility &&
            merged.type === row.type
          ) {
            continue;
          }
          if (merged.visibility !== row.visibility && !pendingRid.has(node.id)) {
            result.visibilityChanges.push({
              kind: 'node',
              id: node.id,
              from: row.visibility,
              to: merged.visibility,
            });
          }
          this.stmt.updateNode!.run({
            rid: row.rid,
            type: merged.type,
            name: merged.name,
            visibility: merged.visibility,
            body,
            ver: version,
          });
          this.writeKeys(row.rid, merged);
          typesWritten.add(row.type).add(merged.type);
          applyNodes.push([row.rid, merged]);
          result.nodesUpdated++;
        } else {
          const info = this.stmt.insertNode!.run({
            id: node.id,
            type: node.type,
            name: node.name,
            visibility: node.visibility,
            body: nodeBody(node),
            ver: version,
          });
          const rid = Number(info.lastInsertRowid);
          pendingRid.set(node.id, rid);
          for (const [kind, key] of nameKeys(node)) this.stmt.insertKey!.run(kind, key, rid);
          typesWritten.add(node.type);
          applyNodes.push([rid, node]);
          result.nodesCreated++;
        }
      }
      for (const edge of batch.edges ?? []) {
        const src = pendingRid.get(edge.from) ?? this.adjacency.rid(edge.from);
        const dst = pendingRid.get(edge.to) ?? this.adjacency.rid(edge.to);
        if (src === undefined || dst === undefined) {
          const missing = src === undefined ? edge.from : edge.to;
          throw new GraphIntegrityError(
            `edge ${edge.id} refers to node ${missing}, which is not in the graph`,
          );
        }
        const known = pendingEdges.has(edge.id) || this.ridByEdgeId.has(edge.id);
        const row = known ? (this.stmt.edgeById!.get(edge.id) as EdgeRow | undefined) : undefined;
        if (row) {
          const existing: GraphEdge = {
            ...edge,
            ...(JSON.parse(row.body) as Pick<GraphEdge, 'props' | 'provenance'>),
          };
          existing.visibility = row.visibility as GraphEdge['visibility'];
          const merged = mergeEdge(existing, edge);
          const body = edgeBody(merged);
          if (body === row.body && merged.visibility === row.visibility) continue;
          if (merged.visibility !== row.visibility && !pendingEdges.has(edge.id)) {
            result.visibilityChanges.push({
              kind: 'edge',
              id: edge.id,
              from: row.visibility,
              to: merged.visibility,
            });
          }
          this.stmt.updateEdge!.run({ rid: row.rid, visibility: merged.visibility, body, ver: version });
          applyEdges.push([row.rid, merged, src, dst]);
          result.edgesUpdated++;
        } else {
          const info = this.stmt.insertEdge!.run({
            id: edge.id,
            type: edge.type,
            src,
            dst,
            visibility: edge.visibility,
            body: edgeBody(edge),
            ver: version,
          });
          applyEdges.push([Number(info.lastInsertRowid), edge, src, dst]);
          pendingEdges.add(edge.id);
          result.edgesCreated++;
        }
      }
      if (applyNodes.length > 0 || applyEdges.length > 0) this.stmt.setMeta!.run('version', version);
      this.bumpTypes(typesWritten);
    });
    write.immediate();
    for (const [rid, node] of applyNodes) {
      this.adjacency.setNode(rid, node.id, node.type, node.visibility);
      this.cache.delete(rid);
    }
    for (const [rid, edge, src, dst] of applyEdges) {
      this.adjacency.setEdge(rid, edge.type, src, dst, edge.visibility);
      this.ridByEdgeId.set(edge.id, rid);
    }
    if (applyNodes.length > 0 || applyEdges.length > 0) this.loaded = version;
    return result;
  }

  private bumpTypes(types: ReadonlySet<NodeType>): void {
    for (const type of types) this.stmt.setMeta!.run(`version:${type}`, this.meta(`version:${type}`) + 1);
  }

  private writeKeys(rid: number, node: GraphNode): void {
    this.stmt.deleteKeys!.run(rid);
    for (const [kind, key] of nameKeys(node)) this.stmt.insertKey!.run(kind, key, rid);
  }

  async remove(ids: {
    nodes?: readonly string[];
    edges?: readonly string[];
  }): Promise<{ nodes: number; edges: number }> {
    const nodeRids: Array<[number, string]> = [];
    const edgeRids = new Map<number, string>();
    let version = 0;
    this.db
      .transaction(() => {
        this.catchUp();
        for (const id of ids.edges ?? []) {
          const row = this.stmt.edgeById!.get(id) as EdgeRow | undefined;
          if (row) edgeRids.set(row.rid, row.id);
        }
        const mask = this.adjacency.mask(SYSTEM_PRINCIPAL);
        for (const id of ids.nodes ?? []) {
          const rid = this.adjacency.rid(id);
          if (rid === undefined) continue;
          nodeRids.push([rid, id]);
          for (const step of this.adjacency.steps(rid, null, 'both', mask)) {
            edgeRids.set(step.edge, (this.stmt.edgeByRid!.get(step.edge) as EdgeRow).id);
          }
        }
        if (nodeRids.length === 0 && edgeRids.size === 0) return;
        version = this.meta('version') + 1;
        for (const [rid, id] of edgeRids) {
          this.stmt.deleteEdge!.run(rid);
          this.stmt.addRemoved!.run(version, REMOVED_EDGE, rid, id);
        }
        const typesRemoved = new Set<NodeType>();
        for (const [rid, id] of nodeRids) {
          const type = this.adjacency.nodeTypeOf(rid);
          if (type) typesRemoved.add(type);
          this.stmt.deleteKeys!.run(rid);
          this.stmt.deleteNode!.run(rid);
          this.stmt.addRemoved!.run(version, REMOVED_NODE, rid, id);
        }
        this.bumpTypes(typesRemoved);
        this.stmt.setMeta!.run('version', version);
        const floor = version - KEEP_REMOVALS;
        if (floor > this.meta('removed_floor') + KEEP_REMOVALS / 10) {
          this.stmt.pruneRemoved!.run(floor);
          this.stmt.setMeta!.run('removed_floor', floor);
        }
      })
      .immediate();
    for (const [rid, id] of edgeRids) {
      this.adjacency.removeEdge(rid);
      if (this.ridByEdgeId.get(id) === rid) this.ridByEdgeId.delete(id);
    }
    for (const [rid, id] of nodeRids) {
      this.adjacency.removeNode(rid, id);
      this.cache.delete(rid);
    }
    if (version > 0) this.loaded = version;
    return { nodes: nodeRids.length, edges: edgeRids.size };
  }

  private nodeAt(rid: number): GraphNode {
    let node = this.cache.get(rid);
    if (!node) {
      node = nodeFromRow(this.stmt.nodeByRid!.get(rid) as NodeRow);
      if (this.cache.size >= 200_000) this.cache.clear();
      this.cache.set(rid, node);
    }
    return node;
  }

  private edgeAt(rid: number): GraphEdge {
    const row = this.stmt.edgeByRid!.get(rid) as EdgeRow;
    const [src, dst] = this.adjacency.edgeEnds(rid);
    const body = JSON.parse(row.body) as Pick<GraphEdge, 'props' | 'provenance'>;
    return {
      id: row.id,
      type: row.type,
      from: this.nodeAt(src).id,
      to: this.nodeAt(dst).id,
      visibility: row.visibility as GraphEdge['visibility'],
      ...body,
    };
  }

  private visibleRid(id: string, mask: VisibilityMask): number | undefined {
    const rid = this.adjacency.rid(id);
    return rid !== undefined && this.adjacency.nodeVisible(rid, mask) ? rid : undefined;
  }

  async getNode(id: string, principal: Principal): Promise<GraphNode | null> {
    this.sync();
    const rid = this.visibleRid(id, this.adjacency.mask(principal));
    return rid === undefined ? null : seen(principal, this.nodeAt(rid));
  }

  async getNodes(ids: readonly string[], principal: Principal): Promise<GraphNode[]> {
    this.sync();
    const mask = this.adjacency.mask(principal);
    return ids.flatMap((id) => {
      const rid = this.visibleRid(id, mask);
      return rid === undefined ? [] : (seen(principal, this.nodeAt(rid)) ?? []);
    });
  }

  async getEdge(id: string, principal: Principal): Promise<GraphEdge | null> {
    this.sync();
    const row = this.stmt.edgeById!.get(id) as EdgeRow | undefined;
    if (!row || !this.adjacency.edgeVisible(row.rid, this.adjacency.mask(principal))) return null;
    return seen(principal, this.edgeAt(row.rid));
  }

  async findNodes(query: FindQuery, principal: Principal): Promise<GraphNode[]> {
    this.sync();
    const mode = query.mode ?? 'normalised';
    const limit = query.limit ?? 20;
    const mask = this.adjacency.mask(principal);
    const types = query.types ? new Set(query.types) : null;
    const rids: number[] = [];
    // Over-fetch: some keys belong to nodes the principal may not see or of other types.
    const fetch = limit * 4 + 16;
    if (mode === 'prefix') {
      const key = normaliseName(query.text);
      if (!key) return [];
      for (const row of this.stmt.findPrefix!.all(key, `${key}\uffff`, fetch) as Array<{ rid: number }>)
        rids.push(row.rid);
    } else {
      const kind = mode === 'exact' ? EXACT : NORMALISED;
      const key = mode === 'exact' ? foldName(query.text) : normaliseName(query.text);
      if (!key) return [];
      for (const row of this.stmt.findKey!.all(kind, key, fetch) as Array<{ rid: number }>)
        rids.push(row.rid);
    }
    const result: GraphNode[] = [];
    for (const rid of new Set(rids)) {
      if (!this.adjacency.nodeVisible(rid, mask)) continue;
      const node = seen(principal, this.nodeAt(rid));
      if (!node || (types && !types.has(node.type))) continue;
      result.push(node);
      if (result.length >= limit) break;
    }
    return result;
  }

  async neighbours(id: string, query: NeighbourQuery, principal: Principal): Promise<Neighbour[]> {
    this.sync();
    const mask = this.adjacency.mask(principal);
    const rid = this.visibleRid(id, mask);
    if (rid === undefined) return [];
    const types = query.edgeTypes ? new Set(query.edgeTypes) : null;
    const steps = this.adjacency.steps(rid, types, query.direction ?? 'both', mask);
    return steps.slice(0, query.limit ?? 1000).flatMap((step) => {
      const edge = seen(principal, this.edgeAt(step.edge));
      const node = seen(principal, this.nodeAt(step.node));
      return edge && node ? [{ edge, node, direction: step.direction }] : [];
    });
  }

  async traverse(start: string, query: TraverseQuery, principal: Principal): Promise<Reached[]> {
    this.sync();
    const mask = this.adjacency.mask(principal);
    const rid = this.visibleRid(start, mask);
    if (rid === undefined) return [];
    return this.adjacency.reach(rid, query.steps, query.depth, mask, query.limit ?? 10_000).flatMap((r) => {
      const node = seen(principal, this.nodeAt(r.node));
      const via = seen(principal, this.edgeAt(r.edge));
      return node && via ? [{ node, depth: r.depth, via }] : [];
    });
  }

  async paths(from: string, to: string, query: PathQuery, principal: Principal): Promise<GraphPath[]> {
    this.sync();
    const mask = this.adjacency.mask(principal);
    const a = this.visibleRid(from, mask);
    const b = this.visibleRid(to, mask);
    if (a === undefined || b === undefined) return [];
    const types = query.edgeTypes ? new Set(query.edgeTypes) : null;
    return this.adjacency
      .shortestPaths(a, b, types, query.maxDepth ?? 4, mask, query.limit ?? 5)
      .map((p) => ({ nodes: p.nodes.map((n) => this.nodeAt(n)), edges: p.edges.map((e) => this.edgeAt(e)) }))
      .filter(
        (p) =>
          p.nodes.every((n) => canSee(principal, n.visibility)) &&
          p.edges.every((e) => canSee(principal, e.visibility)),
      );
  }

  async subgraph(centres: readonly string[], depth: number, principal: Principal): Promise<Subgraph> {
    this.sync();
    const mask = this.adjacency.mask(principal);
    const rids = centres.flatMap((id) => {
      const rid = this.visibleRid(id, mask);
      return rid === undefined ? [] : [rid];
    });
    const found = this.adjacency.neighbourhood(rids, depth, mask, 5_000);
    return {
      nodes: found.nodes.flatMap((n) => seen(principal, this.nodeAt(n)) ?? []),
      edges: found.edges.flatMap((e) => seen(principal, this.edgeAt(e)) ?? []),
    };
  }

  async *scanNodes(types: readonly NodeType[], principal: Principal): AsyncIterable<GraphNode> {
    const wanted = new Set(types);
    let after = 0;
    for (;;) {
      const rows = this.stmt.scan!.all(after, 2_000) as NodeRow[];
      if (rows.length === 0) return;
      for (const row of rows) {
        if ((wanted.size === 0 || wanted.has(row.type)) && canSee(principal, row.visibility))
          yield nodeFromRow(row);
      }
      after = rows[rows.length - 1]!.rid;
    }
  }

  async stats(principal: Principal): Promise<GraphStats> {
    this.sync();
    return this.adjacency.counts(this.adjacency.mask(principal));
  }

  async exportTopology(query: TopologyQuery, principal: Principal): Promise<Topology> {
    this.sync();
    const mask = this.adjacency.mask(principal);
    const edges: Array<[number, EdgeType, number, number, string]> = [];
    const linked = new Set<number>();
    if (query.edgeTypes.length > 0) {
      const rows = this.db
        .prepare(
          `SELECT rid, type, src, dst, body FROM graph_edges WHERE type IN (${query.edgeTypes.map(() => '?').join(',')}) ORDER BY rid`,
        )
        .raw()
        .iterate(...query.edgeTypes) as Iterable<[number, EdgeType, number, number, string]>;
      for (const row of rows) {
        if (!this.adjacency.edgeVisible(row[0], mask)) continue;
        edges.push(row);
        linked.add(row[2]).add(row[3]);
      }
    }
    const types = new Set(query.nodeTypes);
    const index = new Map<number, number>();
    const nodes: Topology['nodes'] = [];
    const rows = this.db
      .prepare('SELECT rid, id, type, name FROM graph_nodes ORDER BY rid')
      .raw()
      .iterate() as Iterable<[number, string, NodeType, string]>;
    for (const [rid, id, type, name] of rows) {
      if (!(types.has(type) || linked.has(rid)) || !this.adjacency.nodeVisible(rid, mask)) continue;
      index.set(rid, nodes.length);
      nodes.push({ id, type, name });
    }
    return {
      nodes,
      edges: edges.map(([, type, src, dst, body]) => {
        const parsed = JSON.parse(body) as Pick<GraphEdge, 'props' | 'provenance'>;
        return {
          type,
          from: index.get(src)!,
          to: index.get(dst)!,
          props: parsed.props,
          inferred: parsed.provenance.every((p) => p.inferred === true),
        };
      }),
    };
  }

  async close(): Promise<void> {
    this.cache.clear();
  }
}
