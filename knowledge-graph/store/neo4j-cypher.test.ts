import neo4j from 'neo4j-driver';
import { describe, expect, it } from 'vitest';
import {
  enterprisePrincipal,
  type GraphEdge,
  type GraphNode,
  PUBLIC_PRINCIPAL,
  SYSTEM_PRINCIPAL,
} from '../schema/index.js';
import { edge, node } from './fixtures.js';
import { type CypherRunner, type CypherTx, Neo4jGraphStore } from './neo4j.js';
import { UPSTREAM_STEPS } from './port.js';
import { GraphIntegrityError } from './sqlite.js';

/** What the store sent: the statement, its parameters, and which transaction it ran in. */
interface Sent {
  tx: number;
  mode: 'read' | 'write';
  query: string;
  params: Record<string, unknown>;
}

type Answer = (query: string, params: Record<string, unknown>) => Array<Record<string, unknown>>;

/** A stand-in for the driver's sessions: records every statement and answers from `answer`. */
class RecordingRunner implements CypherRunner {
  readonly sent: Sent[] = [];
  closed = false;
  private transactions = 0;

  constructor(public answer: Answer = () => []) {}

  read<T>(work: (tx: CypherTx) => Promise<T>): Promise<T> {
    return this.run('read', work);
  }

  write<T>(work: (tx: CypherTx) => Promise<T>): Promise<T> {
    return this.run('write', work);
  }

  async close(): Promise<void> {
    this.closed = true;
  }

  private run<T>(mode: 'read' | 'write', work: (tx: CypherTx) => Promise<T>): Promise<T> {
    const tx = ++this.transactions;
    return work({
      run: async (query, params) => {
        this.sent.push({ tx, mode, query, params });
        return { records: this.answer(query, params).map((row) => ({ get: (key: string) => row[key] })) };
      },
    });
  }
}

async function openFake(answer?: Answer) {
  const runner = new RecordingRunner(answer);
  const store = await Neo4jGraphStore.open(runner);
  runner.sent.length = 0;
  return { runner, store };
}

/** Rows as Neo4j returns them for the store's map projections: one `p_` property per prop. */
function stored<T extends GraphNode | GraphEdge>(x: T) {
  return {
    ...x,
    props: null,
    provenance: null,
    provItems: x.provenance.map((p) => JSON.stringify(p)),
    p: Object.entries(x.props).map(([key, value]) => [`p_${encodeURIComponent(key)}`, JSON.stringify(value)]),
  };
}
const storedNode = stored<GraphNode>;
const storedEdge = stored<GraphEdge>;

/** Rows in the shape written before merging moved into Cypher: bodies as JSON strings. */
function legacy<T extends GraphNode | GraphEdge>(x: T) {
  return {
    ...x,
    props: JSON.stringify(x.props),
    provenance: JSON.stringify(x.provenance),
    provItems: null,
    p: [],
  };
}

type Row = Record<string, unknown>;

/** The upsert's merge statements (not the version counters'). */
const isMerge = (query: string) => query.startsWith('UNWIND') && query.includes('MERGE');

/** Answers each merge statement row as Neo4j would for a record in the state `outcome` gives. */
function merged(
  outcome: (row: Row) => { was: string | null; wasType?: string | null; changed: boolean },
): Answer {
  return (query, params) => {
    if (isMerge(query))
      return (params.rows as Row[]).map((row) => ({ id: row.id, wasType: null, ...outcome(row) }));
    // Every edge end asked about is stored.
    if (query.includes('RETURN n.id AS id')) return (params.ids as string[]).map((id) => ({ id }));
    return [];
  };
}

const allNew = merged(() => ({ was: null, changed: true }));

function mergeStatements(sent: readonly Sent[]): Sent[] {
  return sent.filter((s) => isMerge(s.query));
}

const VISIBILITY = (v: string) =>
  `(${v}.visibility = 'public' OR '*' IN $grants OR ${v}.visibility IN $grants)`;

const rubber = node('Product', '天然橡胶', { aliases: ['NR'] });
const tyre = node('Product', '轮胎');
const car = node('Product', '汽车');
const maker = node('Enterprise', '重庆小康工业集团股份有限公司', {
  key: '601127',
  aliases: ["小康'}) DETACH DELETE n //"],
  props: { code: '601127', exchange: 'SH' },
});
const madeFrom = edge('MADE_FROM', tyre, rubber, { props: { share: 0.4 } });
const produces = edge('PRODUCES', maker, car, { props: { weight: 0.8 } });

/** Every string a caller supplied; none may appear in Cypher text. */
const USER_VALUES = [
  ...[rubber, tyre, car, maker].flatMap((n) => [n.id, n.name, ...n.aliases]),
  madeFrom.id,
  produces.id,
  '601127',
];

function expectParameterised(sent: readonly Sent[]): void {
  for (const s of sent) for (const value of USER_VALUES) expect(s.query).not.toContain(value);
}

describe('Neo4jGraphStore Cypher', () => {
  it('creates its constraint and indexes on open, one schema statement per transaction', async () => {
    const runner = new RecordingRunner();
    await Neo4jGraphStore.open(runner);
    const queries = runner.sent.map((s) => s.query);
    expect(queries).toContain(
      'CREATE CONSTRAINT node_id IF NOT EXISTS FOR (n:`Node`) REQUIRE n.id IS UNIQUE',
    );
    expect(queries).toContain('CREATE INDEX node_type IF NOT EXISTS FOR (n:`Node`) ON (n.type)');
    expect(queries.find((q) => q.startsWith('CREATE FULLTEXT INDEX node_keys'))).toContain(
      "ON EACH [n.keysExact, n.keysNorm] OPTIONS {indexConfig: {`fulltext.analyzer`: 'keyword'}}",
    );
    expect(queries).toContain(
      'CREATE INDEX rel_made_from_id IF NOT EXISTS FOR ()-[r:`MADE_FROM`]-() ON (r.id)',
    );
    expect(queries.at(-1)).toBe('CALL db.awaitIndexes(300)');
    expect(new Set(runner.sent.map((s) => s.tx)).size).toBe(runner.sent.length);
    expect(runner.sent.every((s) => s.mode === 'write')).toBe(true);
  });

  it('refuses a label that is not a plain identifier, before sending anything', async () => {
    const runner = new RecordingRunner();
    await expect(Neo4jGraphStore.open(runner, { label: 'Node) DETACH DELETE n //' })).rejects.toThrow(
      /label/,
    );
    expect(runner.sent).toEqual([]);
  });

  it('writes a batch with UNWIND statements in one write transaction, values only in parameters', async () => {
    const { runner, store } = await openFake(allNew);
    const result = await store.upsert({ nodes: [rubber, tyre, car, maker], edges: [madeFrom, produces] });
    expect(result).toEqual({
      nodesCreated: 4,
      nodesUpdated: 0,
      edgesCreated: 2,
      edgesUpdated: 0,
      visibilityChanges: [],
    });

    expect(new Set(runner.sent.map((s) => `${s.mode}:${s.tx}`))).toEqual(
      new Set([`write:${runner.sent[0]!.tx}`]),
    );
    // The graph versions (in all, and per node type written) move in the same transaction as the write.
    expect(runner.sent.at(-2)!.query).toBe(
      "MERGE (m:`NodeMeta` {key: 'graph'}) SET m.version = coalesce(m.version, 0) + 1",
    );
    expect(runner.sent.at(-1)!.query).toBe(
      "MERGE (m:`NodeMeta` {key: 'graph'}) SET m.`v_Enterprise` = coalesce(m.`v_Enterprise`, 0) + 1, m.`v_Product` = coalesce(m.`v_Product`, 0) + 1",
    );
    expect(runner.sent.slice(0, -2).every((s) => s.query.startsWith('UNWIND $'))).toBe(true);
    expectParameterised(runner.sent);

    const writes = mergeStatements(runner.sent);
    expect(
      writes.map((s) =>
        s.query
          .match(/, n:`(\w+)`|MERGE \(a\)-\[r:`(\w+)`/)!
          .slice(1)
          .join(''),
      ),
    ).toEqual(['Enterprise', 'Product', 'MADE_FROM', 'PRODUCES']);
    const products = writes[1]!;
    expect(products.query).toContain('MERGE (n:`Node` {id: row.id})');
    expect(products.query).toContain('REMOVE n:`Enterprise`');
    // Rows in id order, so batches sharing nodes take their locks in one order.
    expect((products.params.rows as Row[]).map((r) => r.id)).toEqual([car.id, rubber.id, tyre.id].sort());
    const makerRow = (writes[0]!.params.rows as Row[])[0]!;
    expect(makerRow).toMatchObject({
      id: maker.id,
      type: 'Enterprise',
      name: maker.name,
      visibility: 'public',
      aliases: maker.aliases,
      // One property per prop, holding its JSON, so `SET n += row.props` overlays key by key.
      props: { p_code: '"601127"', p_exchange: '"SH"' },
      provKeys: [`test\u0000Enterprise:${maker.name}`],
      provItems: maker.provenance.map((p) => JSON.stringify(p)),
      hasCode: true,
      codeExact: '601127',
      codeNorm: '601127',
    });
    expect(makerRow.namesNorm).toEqual(expect.arrayContaining(['重庆小康工业']));
    expect(makerRow.namesExact).toContain('重庆小康工业集团股份有限公司');

    const [edgeRow] = writes[2]!.params.rows as Row[];
    expect(edgeRow).toEqual({
      id: madeFrom.id,
      from: tyre.id,
      to: rubber.id,
      visibility: 'public',
      props: { p_share: '0.4' },
      provKeys: [`test\u0000MADE_FROM:${tyre.id}->${rubber.id}`],
      provItems: madeFrom.provenance.map((p) => JSON.stringify(p)),
    });
    // weight and share stay plain numbers for Cypher analytics, taken from the merged props.
    expect(writes[2]!.query).toContain('SET r.weight = toFloat(r.p_weight), r.share = toFloat(r.p_share)');
  });

  it('rejects a batch whose edge names a missing node, before writing anything', async () => {
    const { runner, store } = await openFake();
    const orphan = node('Product', '孤儿产品');
    const batch = { nodes: [orphan], edges: [edge('MADE_FROM', orphan, 'product:不存在')] };
    const failure = store.upsert(batch);
    await expect(failure).rejects.toBeInstanceOf(GraphIntegrityError);
    await expect(failure).rejects.toThrow(/product:不存在/);
    const existence = runner.sent.find((s) => s.query.includes('RETURN n.id AS id'));
    expect(existence?.params).toEqual({ ids: ['product:不存在'] });
    expect(runner.sent.some((s) => s.query.includes('MERGE'))).toBe(false);
  });

  it('merges inside the MERGE statement under the lock, sending only the incoming record', async () => {
    let outcome: Parameters<typeof merged>[0] = () => ({
      was: 'public',
      wasType: 'Enterprise',
      changed: true,
    });
    const { runner, store } = await openFake(merged((row) => outcome(row)));
    const fromIckg = node('Enterprise', '小康股份', {
      key: '601127',
      source: 'ickg25',
      props: { code: '601127' },
    });
    expect(await store.upsert({ nodes: [fromIckg] })).toEqual({
      nodesCreated: 0,
      nodesUpdated: 1,
      edgesCreated: 0,
      edgesUpdated: 0,
      visibilityChanges: [],
    });
    // Nothing stored is read before the merge but bodies in the legacy shape, locked as they are read.
    const mergeAt = runner.sent.findIndex((s) => s.query.includes('MERGE'));
    expect(runner.sent.slice(0, mergeAt).map((s) => s.query)).toEqual([
      expect.stringContaining('WHERE n.props IS NOT NULL\nSET n._lock = true\nRETURN'),
    ]);
    const merge = runner.sent[mergeAt]!;
    expect(merge.params.rows).toEqual([
      expect.objectContaining({
        name: '小康股份',
        aliases: [],
        provKeys: [`ickg25\u0000Enterprise:小康股份`],
      }),
    ]);
    // The lock is taken before the stored node is read, and the union is done from what it read.
    const q = merge.query;
    expect(q.indexOf('SET n._lock = true')).toBeGreaterThan(q.indexOf('MERGE (n:`Node` {id: row.id})'));
    expect(q.indexOf('SET n._lock = true')).toBeLessThan(q.indexOf('properties(n) AS before'));
    expect(q).toContain('CASE WHEN before.visibility = row.visibility THEN before ELSE {} END AS kept');
    expect(q).toContain(
      'reduce(acc = [], a IN coalesce(kept.aliases, []) + row.aliases + CASE WHEN kept.name <> row.name THEN [kept.name] ELSE [] END |',
    );
    expect(q).toContain('CASE WHEN a = row.name OR a IN acc THEN acc ELSE acc + a END');
    expect(q).toContain(
      '[i IN range(0, size(row.provKeys) - 1) WHERE NOT row.provKeys[i] IN coalesce(kept.provKeys, [])] AS fresh',
    );
    expect(q).toContain('n.provItems = coalesce(kept.provItems, []) + [i IN fresh | row.provItems[i]]');
    expect(q).toContain(
      'FOREACH (_ IN CASE WHEN kept.visibility IS NULL THEN [1] ELSE [] END | SET n = {id: row.id})',
    );
    expect(q).toContain('SET n += row.props');
    expect(q).toContain("n.keysExact = namesExact + [k IN [codeExact] WHERE row.type = 'Enterprise'");
    expect(q).toContain('before <> properties(n) AS changed');
    expect(q).toContain('RETURN row.id AS id, before.visibility AS was, before.type AS wasType, changed');

    // Unchanged rows count for nothing and move no version.
    outcome = () => ({ was: 'public', wasType: 'Enterprise', changed: false });
    runner.sent.length = 0;
    expect(await store.upsert({ nodes: [maker] })).toEqual({
      nodesCreated: 0,
      nodesUpdated: 0,
      edgesCreated: 0,
      edgesUpdated: 0,
      visibilityChanges: [],
    });
    expect(runner.sent.some((s) => s.query.includes('NodeMeta'))).toBe(false);

    // A changed visibility, and the stored type's version moves too when the type changed.
    outcome = () => ({ was: 'enterprise:S1', wasType: 'Product', changed: true });
    runner.sent.length = 0;
    expect((await store.upsert({ nodes: [maker] })).visibilityChanges).toEqual([
      { kind: 'node', id: maker.id, from: 'enterprise:S1', to: 'public' },
    ]);
    expect(runner.sent.at(-1)!.query).toBe(
      "MERGE (m:`NodeMeta` {key: 'graph'}) SET m.`v_Enterprise` = coalesce(m.`v_Enterprise`, 0) + 1, m.`v_Product` = coalesce(m.`v_Product`, 0) + 1",
    );
  });

  it('merges edges the same way, taking weight and share from the merged props', async () => {
    let outcome: Parameters<typeof merged>[0] = () => ({ was: 'enterprise:S1', changed: true });
    const { runner, store } = await openFake(merged((row) => outcome(row)));
    const cleared = { ...madeFrom, props: { share: 0.5, note: undefined } };
    expect(await store.upsert({ edges: [cleared] })).toEqual({
      nodesCreated: 0,
      nodesUpdated: 0,
      edgesCreated: 0,
      edgesUpdated: 1,
      visibilityChanges: [{ kind: 'edge', id: madeFrom.id, from: 'enterprise:S1', to: 'public' }],
    });
    const [merge] = mergeStatements(runner.sent);
    // An undefined prop is sent as null, which removes its property, as it drops out of JSON.
    expect((merge!.params.rows as Row[])[0]!.props).toEqual({ p_share: '0.5', p_note: null });
    const q = merge!.query;
    expect(q.indexOf('SET r._lock = true')).toBeLessThan(q.indexOf('properties(r) AS before'));
    expect(q).toContain(
      'FOREACH (_ IN CASE WHEN kept.visibility IS NULL THEN [1] ELSE [] END | SET r = {id: row.id})',
    );
    expect(q).toContain('SET r += row.props, r.visibility = row.visibility');
    expect(q).toContain('r.provKeys = coalesce(kept.provKeys, []) + [i IN fresh | row.provKeys[i]]');
    expect(q.indexOf('toFloat(r.p_share)')).toBeGreaterThan(q.indexOf('SET r += row.props'));
    // Only the graph version moves for an edge; no node type was written.
    expect(runner.sent.filter((s) => s.query.includes('NodeMeta')).map((s) => s.query)).toEqual([
      "MERGE (m:`NodeMeta` {key: 'graph'}) SET m.version = coalesce(m.version, 0) + 1",
    ]);

    outcome = () => ({ was: 'public', changed: false });
    expect(await store.upsert({ edges: [madeFrom] })).toMatchObject({
      edgesUpdated: 0,
      visibilityChanges: [],
    });
  });

  it('sends copies of one id in a batch as one merged row, counting them as written one by one', async () => {
    const { runner, store } = await openFake(allNew);
    const copy = node('Product', '天然橡胶', { aliases: ['天然胶'], source: 'other', props: { unit: '吨' } });
    expect(await store.upsert({ nodes: [rubber, copy, rubber] })).toMatchObject({
      nodesCreated: 1,
      nodesUpdated: 1,
    });
    const [merge] = mergeStatements(runner.sent);
    expect(merge!.params.rows).toEqual([
      expect.objectContaining({
        id: rubber.id,
        aliases: ['NR', '天然胶'],
        props: { p_unit: '"吨"' },
        provKeys: ['test\u0000Product:天然橡胶', 'other\u0000Product:天然橡胶'],
      }),
    ]);
  });

  it('rewrites legacy JSON bodies in the new shape in the same transaction, before the merge', async () => {
    const { runner, store } = await openFake((query, params) => {
      if (query.includes('n.props IS NOT NULL')) return [{ node: legacy(maker) }];
      if (query.includes('r.props IS NOT NULL')) return [{ edge: legacy(produces) }];
      return allNew(query, params);
    });
    await store.upsert({ nodes: [maker, car], edges: [produces] });
    const convertNodes = runner.sent.find((s) => s.query.includes('SET n += row.fields'))!;
    expect(convertNodes.query).toContain('REMOVE n.props, n.provenance, n._lock');
    expect(convertNodes.params.rows).toEqual([
      {
        id: maker.id,
        fields: expect.objectContaining({
          p_code: '"601127"',
          p_exchange: '"SH"',
          provKeys: [`test\u0000Enterprise:${maker.name}`],
          provItems: maker.provenance.map((p) => JSON.stringify(p)),
          namesExact: expect.arrayContaining(['重庆小康工业集团股份有限公司']),
          codeExact: '601127',
        }),
      },
    ]);
    const convertEdges = runner.sent.find((s) => s.query.includes('SET r += row.fields'))!;
    expect(convertEdges.params.rows).toEqual([
      expect.objectContaining({ id: produces.id, fields: expect.objectContaining({ p_weight: '0.8' }) }),
    ]);
    const order = runner.sent.map((s) => s.query);
    const firstMerge = order.findIndex((q) => q.includes('MERGE'));
    expect(order.indexOf(convertNodes.query)).toBeLessThan(firstMerge);
    expect(order.indexOf(convertEdges.query)).toBeLessThan(firstMerge);
    expect(new Set(runner.sent.map((s) => s.tx)).size).toBe(1);
  });

  it('reads nodes in both the new and the legacy shape', async () => {
    const { store } = await openFake((query) =>
      query.includes('AS node') ? [{ node: legacy(maker) }, { node: storedNode(rubber) }] : [],
    );
    expect(await store.getNodes([maker.id, rubber.id], SYSTEM_PRINCIPAL)).toEqual([maker, rubber]);
  });

  it('traverses breadth-first, one level per statement in one read transaction, filtered by $grants', async () => {
    const steel = node('Product', '钢帘线');
    const levels: Record<string, Array<Record<string, unknown>>> = {
      [car.id]: [{ edge: storedEdge(edge('MADE_FROM', car, tyre)), node: storedNode(tyre) }],
      [tyre.id]: [
        { edge: storedEdge(madeFrom), node: storedNode(rubber) },
        { edge: storedEdge(edge('MADE_FROM', tyre, steel)), node: storedNode(steel) },
        { edge: storedEdge(edge('MADE_FROM', car, tyre)), node: storedNode(car) },
      ],
    };
    const { runner, store } = await openFake((query, params) => {
      if (params.frontier) return (params.frontier as string[]).flatMap((id) => levels[id] ?? []);
      return query.includes('AS node') ? [{ node: storedNode(car) }] : [];
    });
    const principal = enterprisePrincipal('S1');
    const reached = await store.traverse(car.id, { steps: UPSTREAM_STEPS, depth: 3 }, principal);
    expect(reached.map((r) => [r.node.name, r.depth])).toEqual([
      ['轮胎', 1],
      ['天然橡胶', 2],
      ['钢帘线', 2],
    ]);
    expect(reached[1]!.via.from).toBe(tyre.id);

    expect(new Set(runner.sent.map((s) => `${s.mode}:${s.tx}`)).size).toBe(1);
    expect(runner.sent[0]!.mode).toBe('read');
    const expands = runner.sent.filter((s) => 'frontier' in s.params);
    expect(expands.map((s) => s.params.frontier)).toEqual([[car.id], [tyre.id], [rubber.id, steel.id]]);
    for (const s of expands) {
      expect(s.params).toMatchObject({
        outTypes: ['MADE_FROM'],
        inTypes: ['UPSTREAM_OF'],
        grants: ['enterprise:S1'],
      });
      expect(s.query).toContain(VISIBILITY('r'));
      expect(s.query).toContain(VISIBILITY('m'));
    }
    expect(runner.sent[0]!.query).toContain(VISIBILITY('n'));
    expectParameterised(runner.sent);
  });

  it('follows symmetric edge types against their direction too', async () => {
    const { runner, store } = await openFake((_query, params) =>
      'frontier' in params ? [] : [{ node: storedNode(maker) }],
    );
    await store.traverse(
      maker.id,
      { steps: [{ type: 'COMPETES_WITH', direction: 'out' }], depth: 1 },
      SYSTEM_PRINCIPAL,
    );
    const expand = runner.sent.find((s) => 'frontier' in s.params)!;
    expect(expand.params).toMatchObject({
      outTypes: ['COMPETES_WITH'],
      inTypes: ['COMPETES_WITH'],
      grants: ['*'],
    });
  });

  it('finds through the fulltext index with the key and the Lucene query as parameters', async () => {
    const { runner, store } = await openFake();
    await store.findNodes(
      { text: '重庆小康', mode: 'prefix', types: ['Enterprise'], limit: 5 },
      PUBLIC_PRINCIPAL,
    );
    await store.findNodes({ text: '601127.SH' }, enterprisePrincipal('S1'));
    await store.findNodes({ text: 'NR', mode: 'exact' }, PUBLIC_PRINCIPAL);
    const [prefix, normalised, exact] = runner.sent;
    expect(prefix!.mode).toBe('read');
    expect(prefix!.query).toContain('CALL db.index.fulltext.queryNodes($index, $lucene) YIELD node AS n');
    expect(prefix!.query).toContain('k STARTS WITH $key');
    expect(prefix!.query).toContain(VISIBILITY('n'));
    expect(prefix!.query).not.toContain('重庆小康');
    expect(prefix!.params).toMatchObject({
      index: 'node_keys',
      lucene: 'keysNorm:重庆小康*',
      key: '重庆小康',
      types: ['Enterprise'],
      grants: [],
    });
    expect(neo4j.isInt(prefix!.params.limit) && prefix!.params.limit.toNumber()).toBe(5);
    expect(normalised!.params).toMatchObject({
      lucene: 'keysNorm:"601127"',
      key: '601127',
      types: null,
      grants: ['enterprise:S1'],
    });
    expect(exact!.query).toContain('k IN n.keysExact WHERE k = $key');
    expect(exact!.params).toMatchObject({ lucene: 'keysExact:"nr"', key: 'nr' });
    expectParameterised(runner.sent);
  });

  it('bounds shortest paths by maxDepth and edge types in the pattern, ends as parameters', async () => {
    const { runner, store } = await openFake();
    await store.paths(
      maker.id,
      rubber.id,
      { maxDepth: 3, edgeTypes: ['PRODUCES', 'MADE_FROM'] },
      PUBLIC_PRINCIPAL,
    );
    const [sent] = runner.sent;
    expect(sent!.query).toContain('allShortestPaths((a)-[:`PRODUCES`|`MADE_FROM`*..3]-(b))');
    expect(sent!.query).toContain(`all(x IN nodes(p) WHERE ${VISIBILITY('x')})`);
    expect(sent!.query).toContain(`all(r IN relationships(p) WHERE ${VISIBILITY('r')})`);
    expect(sent!.params).toMatchObject({ from: maker.id, to: rubber.id, grants: [] });
    expectParameterised(runner.sent);
  });

  it('removes edges by their type index and nodes with DETACH DELETE in one write transaction', async () => {
    const { runner, store } = await openFake((query) =>
      query.includes('AS removed')
        ? [{ removed: neo4j.int(1) }]
        : [{ nodes: neo4j.int(1), edges: neo4j.int(3) }],
    );
    expect(await store.remove({ nodes: [tyre.id], edges: [produces.id] })).toEqual({ nodes: 1, edges: 4 });
    expect(runner.sent.map((s) => s.tx)).toEqual(Array(3).fill(runner.sent[0]!.tx));
    expect(runner.sent[0]!.query).toContain('MATCH (:`Node`)-[r:`PRODUCES`]->(:`Node`)');
    expect(runner.sent[1]!.query).toContain('DETACH DELETE');
    expect(runner.sent[2]!.query).toContain('SET m.version = coalesce(m.version, 0) + 1');
    expectParameterised(runner.sent);
  });

  it('turns Neo4j integers into numbers in stats', async () => {
    const { store } = await openFake((query) =>
      query.includes('type(r) AS type')
        ? [{ type: 'MADE_FROM', count: neo4j.int(4) }]
        : [
            { type: 'Product', count: neo4j.int(5) },
            { type: 'Enterprise', count: neo4j.int(2) },
          ],
    );
    expect(await store.stats(SYSTEM_PRINCIPAL)).toEqual({
      nodes: 7,
      edges: 4,
      nodesByType: { Product: 5, Enterprise: 2 },
      edgesByType: { MADE_FROM: 4 },
    });
  });
});
