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

/** Rows as Neo4j returns them for the store's map projections. */
function storedNode(n: GraphNode) {
  return { ...n, props: JSON.stringify(n.props), provenance: JSON.stringify(n.provenance) };
}

function storedEdge(e: GraphEdge) {
  return { ...e, props: JSON.stringify(e.props), provenance: JSON.stringify(e.provenance) };
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
    const { runner, store } = await openFake();
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
      "MERGE (m:`NodeMeta` {key: 'graph'}) SET m.`v_Product` = coalesce(m.`v_Product`, 0) + 1, m.`v_Enterprise` = coalesce(m.`v_Enterprise`, 0) + 1",
    );
    expect(runner.sent.slice(0, -2).every((s) => s.query.startsWith('UNWIND $'))).toBe(true);
    expectParameterised(runner.sent);

    const writes = runner.sent.filter((s) => s.query.startsWith('UNWIND') && s.query.includes('MERGE'));
    expect(
      writes.map((s) =>
        s.query
          .match(/SET n:`(\w+)`|MERGE \(a\)-\[r:`(\w+)`/)!
          .slice(1)
          .join(''),
      ),
    ).toEqual(['Product', 'Enterprise', 'MADE_FROM', 'PRODUCES']);
    const products = writes[0]!;
    expect(products.query).toContain('MERGE (n:`Node` {id: row.id})');
    expect(products.query).toContain('REMOVE n:`Enterprise`');
    expect((products.params.rows as unknown[]).length).toBe(3);
    const makerRow = (writes[1]!.params.rows as Array<Record<string, unknown>>)[0]!;
    expect(makerRow).toMatchObject({
      id: maker.id,
      type: 'Enterprise',
      name: maker.name,
      visibility: 'public',
    });
    expect(makerRow.keysNorm).toEqual(expect.arrayContaining(['重庆小康工业', '601127']));
    expect(makerRow.keysExact).toContain('重庆小康工业集团股份有限公司');
    expect(JSON.parse(makerRow.props as string)).toEqual({ code: '601127', exchange: 'SH' });
    expect(JSON.parse(makerRow.provenance as string)).toEqual(maker.provenance);

    const [edgeRow] = writes[2]!.params.rows as Array<{ properties: Record<string, unknown> }>;
    expect(edgeRow!.properties).toMatchObject({
      id: madeFrom.id,
      share: 0.4,
      weight: null,
      visibility: 'public',
    });
    expect(JSON.parse(edgeRow!.properties.props as string)).toEqual({ share: 0.4 });
    expect((writes[3]!.params.rows as Array<{ properties: { weight: number } }>)[0]!.properties.weight).toBe(
      0.8,
    );
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

  it('merges with what is stored the way merge.ts does, and skips unchanged rows', async () => {
    const { runner, store } = await openFake((query) =>
      query.includes('AS node') ? [{ node: storedNode(maker) }] : [],
    );
    const fromIckg = node('Enterprise', '小康股份', {
      key: '601127',
      source: 'ickg25',
      props: { code: '601127' },
    });
    expect(await store.upsert({ nodes: [fromIckg] })).toMatchObject({ nodesCreated: 0, nodesUpdated: 1 });
    const row = (
      runner.sent.find((s) => s.query.includes('MERGE'))!.params.rows as Array<Record<string, unknown>>
    )[0]!;
    expect(row.name).toBe('小康股份');
    expect(row.aliases).toContain('重庆小康工业集团股份有限公司');
    expect((JSON.parse(row.provenance as string) as Array<{ source: string }>).map((p) => p.source)).toEqual([
      'test',
      'ickg25',
    ]);

    runner.sent.length = 0;
    expect(await store.upsert({ nodes: [maker] })).toEqual({
      nodesCreated: 0,
      nodesUpdated: 0,
      edgesCreated: 0,
      edgesUpdated: 0,
      visibilityChanges: [],
    });
    expect(runner.sent.some((s) => s.query.includes('MERGE'))).toBe(false);
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
