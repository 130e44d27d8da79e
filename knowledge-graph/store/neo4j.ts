import neo4j, { type Driver, type ManagedTransaction } from 'neo4j-driver';
import { foldName, normaliseName } from '../resolve/normalise.js';
import {
  EDGE_TYPES,
  type EdgeType,
  type GraphEdge,
  type GraphNode,
  NODE_TYPES,
  type NodeType,
  type Principal,
  SYMMETRIC_EDGE_TYPES,
} from '../schema/index.js';
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
import { GraphIntegrityError } from './sqlite.js';

/** The slice of neo4j-driver the store needs, so unit tests can record the Cypher it sends. */
export interface CypherRecord {
  get(key: string): unknown;
}

export interface CypherTx {
  run(query: string, params: Record<string, unknown>): Promise<{ records: CypherRecord[] }>;
}

/** Runs work in one managed transaction; the driver retries transient failures by re-running it. */
export interface CypherRunner {
  read<T>(work: (tx: CypherTx) => Promise<T>): Promise<T>;
  write<T>(work: (tx: CypherTx) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface Neo4jSettings {
  uri: string;
  user: string;
  password: string;
  database: string;
}

export interface Neo4jOptions {
  /**
   * The label every node of this store carries (and the prefix of its schema names). `Node` in
   * production; tests use their own label so they can empty it without touching real data.
   */
  label?: string;
}

const LABEL = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;
const SCAN_PAGE = 2_000;
const SUBGRAPH_CAP = 5_000;
const SYMMETRIC = [...SYMMETRIC_EDGE_TYPES];
const EDGE_TYPE_SET: ReadonlySet<string> = new Set(EDGE_TYPES);

/** Node as stored: Neo4j properties cannot hold maps, so props and provenance are JSON strings. */
interface StoredNode {
  id: string;
  type: NodeType;
  name: string;
  visibility: string;
  aliases: string[];
  props: string;
  provenance: string;
}

interface StoredEdge {
  id: string;
  type: EdgeType;
  from: string;
  to: string;
  visibility: string;
  props: string;
  provenance: string;
}

function fromStoredNode(value: unknown): GraphNode {
  const row = value as StoredNode;
  return {
    id: row.id,
    type: row.type,
    name: row.name,
    visibility: row.visibility,
    aliases: row.aliases ?? [],
    props: JSON.parse(row.props) as GraphNode['props'],
    provenance: JSON.parse(row.provenance) as GraphNode['provenance'],
  } as GraphNode;
}

function fromStoredEdge(value: unknown): GraphEdge {
  const row = value as StoredEdge;
  return {
    id: row.id,
    type: row.type,
    from: row.from,
    to: row.to,
    visibility: row.visibility as GraphEdge['visibility'],
    props: JSON.parse(row.props) as GraphEdge['props'],
    provenance: JSON.parse(row.provenance) as GraphEdge['provenance'],
  };
}

/** The lookup keys sqlite.ts keeps in graph_keys, here as two list properties of the node. */
function nameKeys(node: GraphNode): { keysExact: string[]; keysNorm: string[] } {
  const exact = new Set<string>();
  const norm = new Set<string>();
  const names = [node.name, ...node.aliases];
  if (node.type === 'Enterprise' && node.props.code) names.push(node.props.code);
  for (const name of names) {
    const folded = foldName(name);
    const normalised = normaliseName(name);
    if (folded) exact.add(folded);
    if (normalised) norm.add(normalised);
  }
  return { keysExact: [...exact], keysNorm: [...norm] };
}

function nodeProperties(node: GraphNode) {
  return {
    id: node.id,
    type: node.type,
    name: node.name,
    visibility: node.visibility,
    aliases: node.aliases,
    ...nameKeys(node),
    props: JSON.stringify(node.props),
    provenance: JSON.stringify(node.provenance),
  };
}

/** `weight` and `share` are copied to plain properties so Cypher analytics can read them without JSON. */
function edgeProperties(edge: GraphEdge) {
  return {
    id: edge.id,
    visibility: edge.visibility,
    props: JSON.stringify(edge.props),
    provenance: JSON.stringify(edge.provenance),
    weight: typeof edge.props.weight === 'number' ? edge.props.weight : null,
    share: typeof edge.props.share === 'number' ? edge.props.share : null,
  };
}

function sameNode(stored: StoredNode, node: GraphNode): boolean {
  return (
    stored.type === node.type &&
    stored.name === node.name &&
    stored.visibility === node.visibility &&
    JSON.stringify(stored.aliases ?? []) === JSON.stringify(node.aliases) &&
    stored.props === JSON.stringify(node.props) &&
    stored.provenance === JSON.stringify(node.provenance)
  );
}

function toNumber(value: unknown): number {
  return neo4j.isInt(value) ? value.toNumber() : Number(value);
}

/** Lucene's query syntax characters; folded keys have none today, but the index must not depend on that. */
function escapeLucene(text: string): string {
  return text.replace(/[+\-&|!(){}[\]^"~*?:\\/\s]/g, (c) => `\\${c}`);
}

/** Edge ids are `TYPE|from|to` (edgeId); the type lets a lookup use that type's `id` index. */
function typeOfEdgeId(id: string): EdgeType | null {
  const head = id.slice(0, id.indexOf('|'));
  return EDGE_TYPE_SET.has(head) ? (head as EdgeType) : null;
}

function byEdgeType(ids: readonly string[]): Map<EdgeType | null, string[]> {
  const groups = new Map<EdgeType | null, string[]>();
  for (const id of new Set(ids)) {
    const type = typeOfEdgeId(id);
    const list = groups.get(type) ?? [];
    list.push(id);
    groups.set(type, list);
  }
  return groups;
}

function relType(type: EdgeType | null): string {
  return type === null ? '' : `:\`${type}\``;
}

/** `'*' IN $grants` is the admin wildcard; `public` is visible to everyone. */
function visible(v: string): string {
  return `(${v}.visibility = 'public' OR '*' IN $grants OR ${v}.visibility IN $grants)`;
}

const NODE_MAP = (v: string) => `${v} {.id, .type, .name, .visibility, .aliases, .props, .provenance}`;
const EDGE_MAP = (v: string) =>
  `${v} {.id, .visibility, .props, .provenance, type: type(${v}), from: startNode(${v}).id, to: endNode(${v}).id}`;

/**
 * Every Cypher statement the store sends. Only the node label (validated, from options) and edge
 * and node types (from the schema enums) are spliced in; every value arrives as a parameter.
 */
function cypherFor(label: string) {
  if (!LABEL.test(label)) throw new Error(`Neo4j label must match ${LABEL}, got ${JSON.stringify(label)}`);
  const L = `\`${label}\``;
  const prefix = label.toLowerCase();
  return {
    keysIndex: `${prefix}_keys`,
    schema: [
      `CREATE CONSTRAINT ${prefix}_id IF NOT EXISTS FOR (n:${L}) REQUIRE n.id IS UNIQUE`,
      `CREATE INDEX ${prefix}_type IF NOT EXISTS FOR (n:${L}) ON (n.type)`,
      `CREATE INDEX ${prefix}_name IF NOT EXISTS FOR (n:${L}) ON (n.name)`,
      // One token per key (keyword analyser), so exact and prefix queries see whole keys.
      `CREATE FULLTEXT INDEX ${prefix}_keys IF NOT EXISTS FOR (n:${L}) ON EACH [n.keysExact, n.keysNorm] OPTIONS {indexConfig: {\`fulltext.analyzer\`: 'keyword'}}`,
      ...EDGE_TYPES.map(
        (t) => `CREATE INDEX rel_${t.toLowerCase()}_id IF NOT EXISTS FOR ()-[r:\`${t}\`]-() ON (r.id)`,
      ),
    ],
    awaitIndexes: 'CALL db.awaitIndexes(300)',
    readNodes: `UNWIND $ids AS id MATCH (n:${L} {id: id}) RETURN ${NODE_MAP('n')} AS node`,
    existingIds: `UNWIND $ids AS id MATCH (n:${L} {id: id}) RETURN n.id AS id`,
    readEdges: `UNWIND $rows AS row
MATCH (a:${L} {id: row.from})-[r]->(b:${L} {id: row.to})
WHERE r.id = row.id
RETURN ${EDGE_MAP('r')} AS edge`,
    // The type label changes with the node's type, so the other type labels are removed.
    writeNodes: (type: NodeType) => `UNWIND $rows AS row
MERGE (n:${L} {id: row.id})
SET n:\`${type}\`, n += row
REMOVE ${NODE_TYPES.filter((t) => t !== type)
      .map((t) => `n:\`${t}\``)
      .join(', ')}`,
    writeEdges: (type: EdgeType) => `UNWIND $rows AS row
MATCH (a:${L} {id: row.from})
MATCH (b:${L} {id: row.to})
MERGE (a)-[r:\`${type}\` {id: row.id}]->(b)
SET r += row.properties`,
    removeEdges: (type: EdgeType | null) => `UNWIND $ids AS id
MATCH (:${L})-[r${relType(type)}]->(:${L})
WHERE r.id = id
DELETE r
RETURN count(*) AS removed`,
    removeNodes: `MATCH (n:${L}) WHERE n.id IN $ids
OPTIONAL MATCH (n)-[r]-()
WITH collect(DISTINCT n) AS nodes, count(DISTINCT r) AS edges
WITH nodes, edges, [x IN nodes | x.type] AS types
FOREACH (x IN nodes | DETACH DELETE x)
RETURN size(nodes) AS nodes, edges, types`,
    getNodes: `UNWIND $ids AS id
MATCH (n:${L} {id: id})
WHERE ${visible('n')}
RETURN ${NODE_MAP('n')} AS node`,
    getEdge: (type: EdgeType | null) => `MATCH (a:${L})-[r${relType(type)}]->(b:${L})
WHERE r.id = $id AND ${visible('r')} AND ${visible('a')} AND ${visible('b')}
RETURN ${EDGE_MAP('r')} AS edge
LIMIT 1`,
    find: (mode: 'exact' | 'normalised' | 'prefix') => {
      const keys = mode === 'exact' ? 'n.keysExact' : 'n.keysNorm';
      const hits =
        mode === 'prefix' ? `[k IN ${keys} WHERE k STARTS WITH $key]` : `[k IN ${keys} WHERE k = $key]`;
      // The fulltext index narrows; the list predicate decides, so a match never depends on the analyser.
      return `CALL db.index.fulltext.queryNodes($index, $lucene) YIELD node AS n
WITH n, ${hits} AS hits
WHERE size(hits) > 0 AND ${visible('n')} AND ($types IS NULL OR n.type IN $types)
WITH n, reduce(best = head(hits), k IN hits | CASE WHEN size(k) < size(best) OR (size(k) = size(best) AND k < best) THEN k ELSE best END) AS best
RETURN ${NODE_MAP('n')} AS node
ORDER BY size(best), best, n.id
LIMIT $limit`;
    },
    neighbours: `MATCH (n:${L} {id: $id})
WHERE ${visible('n')}
MATCH (n)-[r]-(m:${L})
WITH n, r, m, startNode(r) = n AS outgoing
WHERE ($types IS NULL OR type(r) IN $types)
  AND ($direction = 'both' OR type(r) IN $symmetric OR outgoing = ($direction = 'out'))
  AND ${visible('r')} AND ${visible('m')}
RETURN ${EDGE_MAP('r')} AS edge, ${NODE_MAP('m')} AS node, outgoing
ORDER BY outgoing DESC, r.id
LIMIT $limit`,
    // One breadth-first level: every visible step from the frontier, in frontier order.
    expand: `UNWIND range(0, size($frontier) - 1) AS i
MATCH (f:${L} {id: $frontier[i]})-[r]-(m:${L})
WITH i, r, m, startNode(r) = f AS outgoing
WHERE ((outgoing AND type(r) IN $outTypes) OR (NOT outgoing AND type(r) IN $inTypes))
  AND ${visible('r')} AND ${visible('m')}
RETURN ${EDGE_MAP('r')} AS edge, ${NODE_MAP('m')} AS node
ORDER BY i, outgoing DESC, r.id`,
    // Variable-length bounds cannot be parameters in Cypher; maxDepth is a checked integer.
    paths: (types: readonly EdgeType[] | null, maxDepth: number) => `MATCH (a:${L} {id: $from})
MATCH (b:${L} {id: $to})
WHERE ${visible('a')} AND ${visible('b')}
MATCH p = allShortestPaths((a)-[${types ? `:${types.map((t) => `\`${t}\``).join('|')}` : ''}*..${maxDepth}]-(b))
WHERE all(x IN nodes(p) WHERE ${visible('x')}) AND all(r IN relationships(p) WHERE ${visible('r')})
RETURN [x IN nodes(p) | ${NODE_MAP('x')}] AS nodes, [r IN relationships(p) | ${EDGE_MAP('r')}] AS edges
LIMIT $limit`,
    edgesAmong: `UNWIND $ids AS id
MATCH (a:${L} {id: id})-[r]->(b:${L})
WHERE b.id IN $ids AND ${visible('r')} AND ${visible('a')} AND ${visible('b')}
RETURN ${EDGE_MAP('r')} AS edge`,
    scan: `MATCH (n:${L})
WHERE n.id > $after AND ($types IS NULL OR n.type IN $types) AND ${visible('n')}
RETURN ${NODE_MAP('n')} AS node
ORDER BY n.id
LIMIT $page`,
    countNodes: `MATCH (n:${L}) WHERE ${visible('n')} RETURN n.type AS type, count(*) AS count`,
    // Whole-graph export for analytics: nodes of the asked types plus every end of an asked edge.
    topology: `CALL {
  MATCH (a:${L})-[r]->(b:${L})
  WHERE type(r) IN $edgeTypes AND ${visible('r')} AND ${visible('a')} AND ${visible('b')}
  RETURN collect({type: type(r), from: a.id, to: b.id, props: r.props, provenance: r.provenance}) AS edges
}
CALL {
  MATCH (n:${L})
  WHERE ${visible('n')} AND (n.type IN $nodeTypes OR EXISTS {
    MATCH (n)-[r]-(m:${L}) WHERE type(r) IN $edgeTypes AND ${visible('r')} AND ${visible('m')}
  })
  RETURN collect(n {.id, .type, .name}) AS nodes
}
RETURN nodes, edges`,
    // One meta node per store label counts writes (in all, and per node type written), so every
    // replica sees the same graph versions.
    bumpVersion: `MERGE (m:\`${label}Meta\` {key: 'graph'}) SET m.version = coalesce(m.version, 0) + 1`,
    // Node types come from the schema enum, so they may name properties.
    bumpTypes: (types: readonly NodeType[]) =>
      `MERGE (m:\`${label}Meta\` {key: 'graph'}) SET ${types.map((t) => `m.\`v_${t}\` = coalesce(m.\`v_${t}\`, 0) + 1`).join(', ')}`,
    version: `OPTIONAL MATCH (m:\`${label}Meta\` {key: 'graph'}) RETURN coalesce(m.version, 0) AS version`,
    typeVersions: (types: readonly NodeType[]) =>
      `OPTIONAL MATCH (m:\`${label}Meta\` {key: 'graph'}) RETURN ${types.map((t) => `coalesce(m.\`v_${t}\`, 0)`).join(' + ') || '0'} AS version`,
    countEdges: `MATCH (a:${L})-[r]->(b:${L})
WHERE ${visible('r')} AND ${visible('a')} AND ${visible('b')}
RETURN type(r) AS type, count(*) AS count`,
  };
}

type Cypher = ReturnType<typeof cypherFor>;

function driverRunner(driver: Driver, database: string): CypherRunner {
  const wrap = (tx: ManagedTransaction): CypherTx => ({
    run: async (query, params) => ({ records: (await tx.run(query, params)).records }),
  });
  const run = async <T>(mode: 'READ' | 'WRITE', work: (tx: CypherTx) => Promise<T>): Promise<T> => {
    const session = driver.session({ database, defaultAccessMode: mode });
    try {
      return mode === 'READ'
        ? await session.executeRead((tx) => work(wrap(tx)))
        : await session.executeWrite((tx) => work(wrap(tx)));
    } finally {
      await session.close();
    }
  };
  return {
    read: (work) => run('READ', work),
    write: (work) => run('WRITE', work),
    close: () => driver.close(),
  };
}

/**
 * The scale-out GraphStore on Neo4j 5. Nodes carry the store label (`:Node`) plus their type label,
 * edges are relationships typed by edge type; bodies are merged in TypeScript with merge.ts so both
 * adapters agree, and every read filters visibility in Cypher.
 */
export class Neo4jGraphStore implements GraphStore {
  readonly kind = 'neo4j';

  private constructor(
    private readonly runner: CypherRunner,
    private readonly cypher: Cypher,
  ) {}

  static async connect(settings: Neo4jSettings, options: Neo4jOptions = {}): Promise<Neo4jGraphStore> {
    const driver = neo4j.driver(settings.uri, neo4j.auth.basic(settings.user, settings.password));
    try {
      await driver.verifyConnectivity({ database: settings.database });
      return await Neo4jGraphStore.open(driverRunner(driver, settings.database), options);
    } catch (error) {
      await driver.close();
      throw error;
    }
  }

  /** Opens the store over a runner and makes sure its constraints and indexes exist. */
  static async open(runner: CypherRunner, options: Neo4jOptions = {}): Promise<Neo4jGraphStore> {
    const store = new Neo4jGraphStore(runner, cypherFor(options.label ?? 'Node'));
    // Neo4j refuses schema and data changes in one transaction, so each statement gets its own.
    for (const statement of store.cypher.schema) await runner.write((tx) => tx.run(statement, {}));
    await runner.write((tx) => tx.run(store.cypher.awaitIndexes, {}));
    return store;
  }

  async upsert(batch: WriteBatch): Promise<WriteResult> {
    const nodes = batch.nodes ?? [];
    const edges = batch.edges ?? [];
    const q = this.cypher;
    return this.runner.write(async (tx) => {
      const result = emptyWriteResult();
      const stored = new Map<string, StoredNode>();
      if (nodes.length > 0) {
        const read = await tx.run(q.readNodes, { ids: [...new Set(nodes.map((n) => n.id))] });
        for (const record of read.records) {
          const row = record.get('node') as StoredNode;
          stored.set(row.id, row);
        }
      }
      // Later entries for the same id merge into earlier ones, as they would written one by one.
      const pending = new Map<string, GraphNode>();
      for (const node of nodes) {
        const before = pending.get(node.id);
        const row = stored.get(node.id);
        if (before) {
          const merged = mergeNode(before, node);
          if (JSON.stringify(nodeProperties(merged)) === JSON.stringify(nodeProperties(before))) continue;
          pending.set(node.id, merged);
          result.nodesUpdated++;
        } else if (row) {
          const merged = mergeNode(fromStoredNode(row), node);
          if (sameNode(row, merged)) continue;
          if (row.visibility !== merged.visibility) {
            result.visibilityChanges.push({
              kind: 'node',
              id: node.id,
              from: row.visibility,
              to: merged.visibility,
            });
          }
          pending.set(node.id, merged);
          result.nodesUpdated++;
        } else {
          pending.set(node.id, node);
          result.nodesCreated++;
        }
      }

      const inBatch = new Set(nodes.map((n) => n.id));
      const endpoints = [...new Set(edges.flatMap((e) => [e.from, e.to]))].filter((id) => !inBatch.has(id));
      const present = new Set(inBatch);
      if (endpoints.length > 0) {
        const found = await tx.run(q.existingIds, { ids: endpoints });
        for (const record of found.records) present.add(record.get('id') as string);
      }
      for (const edge of edges) {
        const missing = [edge.from, edge.to].find((id) => !present.has(id));
        // Thrown before any write, and executeWrite rolls back anyway: the batch leaves no trace.
        if (missing !== undefined) {
          throw new GraphIntegrityError(
            `edge ${edge.id} refers to node ${missing}, which is not in the graph`,
          );
        }
      }

      const storedEdges = new Map<string, GraphEdge>();
      if (edges.length > 0) {
        const rows = edges.map((e) => ({ id: e.id, from: e.from, to: e.to }));
        const found = await tx.run(q.readEdges, { rows });
        for (const record of found.records) {
          const edge = fromStoredEdge(record.get('edge'));
          storedEdges.set(edge.id, edge);
        }
      }
      const pendingEdges = new Map<string, GraphEdge>();
      for (const edge of edges) {
        const before = pendingEdges.get(edge.id) ?? storedEdges.get(edge.id);
        if (!before) {
          pendingEdges.set(edge.id, edge);
          result.edgesCreated++;
          continue;
        }
        const merged = mergeEdge(before, edge);
        if (JSON.stringify(edgeProperties(merged)) === JSON.stringify(edgeProperties(before))) continue;
        const stored = storedEdges.get(edge.id);
        if (!pendingEdges.has(edge.id) && stored && stored.visibility !== merged.visibility) {
          result.visibilityChanges.push({
            kind: 'edge',
            id: edge.id,
            from: stored.visibility,
            to: merged.visibility,
          });
        }
        pendingEdges.set(edge.id, merged);
        result.edgesUpdated++;
      }

      const nodesByType = new Map<NodeType, ReturnType<typeof nodeProperties>[]>();
      for (const node of pending.values()) {
        const list = nodesByType.get(node.type) ?? [];
        list.push(nodeProperties(node));
        nodesByType.set(node.type, list);
      }
      for (const [type, rows] of nodesByType) await tx.run(q.writeNodes(type), { rows });

      const edgesByType = new Map<
        EdgeType,
        Array<{ from: string; to: string; id: string; properties: object }>
      >();
      for (const edge of pendingEdges.values()) {
        const list = edgesByType.get(edge.type) ?? [];
        list.push({ id: edge.id, from: edge.from, to: edge.to, properties: edgeProperties(edge) });
        edgesByType.set(edge.type, list);
      }
      for (const [type, rows] of edgesByType) await tx.run(q.writeEdges(type), { rows });
      if (pending.size > 0 || pendingEdges.size > 0) await tx.run(q.bumpVersion, {});
      const types = new Set<NodeType>([...pending.values()].map((n) => n.type));
      for (const id of pending.keys()) {
        const before = stored.get(id);
        if (before) types.add(before.type);
      }
      if (types.size > 0) await tx.run(q.bumpTypes([...types]), {});
      return result;
    });
  }

  async remove(ids: {
    nodes?: readonly string[];
    edges?: readonly string[];
  }): Promise<{ nodes: number; edges: number }> {
    return this.runner.write(async (tx) => {
      let edges = 0;
      for (const [type, list] of byEdgeType(ids.edges ?? [])) {
        const deleted = await tx.run(this.cypher.removeEdges(type), { ids: list });
        edges += toNumber(deleted.records[0]?.get('removed') ?? 0);
      }
      const nodeIds = [...new Set(ids.nodes ?? [])];
      let nodes = 0;
      if (nodeIds.length > 0) {
        const deleted = await tx.run(this.cypher.removeNodes, { ids: nodeIds });
        const record = deleted.records[0];
        nodes = toNumber(record?.get('nodes') ?? 0);
        edges += toNumber(record?.get('edges') ?? 0);
        const types = [...new Set((record?.get('types') as NodeType[] | undefined) ?? [])];
        if (types.length > 0) await tx.run(this.cypher.bumpTypes(types), {});
      }
      if (nodes > 0 || edges > 0) await tx.run(this.cypher.bumpVersion, {});
      return { nodes, edges };
    });
  }

  async version(nodeTypes?: readonly NodeType[]): Promise<number> {
    const found = await this.runner.read((tx) =>
      nodeTypes ? tx.run(this.cypher.typeVersions(nodeTypes), {}) : tx.run(this.cypher.version, {}),
    );
    return toNumber(found.records[0]?.get('version') ?? 0);
  }

  async getNode(id: string, principal: Principal): Promise<GraphNode | null> {
    return (await this.getNodes([id], principal))[0] ?? null;
  }

  async getNodes(ids: readonly string[], principal: Principal): Promise<GraphNode[]> {
    if (ids.length === 0) return [];
    const found = await this.runner.read((tx) =>
      tx.run(this.cypher.getNodes, { ids: [...new Set(ids)], grants: principal.grants }),
    );
    const byId = new Map<string, GraphNode>();
    for (const record of found.records) {
      const node = fromStoredNode(record.get('node'));
      byId.set(node.id, node);
    }
    return ids.flatMap((id) => byId.get(id) ?? []);
  }

  async getEdge(id: string, principal: Principal): Promise<GraphEdge | null> {
    const found = await this.runner.read((tx) =>
      tx.run(this.cypher.getEdge(typeOfEdgeId(id)), { id, grants: principal.grants }),
    );
    const record = found.records[0];
    return record ? fromStoredEdge(record.get('edge')) : null;
  }

  async findNodes(query: FindQuery, principal: Principal): Promise<GraphNode[]> {
    const mode = query.mode ?? 'normalised';
    const key = mode === 'exact' ? foldName(query.text) : normaliseName(query.text);
    if (!key) return [];
    const field = mode === 'exact' ? 'keysExact' : 'keysNorm';
    const lucene =
      mode === 'prefix' ? `${field}:${escapeLucene(key)}*` : `${field}:"${key.replace(/["\\]/g, '\\$&')}"`;
    const found = await this.runner.read((tx) =>
      tx.run(this.cypher.find(mode), {
        index: this.cypher.keysIndex,
        lucene,
        key,
        types: query.types ? [...query.types] : null,
        grants: principal.grants,
        limit: neo4j.int(query.limit ?? 20),
      }),
    );
    return found.records.map((record) => fromStoredNode(record.get('node')));
  }

  async neighbours(id: string, query: NeighbourQuery, principal: Principal): Promise<Neighbour[]> {
    const found = await this.runner.read((tx) =>
      tx.run(this.cypher.neighbours, {
        id,
        types: query.edgeTypes ? [...query.edgeTypes] : null,
        direction: query.direction ?? 'both',
        symmetric: SYMMETRIC,
        grants: principal.grants,
        limit: neo4j.int(query.limit ?? 1000),
      }),
    );
    return found.records.map((record) => ({
      edge: fromStoredEdge(record.get('edge')),
      node: fromStoredNode(record.get('node')),
      direction: record.get('outgoing') === true ? 'out' : 'in',
    }));
  }

  async traverse(start: string, query: TraverseQuery, principal: Principal): Promise<Reached[]> {
    // Which types may be followed along and against their direction; symmetric ones go both ways.
    const outTypes = new Set<EdgeType>();
    const inTypes = new Set<EdgeType>();
    for (const step of query.steps) {
      const symmetric = SYMMETRIC_EDGE_TYPES.has(step.type);
      if (step.direction !== 'in' || symmetric) outTypes.add(step.type);
      if (step.direction !== 'out' || symmetric) inTypes.add(step.type);
    }
    const limit = query.limit ?? 10_000;
    return this.runner.read(async (tx) => {
      const result: Reached[] = [];
      if (!(await this.visibleIn(tx, start, principal))) return result;
      const seen = new Set<string>([start]);
      let frontier = [start];
      for (let depth = 1; depth <= query.depth && frontier.length > 0; depth++) {
        const next: string[] = [];
        for (const step of await this.expand(tx, frontier, outTypes, inTypes, principal)) {
          if (seen.has(step.node.id)) continue;
          seen.add(step.node.id);
          result.push({ node: step.node, depth, via: step.edge });
          if (result.length >= limit) return result;
          next.push(step.node.id);
        }
        frontier = next;
      }
      return result;
    });
  }

  async paths(from: string, to: string, query: PathQuery, principal: Principal): Promise<GraphPath[]> {
    const maxDepth = Math.trunc(query.maxDepth ?? 4);
    if (from === to) {
      const node = await this.getNode(from, principal);
      return node ? [{ nodes: [node], edges: [] }] : [];
    }
    if (!Number.isSafeInteger(maxDepth) || maxDepth < 1) return [];
    const types = query.edgeTypes ? query.edgeTypes.filter((t) => EDGE_TYPE_SET.has(t)) : null;
    if (types !== null && types.length === 0) return [];
    const found = await this.runner.read((tx) =>
      tx.run(this.cypher.paths(types, maxDepth), {
        from,
        to,
        grants: principal.grants,
        limit: neo4j.int(query.limit ?? 5),
      }),
    );
    return found.records.map((record) => ({
      nodes: (record.get('nodes') as unknown[]).map(fromStoredNode),
      edges: (record.get('edges') as unknown[]).map(fromStoredEdge),
    }));
  }

  async subgraph(centres: readonly string[], depth: number, principal: Principal): Promise<Subgraph> {
    const all = new Set(EDGE_TYPES);
    return this.runner.read(async (tx) => {
      const nodes = new Map<string, GraphNode>();
      const start = await tx.run(this.cypher.getNodes, {
        ids: [...new Set(centres)],
        grants: principal.grants,
      });
      for (const record of start.records) {
        const node = fromStoredNode(record.get('node'));
        nodes.set(node.id, node);
      }
      let frontier = [...nodes.keys()];
      for (let level = 1; level <= depth && frontier.length > 0 && nodes.size < SUBGRAPH_CAP; level++) {
        const next: string[] = [];
        for (const step of await this.expand(tx, frontier, all, all, principal)) {
          if (nodes.has(step.node.id) || nodes.size >= SUBGRAPH_CAP) continue;
          nodes.set(step.node.id, step.node);
          next.push(step.node.id);
        }
        frontier = next;
      }
      const among = await tx.run(this.cypher.edgesAmong, {
        ids: [...nodes.keys()],
        grants: principal.grants,
      });
      return {
        nodes: [...nodes.values()],
        edges: among.records.map((record) => fromStoredEdge(record.get('edge'))),
      };
    });
  }

  async *scanNodes(types: readonly NodeType[], principal: Principal): AsyncIterable<GraphNode> {
    let after = '';
    for (;;) {
      const page = await this.runner.read((tx) =>
        tx.run(this.cypher.scan, {
          after,
          types: types.length > 0 ? [...types] : null,
          grants: principal.grants,
          page: neo4j.int(SCAN_PAGE),
        }),
      );
      const nodes = page.records.map((record) => fromStoredNode(record.get('node')));
      yield* nodes;
      if (nodes.length < SCAN_PAGE) return;
      after = nodes[nodes.length - 1]!.id;
    }
  }

  async stats(principal: Principal): Promise<GraphStats> {
    return this.runner.read(async (tx) => {
      const params = { grants: principal.grants };
      const stats: GraphStats = { nodes: 0, edges: 0, nodesByType: {}, edgesByType: {} };
      for (const record of (await tx.run(this.cypher.countNodes, params)).records) {
        const count = toNumber(record.get('count'));
        stats.nodesByType[record.get('type') as NodeType] = count;
        stats.nodes += count;
      }
      for (const record of (await tx.run(this.cypher.countEdges, params)).records) {
        const count = toNumber(record.get('count'));
        stats.edgesByType[record.get('type') as EdgeType] = count;
        stats.edges += count;
      }
      return stats;
    });
  }

  async exportTopology(query: TopologyQuery, principal: Principal): Promise<Topology> {
    const found = await this.runner.read((tx) =>
      tx.run(this.cypher.topology, {
        nodeTypes: [...query.nodeTypes],
        edgeTypes: [...query.edgeTypes],
        grants: principal.grants,
      }),
    );
    const record = found.records[0];
    if (!record) return { nodes: [], edges: [] };
    const nodes = (record.get('nodes') as Topology['nodes']).sort((a, b) => (a.id < b.id ? -1 : 1));
    const index = new Map(nodes.map((n, i) => [n.id, i]));
    const rows = record.get('edges') as Array<{
      type: EdgeType;
      from: string;
      to: string;
      props: string;
      provenance: string;
    }>;
    return {
      nodes,
      edges: rows.map((row) => ({
        type: row.type,
        from: index.get(row.from)!,
        to: index.get(row.to)!,
        props: JSON.parse(row.props) as Topology['edges'][number]['props'],
        inferred: (JSON.parse(row.provenance) as GraphEdge['provenance']).every((p) => p.inferred === true),
      })),
    };
  }

  async close(): Promise<void> {
    await this.runner.close();
  }

  private async visibleIn(tx: CypherTx, id: string, principal: Principal): Promise<boolean> {
    const found = await tx.run(this.cypher.getNodes, { ids: [id], grants: principal.grants });
    return found.records.length > 0;
  }

  private async expand(
    tx: CypherTx,
    frontier: readonly string[],
    outTypes: ReadonlySet<EdgeType>,
    inTypes: ReadonlySet<EdgeType>,
    principal: Principal,
  ): Promise<Array<{ edge: GraphEdge; node: GraphNode }>> {
    const found = await tx.run(this.cypher.expand, {
      frontier: [...frontier],
      outTypes: [...outTypes],
      inTypes: [...inTypes],
      grants: principal.grants,
    });
    return found.records.map((record) => ({
      edge: fromStoredEdge(record.get('edge')),
      node: fromStoredNode(record.get('node')),
    }));
  }
}
