import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { enterprisePrincipal, PUBLIC_PRINCIPAL, SYSTEM_PRINCIPAL } from '../schema/index.js';
import { edge, node } from './fixtures.js';
import { DOWNSTREAM_STEPS, type GraphStore, UPSTREAM_STEPS } from './port.js';

/**
 * The expectations every GraphStore adapter meets. `open` must give an empty store each time.
 * A small tyre chain: 天然橡胶 → 橡胶 ... → 轮胎 → 汽车, with producers and a private enterprise.
 */
export function graphStoreContract(name: string, open: () => Promise<GraphStore>, skip?: string): void {
  const suite = skip ? describe.skip : describe;
  if (skip) describe(`${name} GraphStore contract`, () => it.skip(skip, () => {}));
  suite(`${name} GraphStore contract`, () => {
    let store: GraphStore;
    const stores: GraphStore[] = [];
    const rubber = node('Product', '天然橡胶', { aliases: ['NR'] });
    const synthetic = node('Product', '合成橡胶');
    const tyre = node('Product', '轮胎');
    const car = node('Product', '汽车');
    const steel = node('Product', '钢帘线');
    const maker = node('Enterprise', '重庆小康工业集团股份有限公司', {
      key: '601127',
      aliases: ['小康股份'],
      props: { code: '601127', exchange: 'SH' },
    });
    const secret = node('Enterprise', '保密供应商', { key: 'S1', visibility: 'enterprise:S1' });
    const chain = [
      edge('MADE_FROM', tyre, rubber, { props: { share: 0.4 } }),
      edge('MADE_FROM', tyre, synthetic, { props: { share: 0.35 } }),
      edge('MADE_FROM', tyre, steel, { props: { share: 0.25 } }),
      edge('MADE_FROM', car, tyre, { props: { share: 0.05 } }),
      edge('PRODUCES', maker, car, { props: { weight: 0.8 } }),
      edge('PRODUCES', secret, rubber, { props: { weight: 1 } }),
      edge('COMPETES_WITH', maker, secret),
    ];

    beforeEach(async () => {
      store = await open();
      stores.push(store);
      await store.upsert({ nodes: [rubber, synthetic, tyre, car, steel, maker, secret], edges: chain });
    });
    afterAll(async () => {
      for (const s of stores) await s.close();
    });

    it('stores a batch and reads nodes and edges back', async () => {
      expect(await store.getNode(tyre.id, PUBLIC_PRINCIPAL)).toMatchObject({ name: '轮胎', type: 'Product' });
      const e = await store.getEdge(chain[0]!.id, PUBLIC_PRINCIPAL);
      expect(e).toMatchObject({ type: 'MADE_FROM', from: tyre.id, to: rubber.id, props: { share: 0.4 } });
      expect(
        (await store.getNodes([tyre.id, 'product:none', car.id], PUBLIC_PRINCIPAL)).map((n) => n.name),
      ).toEqual(['轮胎', '汽车']);
    });

    it('is idempotent: the same batch again creates and changes nothing', async () => {
      const again = await store.upsert({ nodes: [rubber, tyre], edges: chain.slice(0, 2) });
      expect(again).toEqual({
        nodesCreated: 0,
        nodesUpdated: 0,
        edgesCreated: 0,
        edgesUpdated: 0,
        visibilityChanges: [],
      });
      expect((await store.stats(SYSTEM_PRINCIPAL)).nodes).toBe(7);
    });

    it('merges a second source into the node, keeping both provenances and the aliases', async () => {
      const fromIckg = node('Enterprise', '小康股份', {
        key: '601127',
        source: 'ickg25',
        props: { code: '601127' },
      });
      const result = await store.upsert({ nodes: [fromIckg] });
      expect(result.nodesUpdated).toBe(1);
      const merged = await store.getNode(maker.id, PUBLIC_PRINCIPAL);
      expect(merged!.provenance.map((p) => p.source).sort()).toEqual(['ickg25', 'test']);
      expect(merged!.aliases).toContain('重庆小康工业集团股份有限公司');
    });

    it('keeps every one of concurrent upserts of one node and one edge', async () => {
      // Each writer adds its own alias, prop and provenance; none may overwrite another's merge.
      const feeds = ['feed-a', 'feed-b', 'feed-c', 'feed-d'];
      await Promise.all(
        feeds.map((feed) =>
          store.upsert({
            nodes: [node('Product', '轮胎', { aliases: [`${feed}-胎`], props: { [feed]: 1 }, source: feed })],
            edges: [edge('MADE_FROM', tyre, rubber, { props: { [feed]: 1 }, source: feed })],
          }),
        ),
      );
      const merged = await store.getNode(tyre.id, PUBLIC_PRINCIPAL);
      expect(merged!.aliases.sort()).toEqual(feeds.map((f) => `${f}-胎`).sort());
      expect(merged!.props).toEqual(Object.fromEntries(feeds.map((f) => [f, 1])));
      expect(merged!.provenance.map((p) => p.source).sort()).toEqual([...feeds, 'test'].sort());
      expect(await store.findNodes({ text: 'feed-c-胎', mode: 'exact' }, PUBLIC_PRINCIPAL)).toHaveLength(1);
      const e = await store.getEdge(chain[0]!.id, PUBLIC_PRINCIPAL);
      expect(e!.props).toEqual({ share: 0.4, ...Object.fromEntries(feeds.map((f) => [f, 1])) });
      expect(e!.provenance.map((p) => p.source).sort()).toEqual([...feeds, 'test'].sort());
    });

    it('keeps an old name as an alias and finds a node by its new code only', async () => {
      const renamed = node('Enterprise', '小康股份有限公司', { key: '601127', props: { code: '601128' } });
      expect((await store.upsert({ nodes: [renamed] })).nodesUpdated).toBe(1);
      const now = await store.getNode(maker.id, PUBLIC_PRINCIPAL);
      expect(now!.name).toBe('小康股份有限公司');
      expect(now!.aliases.sort()).toEqual(['小康股份', '重庆小康工业集团股份有限公司'].sort());
      expect(now!.props).toEqual({ code: '601128', exchange: 'SH' });
      const ids = async (text: string) =>
        (await store.findNodes({ text }, PUBLIC_PRINCIPAL)).map((n) => n.id);
      expect(await ids('601128')).toEqual([maker.id]);
      expect(await ids('601127')).toEqual([]);
      expect(await ids('重庆小康工业集团')).toEqual([maker.id]);
    });

    it('merges copies of one id within a batch, counting as if written one by one', async () => {
      const fresh = node('Product', '丁苯橡胶', { aliases: ['SBR'] });
      const copy = node('Product', '丁苯橡胶', { aliases: ['苯乙烯-丁二烯橡胶'], source: 'other' });
      const result = await store.upsert({ nodes: [fresh, copy, fresh] });
      expect(result).toMatchObject({ nodesCreated: 1, nodesUpdated: 1 });
      const stored = await store.getNode(fresh.id, PUBLIC_PRINCIPAL);
      expect(stored!.aliases).toEqual(['SBR', '苯乙烯-丁二烯橡胶']);
      expect(stored!.provenance.map((p) => p.source)).toEqual(['test', 'other']);
      expect(await store.upsert({ nodes: [copy, fresh] })).toMatchObject({
        nodesCreated: 0,
        nodesUpdated: 0,
      });
    });

    it('never carries props, aliases or provenance across a visibility change', async () => {
      // A private edge with a private price, then the public line for the same edge re-imported.
      const priced = edge('MADE_FROM', car, steel, {
        props: { share: 0.1, contractPrice: 123 },
        visibility: 'enterprise:S1',
        source: 'private-upload',
      });
      await store.upsert({ edges: [priced] });
      const publicLine = edge('MADE_FROM', car, steel, { props: { share: 0.1 }, source: 'demo' });
      const result = await store.upsert({ edges: [publicLine] });
      const seen = await store.getEdge(publicLine.id, PUBLIC_PRINCIPAL);
      expect(seen?.props).toEqual({ share: 0.1 });
      expect(seen?.provenance.map((p) => p.source)).toEqual(['demo']);
      expect(result.visibilityChanges).toEqual([
        { kind: 'edge', id: publicLine.id, from: 'enterprise:S1', to: 'public' },
      ]);
      const hidden = node('Enterprise', '保密供应商', {
        key: 'S1',
        aliases: ['代号甲'],
        props: { capacity: 42 },
        visibility: 'enterprise:S1',
      });
      await store.upsert({ nodes: [hidden] });
      const published = node('Enterprise', '公开供应商', { key: 'S1' });
      expect((await store.upsert({ nodes: [published] })).visibilityChanges).toEqual([
        { kind: 'node', id: published.id, from: 'enterprise:S1', to: 'public' },
      ]);
      const now = await store.getNode(published.id, PUBLIC_PRINCIPAL);
      expect(now?.props).toEqual({});
      expect(now?.aliases).toEqual([]);
      // Within one visibility the merge still accumulates.
      const again = await store.upsert({ edges: [edge('MADE_FROM', car, steel, { props: { note: 'x' } })] });
      expect(again.visibilityChanges).toEqual([]);
      expect((await store.getEdge(publicLine.id, PUBLIC_PRINCIPAL))?.props).toEqual({
        share: 0.1,
        note: 'x',
      });
    });

    it('has a version that moves with every change, and one per node type', async () => {
      const all = await store.version();
      const products = await store.version(['Product']);
      const documents = await store.version(['Document']);
      await store.upsert({ nodes: [rubber, tyre] });
      expect(await store.version()).toBe(all);
      await store.upsert({ edges: [edge('MADE_FROM', car, steel, { props: { share: 0.2 } })] });
      expect(await store.version()).not.toBe(all);
      expect(await store.version(['Product'])).toBe(products);
      await store.upsert({ nodes: [node('Product', '新材料')] });
      expect(await store.version(['Product'])).not.toBe(products);
      expect(await store.version(['Document'])).toBe(documents);
      const beforeRemoval = await store.version(['Enterprise', 'Product']);
      await store.remove({ nodes: [secret.id] });
      expect(await store.version(['Enterprise', 'Product'])).not.toBe(beforeRemoval);
    });

    it('finds by exact name, alias, normalised name, code and prefix', async () => {
      const ids = async (text: string, mode?: 'exact' | 'normalised' | 'prefix') =>
        (await store.findNodes({ text, mode }, PUBLIC_PRINCIPAL)).map((n) => n.id);
      expect(await ids('轮胎', 'exact')).toEqual([tyre.id]);
      expect(await ids('nr', 'exact')).toEqual([rubber.id]);
      expect(await ids('重庆小康工业集团')).toEqual([maker.id]);
      expect(await ids('小康股份')).toEqual([maker.id]);
      expect(await ids('601127.SH')).toEqual([maker.id]);
      expect(await ids('重庆小康', 'prefix')).toEqual([maker.id]);
      expect(await ids('橡胶', 'prefix')).toEqual([]);
      expect(
        (await store.findNodes({ text: '天然', mode: 'prefix', types: ['Enterprise'] }, PUBLIC_PRINCIPAL))
          .length,
      ).toBe(0);
    });

    it('lists neighbours by edge type and direction, symmetric relations both ways', async () => {
      const inputs = await store.neighbours(
        tyre.id,
        { edgeTypes: ['MADE_FROM'], direction: 'out' },
        PUBLIC_PRINCIPAL,
      );
      expect(inputs.map((n) => n.node.name).sort()).toEqual(['合成橡胶', '天然橡胶', '钢帘线'].sort());
      const users = await store.neighbours(
        tyre.id,
        { edgeTypes: ['MADE_FROM'], direction: 'in' },
        PUBLIC_PRINCIPAL,
      );
      expect(users.map((n) => [n.node.name, n.direction])).toEqual([['汽车', 'in']]);
      const rivals = await store.neighbours(
        secret.id,
        { edgeTypes: ['COMPETES_WITH'], direction: 'out' },
        SYSTEM_PRINCIPAL,
      );
      expect(rivals.map((n) => n.node.id)).toEqual([maker.id]);
    });

    it('traverses upstream and downstream to depth N', async () => {
      const up1 = await store.traverse(car.id, { steps: UPSTREAM_STEPS, depth: 1 }, PUBLIC_PRINCIPAL);
      expect(up1.map((r) => r.node.name)).toEqual(['轮胎']);
      const up2 = await store.traverse(car.id, { steps: UPSTREAM_STEPS, depth: 2 }, PUBLIC_PRINCIPAL);
      expect(up2.map((r) => [r.node.name, r.depth]).sort()).toEqual(
        [
          ['轮胎', 1],
          ['合成橡胶', 2],
          ['天然橡胶', 2],
          ['钢帘线', 2],
        ].sort(),
      );
      expect(up2.find((r) => r.node.name === '天然橡胶')!.via.from).toBe(tyre.id);
      const down = await store.traverse(rubber.id, { steps: DOWNSTREAM_STEPS, depth: 3 }, PUBLIC_PRINCIPAL);
      expect(down.map((r) => r.node.name)).toEqual(['轮胎', '汽车']);
    });

    it('finds shortest paths between two nodes', async () => {
      const paths = await store.paths(maker.id, rubber.id, { maxDepth: 4 }, PUBLIC_PRINCIPAL);
      expect(paths).toHaveLength(1);
      expect(paths[0]!.nodes.map((n) => n.name)).toEqual([
        '重庆小康工业集团股份有限公司',
        '汽车',
        '轮胎',
        '天然橡胶',
      ]);
      expect(paths[0]!.edges.map((e) => e.type)).toEqual(['PRODUCES', 'MADE_FROM', 'MADE_FROM']);
      expect(await store.paths(maker.id, rubber.id, { maxDepth: 2 }, PUBLIC_PRINCIPAL)).toEqual([]);
    });

    it('exports a subgraph around a node', async () => {
      const sub = await store.subgraph([tyre.id], 1, PUBLIC_PRINCIPAL);
      expect(sub.nodes.map((n) => n.name).sort()).toEqual(
        ['合成橡胶', '天然橡胶', '汽车', '轮胎', '钢帘线'].sort(),
      );
      expect(sub.edges).toHaveLength(4);
    });

    it('hides enterprise-shared data from principals without the grant', async () => {
      expect(await store.getNode(secret.id, PUBLIC_PRINCIPAL)).toBeNull();
      expect(await store.findNodes({ text: '保密供应商' }, PUBLIC_PRINCIPAL)).toEqual([]);
      const producers = await store.neighbours(rubber.id, { edgeTypes: ['PRODUCES'] }, PUBLIC_PRINCIPAL);
      expect(producers).toEqual([]);
      expect(await store.paths(maker.id, secret.id, {}, PUBLIC_PRINCIPAL)).toEqual([]);
      expect((await store.stats(PUBLIC_PRINCIPAL)).nodes).toBe(6);
      expect(await store.getNode(secret.id, enterprisePrincipal('other'))).toBeNull();
      expect(await store.getNode(secret.id, enterprisePrincipal('S1'))).toMatchObject({ name: '保密供应商' });
      const granted = await store.neighbours(
        rubber.id,
        { edgeTypes: ['PRODUCES'] },
        enterprisePrincipal('S1'),
      );
      expect(granted.map((n) => n.node.id)).toEqual([secret.id]);
    });

    it('writes a batch whole or not at all', async () => {
      const orphan = node('Product', '孤儿产品');
      await expect(
        store.upsert({ nodes: [orphan], edges: [edge('MADE_FROM', orphan, 'product:不存在')] }),
      ).rejects.toThrow(/product:不存在/);
      expect(await store.getNode(orphan.id, SYSTEM_PRINCIPAL)).toBeNull();
      expect((await store.stats(SYSTEM_PRINCIPAL)).nodes).toBe(7);
    });

    it('removes a node together with its edges', async () => {
      expect(await store.remove({ nodes: [tyre.id] })).toEqual({ nodes: 1, edges: 4 });
      expect(await store.neighbours(car.id, {}, PUBLIC_PRINCIPAL)).toHaveLength(1);
      const stats = await store.stats(SYSTEM_PRINCIPAL);
      expect([stats.nodes, stats.edges]).toEqual([6, 3]);
    });

    it('exports the topology of chosen node and edge types, hiding what the principal may not see', async () => {
      const topo = await store.exportTopology(
        { nodeTypes: ['Product'], edgeTypes: ['MADE_FROM', 'PRODUCES'] },
        PUBLIC_PRINCIPAL,
      );
      expect(topo.nodes.map((n) => n.name).sort()).toEqual(
        ['合成橡胶', '天然橡胶', '汽车', '轮胎', '重庆小康工业集团股份有限公司', '钢帘线'].sort(),
      );
      const named = topo.edges.map((e) => [
        e.type,
        topo.nodes[e.from]!.name,
        topo.nodes[e.to]!.name,
        e.props,
      ]);
      expect(named).toHaveLength(5);
      expect(named).toContainEqual(['MADE_FROM', '轮胎', '天然橡胶', { share: 0.4 }]);
      expect(named).toContainEqual(['PRODUCES', '重庆小康工业集团股份有限公司', '汽车', { weight: 0.8 }]);
      expect(topo.edges.every((e) => e.inferred === false)).toBe(true);
      const all = await store.exportTopology({ nodeTypes: [], edgeTypes: ['PRODUCES'] }, SYSTEM_PRINCIPAL);
      expect(all.nodes).toHaveLength(4);
      expect(all.edges).toHaveLength(2);
    });

    it('counts nodes and edges by type, and scans nodes of a type', async () => {
      const stats = await store.stats(SYSTEM_PRINCIPAL);
      expect(stats.nodesByType).toEqual({ Product: 5, Enterprise: 2 });
      expect(stats.edgesByType).toEqual({ MADE_FROM: 4, PRODUCES: 2, COMPETES_WITH: 1 });
      const names: string[] = [];
      for await (const n of store.scanNodes(['Enterprise'], PUBLIC_PRINCIPAL)) names.push(n.name);
      expect(names).toEqual(['重庆小康工业集团股份有限公司']);
    });
  });
}
