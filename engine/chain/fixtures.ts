import { edge, node } from '../../knowledge-graph/store/fixtures.js';
import { SqliteGraphStore } from '../../knowledge-graph/store/sqlite.js';
import { openDatabase } from '../../knowledge-graph/store/sqlite-db.js';
import type { GraphEdge, GraphNode, Principal } from '../../knowledge-graph/schema/index.js';
import { SYSTEM_PRINCIPAL } from '../../knowledge-graph/schema/index.js';
import { ANALYTIC_EDGE_TYPES, ANALYTIC_NODE_TYPES, ChainGraph } from './graph.js';

/**
 * A small tyre chain whose risk figures are worked out by hand in the tests:
 *
 * 汽车 ← 轮胎 (share 0.05); 轮胎 ← 天然橡胶 0.4, 合成橡胶 0.35, 钢帘线 0.25; 合成橡胶 ← 丁二烯 (no share).
 * 天然橡胶: E1 0.6, E2 0.2. 轮胎: E3 0.9, E4 1.4 (above one), E5 −0.1 (negative). 合成橡胶: E6 (no weight).
 * 钢帘线: E1–E4 (no weights). 汽车: E7 0.8. E3 in 渝北区 ⊂ 重庆市 ⊂ 中国, E4 in 浙江省 ⊂ 中国 (浙江省 has
 * no level, so it counts as a province by being just below the country), E5 in 渝北区 (inferred).
 * A private enterprise S1 produces 丁二烯 (visible only with the grant).
 */
export function tyreChain(): { nodes: GraphNode[]; edges: GraphEdge[] } {
  const p = (name: string) => node('Product', name);
  const e = (key: string, extra: Parameters<typeof node>[2] = {}) =>
    node('Enterprise', `企业${key}`, { key, ...extra });
  const [nr, sr, sc, tyre, car, bd] = ['天然橡胶', '合成橡胶', '钢帘线', '轮胎', '汽车', '丁二烯'].map(p) as [
    GraphNode,
    GraphNode,
    GraphNode,
    GraphNode,
    GraphNode,
    GraphNode,
  ];
  const es = ['E1', 'E2', 'E3', 'E4', 'E5', 'E6', 'E7'].map((k) => e(k));
  const [e1, e2, e3, e4, e5, e6, e7] = es as [
    GraphNode,
    GraphNode,
    GraphNode,
    GraphNode,
    GraphNode,
    GraphNode,
    GraphNode,
  ];
  const secret = e('S1', { visibility: 'enterprise:S1' });
  const china = node('Region', '中国', { props: { level: 'country' } });
  const cq = node('Region', '重庆市', { props: { level: 'province' } });
  const yubei = node('Region', '渝北区', { props: { level: 'district' } });
  const zj = node('Region', '浙江省');
  const policy = node('Policy', '轮胎产业扶持政策');
  const inferred = (x: GraphEdge): GraphEdge => ({
    ...x,
    provenance: x.provenance.map((pr) => ({ ...pr, inferred: true })),
  });
  const edges = [
    edge('MADE_FROM', tyre, nr, { props: { share: 0.4 } }),
    edge('MADE_FROM', tyre, sr, { props: { share: 0.35 } }),
    edge('MADE_FROM', tyre, sc, { props: { share: 0.25 } }),
    edge('MADE_FROM', car, tyre, { props: { share: 0.05 } }),
    edge('MADE_FROM', sr, bd),
    edge('PRODUCES', e1, nr, { props: { weight: 0.6 } }),
    edge('PRODUCES', e2, nr, { props: { weight: 0.2 } }),
    edge('PRODUCES', e3, tyre, { props: { weight: 0.9 } }),
    edge('PRODUCES', e4, tyre, { props: { weight: 1.4, weightFlag: 'above_one' } }),
    edge('PRODUCES', e5, tyre, { props: { weight: -0.1, weightFlag: 'negative' } }),
    edge('PRODUCES', e6, sr),
    ...[e1, e2, e3, e4].map((x) => edge('PRODUCES', x, sc)),
    edge('PRODUCES', e7, car, { props: { weight: 0.8 } }),
    edge('PRODUCES', secret, bd, { props: { weight: 1 }, visibility: 'enterprise:S1' }),
    edge('LOCATED_IN', yubei, cq),
    edge('LOCATED_IN', cq, china),
    edge('LOCATED_IN', zj, china),
    edge('LOCATED_IN', e3, yubei),
    edge('LOCATED_IN', e4, zj),
    inferred(edge('LOCATED_IN', e5, yubei)),
    edge('TARGETS', policy, tyre),
    edge('SUPPLIES', e1, e3, { props: { lastSeen: '2025-08-01' } }),
    edge('CONTROLS', e7, e3),
  ];
  return { nodes: [nr, sr, sc, tyre, car, bd, ...es, secret, china, cq, yubei, zj, policy], edges };
}

/** The analytic graph of hand-made nodes and edges, through the embedded store's topology export. */
export async function chainGraphOf(
  data: { nodes: GraphNode[]; edges: GraphEdge[] },
  principal: Principal = SYSTEM_PRINCIPAL,
): Promise<ChainGraph> {
  const store = SqliteGraphStore.open(openDatabase(':memory:'));
  await store.upsert(data);
  const topology = await store.exportTopology(
    { nodeTypes: ANALYTIC_NODE_TYPES, edgeTypes: ANALYTIC_EDGE_TYPES },
    principal,
  );
  const levels = new Map(
    data.nodes.flatMap((n) => (n.type === 'Region' && n.props.level ? [[n.id, n.props.level] as const] : [])),
  );
  await store.close();
  return new ChainGraph(topology, levels);
}

/** Products linked by MADE_FROM: `[['B', 'A', 0.5]]` makes B from A with share 0.5 (omit it for unknown). */
export function productChain(links: ReadonlyArray<[user: string, input: string, share?: number]>) {
  const names = new Set(links.flatMap(([user, input]) => [user, input] as const));
  const nodes = [...names].map((n) => node('Product', n));
  const edges = links.map(([u, i, share]) =>
    edge('MADE_FROM', `product:${u}`, `product:${i}`, share === undefined ? {} : { props: { share } }),
  );
  return { nodes, edges };
}
