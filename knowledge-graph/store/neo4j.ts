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
  type Provenance,
  SYMMETRIC_EDGE_TYPES,
} from '../schema/index.js';
import { mergeEdge, mergeNode, mergeProvenance } from './merge.js';
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

/**
 * Node as stored. Neo4j properties cannot hold maps, so each prop is its own property (`p_` + the
 * URI-encoded key, holding the value's JSON) and provenance is two parallel lists (`provKeys`, one
 * `source\u0000record` per entry, and `provItems`, the entries' JSON): shapes Cypher can merge in
 * place. Nodes written before that carry `props` and `provenance` as JSON strings instead (legacy).
 */
interface StoredNode {
  id: string;
  type: NodeType;
  name: string;
  visibility: string;
  aliases: string[] | null;
  props: string | null;
  provenance: string | null;
  provItems: string[] | null;
  p: Array<[string, string]> | null;
}

interface StoredEdge {
  id: string;
  type: EdgeType;
  from: string;
  to: string;
  visibility: string;
  props: string | null;
  provenance: string | null;
  provItems: string[] | null;
  p: Array<[string, string]> | null;
}

const PROP = 'p_';

function propsOf(row: StoredNode | StoredEdge): Record<string, unknown> {
  if (typeof row.props === 'string') return JSON.parse(row.props) as Record<string, unknown>;
  return Object.fromEntries(
    (row.p ?? []).map(([key, json]) => [decodeURIComponent(key.slice(PROP.length)), JSON.parse(json)]),
  );
}

function provenanceOf(row: StoredNode | StoredEdge): Provenance[] {
  if (typeof row.provenance === 'string') return JSON.parse(row.provenance) as Provenance[];
  return (row.provItems ?? []).map((item) => JSON.parse(item) as Provenance);
}

function fromStoredNode(value: unknown): GraphNode {
  const row = value as StoredNode;
  return {
    id: row.id,
    type: row.type,
    name: row.name,
    visibility: row.visibility,
    aliases: row.aliases ?? [],
    props: propsOf(row),
    provenance: provenanceOf(row),
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
    props: propsOf(row) as GraphEdge['props'],
    provenance: provenanceOf(row),
  };
}

/**
 * Props as `SET x += map` overlays them. An undefined value becomes null, which removes the
 * property, as an undefined value drops its key from the JSON the other adapters store.
 */
function storedProps(props: object): Record<string, string | null> {
  return Object.fromEntries(
    Object.entries(props).map(([key, value]) => [
      PROP + encodeURIComponent(key),
      value === undefined ? null : JSON.stringify(value),
    ]),
  );
}

/** One entry per source record (merge.ts), so the Cypher union need only look at what is stored. */
function storedProvenance(provenance: readonly Provenance[]) {
  const unique = mergeProvenance([], provenance);
  return {
    provKeys: unique.map((p) => `${p.source}\u0000${p.record}`),
    provItems: unique.map((p) => JSON.stringify(p)),
  };
}

/** The lookup keys of names, as sqlite.ts keeps them in graph_keys. */
function keysOf(names: readonly string[]): { exact: string[]; norm: string[] } {
  const exact = new Set<string>();
  const norm = new Set<string>();
  for (const name of names) {
    const folded = foldName(name);
    const normalised = normaliseName(name);
    if (folded) exact.add(folded);
    if (normalised) norm.add(normalised);
  }
  return { exact: [...exact], norm: [...norm] };
}

/**
 * The name keys in the parts Cypher can merge: those of the name and aliases (`namesExact`,
 * `namesNorm`) only grow under a merge, as the names do (an old name becomes an alias), so they are
 * unioned; the stock code's (`codeExact`, `codeNorm`) follow the `code` prop, which an overlay may
 * replace. The indexed `keysExact`/`keysNorm` are recomputed from both on every write.
 */
function nameParts(name: string, aliases: readonly string[], props: object) {
  const names = keysOf([name, ...aliases]);
  const code: unknown = (props as { code?: unknown }).code;
  const codeKeys = typeof code === 'string' ? keysOf([code]) : { exact: [], norm: [] };
  return {
    namesExact: names.exact,
    namesNorm: names.norm,
    codeExact: codeKeys.exact[0] ?? null,
    codeNorm: codeKeys.norm[0] ?? null,
  };
}

/** A node as the merge statement takes it: the incoming record, never anything read back. */
function nodeRow(node: GraphNode) {
  return {
    id: node.id,
    type: node.type,
    name: node.name,
    visibility: node.visibility,
    aliases: node.aliases,
    props: storedProps(node.props),
    ...storedProvenance(node.provenance),
    ...nameParts(node.name, node.aliases, node.props),
    // Whether the overlay replaces the stored code (and so its keys).
    hasCode: 'code' in node.props,
  };
}

function edgeRow(edge: GraphEdge) {
  return {
    id: edge.id,
    from: edge.from,
    to: edge.to,
    visibility: edge.visibility,
    props: storedProps(edge.props),
    ...storedProvenance(edge.provenance),
  };
}

/** A legacy node's or edge's bodies in the new shape, so the merge statement can work on it. */
function convertedFields(row: StoredNode | StoredEdge, names: object) {
  return { ...storedProps(propsOf(row)), ...storedProvenance(provenanceOf(row)), ...names };
}

interface Collapsed<T> {
  item: T;
  /** How many later copies in the batch changed it. */
  changes: number;
}

/**
 * Later copies of an id in one batch merge into the first, as they would written one by one, so
 * each id is one row of the merge statement (rows of one statement would not see each other's
 * merge). Only batch entries are merged here, never stored state. In id order, so batches sharing
 * records lock them in the same order rather than deadlock.
 */
function collapse<T extends { id: string }>(
  items: readonly T[],
  merge: (before: T, incoming: T) => T,
  row: (item: T) => unknown,
): Map<string, Collapsed<T>> {
  const byId = new Map<string, Collapsed<T>>();
  for (const item of items) {
    const before = byId.get(item.id);
    if (!before) {
      byId.set(item.id, { item, changes: 0 });
      continue;
    }
    const merged = merge(before.item, item);
    if (JSON.stringify(row(merged)) !== JSON.stringify(row(before.item))) {
      byId.set(item.id, { item: merged, changes: before.changes + 1 });
    }
  }
  return new Map([...byId].sort(([a], [b]) => (a < b ? -1 : 1)));
}

function groupBy<T, K>(items: readonly T[], key: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const list = groups.get(key(item)) ?? [];
    list.push(item);
    groups.set(key(item), list);
  }
  return groups;
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

/** Both shapes' bodies: the legacy JSON strings, or the `p_` properties and `provItems`. */
const BODY = (v: string) =>
  `.props, .provenance, .provItems, p: [k IN keys(${v}) WHERE k STARTS WITH '${PROP}' | [k, ${v}[k]]]`;
const NODE_MAP = (v: string) => `${v} {.id, .type, .name, .visibility, .aliases, ${BODY(v)}}`;
const EDGE_MAP = (v: string) =>
  `${v} {.id, .visibility, ${BODY(v)}, type: type(${v}), from: startNode(${v}).id, to: endNode(${v}).id}`;

/**
 * Setting a property takes the write lock, so what is read after it is the latest commit and stays
 * so until the transaction ends: concurrent upserts of one record queue instead of overwriting each
 * other's merge (Neo4j reads at read committed).
 */
const LOCK = (v: string) => `SET ${v}._lock = true`;
/** merge.ts: a new record, or one changing visibility, keeps nothing of what was stored. */
const KEPT = (
  v: string,
) => `WITH row, ${v}, before, CASE WHEN before.visibility = row.visibility THEN before ELSE {} END AS kept
WITH row, ${v}, before, kept,
  [i IN range(0, size(row.provKeys) - 1) WHERE NOT row.provKeys[i] IN coalesce(kept.provKeys, [])] AS fresh`;
/** Name keys only grow under a merge (see nameParts): the kept ones, then the incoming ones not among them. */
const UNION = (list: string) =>
  `coalesce(kept.${list}, []) + [k IN row.${list} WHERE NOT k IN coalesce(kept.${list}, [])]`;
/** Whatever is not kept goes, every `p_` prop included, before the incoming record is laid over. */
const REPLACE = (v: string) =>
  `FOREACH (_ IN CASE WHEN kept.visibility IS NULL THEN [1] ELSE [] END | SET ${v} = {id: row.id})`;
/** One entry per source record, the first kept: the stored ones, then the incoming ones not among them. */
const PROVENANCE = (
  v: string,
) => `${v}.provKeys = coalesce(kept.provKeys, []) + [i IN fresh | row.provKeys[i]],
  ${v}.provItems = coalesce(kept.provItems, []) + [i IN fresh | row.provItems[i]]`;
/**
 * `changed` compares every property before and after. Both carry the lock property, except after a
 * replacement (new record or changed visibility), which is a change anyway.
 */
const UNLOCK = (v: string) => `WITH row, ${v}, before, before <> properties(${v}) AS changed
REMOVE ${v}._lock`;

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
    existingIds: `UNWIND $ids AS id MATCH (n:${L} {id: id}) RETURN n.id AS id`,
    // Legacy bodies (JSON strings) are rewritten in the new shape before the merge. Locked before
    // they are read, so the rewrite cannot overwrite a concurrent upsert; the locks hold to commit.
    lockLegacyNodes: `UNWIND $ids AS id
MATCH (n:${L} {id: id})
WHERE n.props IS NOT NULL
SET n._lock = true
RETURN ${NODE_MAP('n')} AS node`,
    convertNodes: `UNWIND $rows AS row
MATCH (n:${L} {id: row.id})
SET n += row.fields
REMOVE n.props, n.provenance, n._lock`,
    lockLegacyEdges: `UNWIND $rows AS row
MATCH (:${L} {id: row.from})-[r]->(:${L} {id: row.to})
WHERE r.id = row.id AND r.props IS NOT NULL
SET r._lock = true
RETURN ${EDGE_MAP('r')} AS edge`,
    convertEdges: `UNWIND $rows AS row
MATCH (:${L} {id: row.from})-[r]->(:${L} {id: row.to})
WHERE r.id = row.id
SET r += row.fields
REMOVE r.props, r.provenance, r._lock`,
    // merge.ts in Cypher, so the stored node is read and rewritten under one lock. The type label
    // changes with the node's type, so the other type labels are removed.
    writeNodes: (type: NodeType) => `UNWIND $rows AS row
MERGE (n:${L} {id: row.id})
${LOCK('n')}
WITH row, n, properties(n) AS before
${KEPT('n')},
  CASE WHEN kept.visibility IS NULL THEN row.aliases
  ELSE reduce(acc = [], a IN coalesce(kept.aliases, []) + row.aliases + CASE WHEN kept.name <> row.name THEN [kept.name] ELSE [] END |
    CASE WHEN a = row.name OR a IN acc THEN acc ELSE acc + a END) END AS aliases,
  ${UNION('namesExact')} AS namesExact,
  ${UNION('namesNorm')} AS namesNorm,
  CASE WHEN row.hasCode THEN row.codeExact ELSE kept.codeExact END AS codeExact,
  CASE WHEN row.hasCode THEN row.codeNorm ELSE kept.codeNorm END AS codeNorm
${REPLACE('n')}
SET n += row.props, n:\`${type}\`, n.type = row.type, n.name = row.name, n.visibility = row.visibility,
  n.aliases = aliases, n.namesExact = namesExact, n.namesNorm = namesNorm,
  n.codeExact = codeExact, n.codeNorm = codeNorm,
  n.keysExact = namesExact + [k IN [codeExact] WHERE row.type = 'Enterprise' AND k <> '' AND NOT k IN namesExact],
  n.keysNorm = namesNorm + [k IN [codeNorm] WHERE row.type = 'Enterprise' AND k <> '' AND NOT k IN namesNorm],
  ${PROVENANCE('n')}
REMOVE ${NODE_TYPES.filter((t) => t !== type)
      .map((t) => `n:\`${t}\``)
      .join(', ')}
${UNLOCK('n')}
RETURN row.id AS id, before.visibility AS was, before.type AS wasType, changed`,
    writeEdges: (type: EdgeType) => `UNWIND $rows AS row
MATCH (a:${L} {id: row.from})
MATCH (b:${L} {id: row.to})
MERGE (a)-[r:\`${type}\` {id: row.id}]->(b)
${LOCK('r')}
WITH row, r, properties(r) AS before
${KEPT('r')}
${REPLACE('r')}
SET r += row.props, r.visibility = row.visibility, ${PROVENANCE('r')}
// Plain numbers for Cypher analytics; toFloat gives null (no property) for JSON that is no number.
SET r.weight = toFloat(r.${PROP}weight), r.share = toFloat(r.${PROP}share)
${UNLOCK('r')}
RETURN row.id AS id, before.visibility AS was, changed`,
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
  RETURN collect(${EDGE_MAP('r')}) AS edges
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
 * edges are relationships typed by edge type. An upsert merges into the stored record inside Cypher,
 * under the record's write lock, with merge.ts's rules, so concurrent writers never lose each
 * other's aliases or provenance; every read filters visibility in Cypher.
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
    const nodes = collapse(batch.nodes ?? [], mergeNode, nodeRow);
    const edges = collapse(batch.edges ?? [], mergeEdge, edgeRow);
    const q = this.cypher;
    return this.runner.write(async (tx) => {
      const edgeList = [...edges.values()].map((e) => e.item);
      await this.checkEndpoints(tx, nodes, edgeList);
      await this.convertLegacy(tx, [...nodes.keys()], edgeList);

      // Counted as sqlite.ts counts: a node new to the graph as created, plus one update per later
      // copy in the batch that changed it; a stored node as updated when the batch changed it.
      const result = emptyWriteResult();
      const types = new Set<NodeType>();
      for (const [type, group] of groupBy([...nodes.values()], (n) => n.item.type)) {
        const written = await tx.run(q.writeNodes(type), { rows: group.map((n) => nodeRow(n.item)) });
        for (const record of written.records) {
          if (!this.outcome(record, nodes, 'node', result)) continue;
          types.add(type);
          const wasType = record.get('wasType') as NodeType | null;
          if (wasType !== null) types.add(wasType);
        }
      }
      let edgesChanged = false;
      for (const [type, group] of groupBy([...edges.values()], (e) => e.item.type)) {
        const written = await tx.run(q.writeEdges(type), { rows: group.map((e) => edgeRow(e.item)) });
        for (const record of written.records) {
          if (this.outcome(record, edges, 'edge', result)) edgesChanged = true;
        }
      }
      if (types.size > 0 || edgesChanged) await tx.run(q.bumpVersion, {});
      if (types.size > 0) await tx.run(q.bumpTypes([...types]), {});
      return result;
    });
  }

  /** Adds one returned row of a merge statement to the result; true when the write changed it. */
  private outcome(
    record: CypherRecord,
    batch: ReadonlyMap<string, Collapsed<{ visibility: string }>>,
    kind: 'node' | 'edge',
    result: WriteResult,
  ): boolean {
    const id = record.get('id') as string;
    const was = record.get('was') as string | null;
    const { item, changes } = batch.get(id)!;
    if (was === null) {
      if (kind === 'node') {
        result.nodesCreated++;
        result.nodesUpdated += changes;
      } else {
        result.edgesCreated++;
        result.edgesUpdated += changes;
      }
      return true;
    }
    if (record.get('changed') !== true) return false;
    if (kind === 'node') result.nodesUpdated++;
    else result.edgesUpdated++;
    if (was !== item.visibility) result.visibilityChanges.push({ kind, id, from: was, to: item.visibility });
    return true;
  }

  /** An edge whose end is neither in the batch nor stored fails the batch before anything is written. */
  private async checkEndpoints(
    tx: CypherTx,
    nodes: ReadonlyMap<string, unknown>,
    edges: readonly GraphEdge[],
  ): Promise<void> {
    const endpoints = [...new Set(edges.flatMap((e) => [e.from, e.to]))].filter((id) => !nodes.has(id));
    const present = new Set(nodes.keys());
    if (endpoints.length > 0) {
      const found = await tx.run(this.cypher.existingIds, { ids: endpoints });
      for (const record of found.records) present.add(record.get('id') as string);
    }
    for (const edge of edges) {
      const missing = [edge.from, edge.to].find((id) => !present.has(id));
      // executeWrite rolls back anyway: the batch leaves no trace.
      if (missing !== undefined) {
        throw new GraphIntegrityError(`edge ${edge.id} refers to node ${missing}, which is not in the graph`);
      }
    }
  }

  /** Rewrites the batch's records still stored in the legacy shape (JSON bodies) in the new one. */
  private async convertLegacy(tx: CypherTx, nodeIds: readonly string[], edges: readonly GraphEdge[]) {
    if (nodeIds.length > 0) {
      const found = await tx.run(this.cypher.lockLegacyNodes, { ids: nodeIds });
      const rows = found.records.flatMap((record) => {
        const row = record.get('node') as StoredNode;
        // A concurrent upsert converted it while this one waited for the lock.
        if (typeof row.props !== 'string') return [];
        const node = fromStoredNode(row);
        return [{ id: row.id, fields: convertedFields(row, nameParts(node.name, node.aliases, node.props)) }];
      });
      if (rows.length > 0) await tx.run(this.cypher.convertNodes, { rows });
    }
    if (edges.length > 0) {
      const found = await tx.run(this.cypher.lockLegacyEdges, {
        rows: edges.map((e) => ({ id: e.id, from: e.from, to: e.to })),
      });
      const rows = found.records.flatMap((record) => {
        const row = record.get('edge') as StoredEdge;
        if (typeof row.props !== 'string') return [];
        return [{ id: row.id, from: row.from, to: row.to, fields: convertedFields(row, {}) }];
      });
      if (rows.length > 0) await tx.run(this.cypher.convertEdges, { rows });
    }
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
    return {
      nodes,
      edges: (record.get('edges') as unknown[]).map(fromStoredEdge).map((edge) => ({
        type: edge.type,
        from: index.get(edge.from)!,
        to: index.get(edge.to)!,
        props: edge.props,
        inferred: edge.provenance.every((p) => p.inferred === true),
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
