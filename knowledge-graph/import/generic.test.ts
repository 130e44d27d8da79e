import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { enterprisePrincipal, PUBLIC_PRINCIPAL, SYSTEM_PRINCIPAL } from '../schema/index.js';
import { importGeneric } from './generic.js';
import { fixtureDir, memoryStore } from './testing/fixture-store.js';

const j = (value: unknown) => JSON.stringify(value);

describe('generic JSON-lines import', () => {
  const good = [
    j({ type: 'Product', name: '轮胎' }),
    j({ type: 'Product', name: '天然橡胶', aliases: ['NR'] }),
    j({
      type: 'Enterprise',
      name: '渝州轮胎',
      id: 'enterprise:X1',
      props: { fullName: '重庆渝州轮胎有限公司' },
    }),
    j({ type: 'MADE_FROM', from: '轮胎', to: 'NR', props: { share: 0.4 } }),
    j({ type: 'PRODUCES', from: 'enterprise:X1', to: '轮胎', props: { weight: 1.2 } }),
  ];

  it('imports nodes and edges, resolving edge ends by id, name or alias', async () => {
    const store = memoryStore();
    const dir = fixtureDir({ 'g.jsonl': good });
    const summary = await importGeneric(join(dir, 'g.jsonl'), 'jsonl', { store });
    expect(summary.read).toBe(5);
    expect(summary.skipped).toBe(0);
    expect(summary.written).toMatchObject({ nodesCreated: 3, edgesCreated: 2 });
    const made = await store.getEdge('MADE_FROM|product:轮胎|product:天然橡胶', PUBLIC_PRINCIPAL);
    expect(made?.props.share).toBe(0.4);
    const produces = await store.getEdge('PRODUCES|enterprise:X1|product:轮胎', PUBLIC_PRINCIPAL);
    expect(produces?.props).toMatchObject({ weight: 1.2, weightFlag: 'above_one' });
    expect(produces?.provenance[0]).toMatchObject({ source: 'g.jsonl', record: 'g.jsonl:5' });
  });

  it('rejects malformed lines and wrong types with their line numbers and keeps the rest', async () => {
    const store = memoryStore();
    const dir = fixtureDir({
      'bad.jsonl': [
        j({ type: 'Product', name: '轮胎' }),
        '{ not json',
        j({ type: 'Gadget', name: 'x' }),
        j({ type: 'Product', name: 42 }),
        j({ type: 'MADE_FROM', from: '轮胎', to: '不存在的产品' }),
        j({ type: 'MADE_FROM', from: '轮胎', to: '轮胎x', props: { share: 3 } }),
        '',
        j({ type: 'Product', name: '钢丝' }),
      ],
    });
    const summary = await importGeneric(join(dir, 'bad.jsonl'), 'jsonl', { store });
    expect(summary.rejects.map((r) => [r.line, r.reason.split(':')[0]])).toEqual([
      [2, 'malformed JSON'],
      [3, 'invalid node'],
      [4, 'invalid node'],
      [5, 'unknown node'],
      [6, 'unknown node'],
    ]);
    expect(summary.rejects[1]!.reason).toMatch(/type/);
    expect(summary.rejects[2]!.reason).toMatch(/name/);
    expect(summary.written.nodesCreated).toBe(2);
    expect((await store.stats(SYSTEM_PRINCIPAL)).edges).toBe(0);
  });

  it('merges duplicate ids into one node and says so', async () => {
    const store = memoryStore();
    const dir = fixtureDir({
      'dup.jsonl': [
        j({ type: 'Enterprise', id: 'enterprise:A', name: '甲公司', aliases: ['甲'] }),
        j({
          type: 'Enterprise',
          id: 'enterprise:A',
          name: '甲公司',
          aliases: ['甲股份'],
          props: { regionId: 'region:重庆市' },
        }),
      ],
    });
    const summary = await importGeneric(join(dir, 'dup.jsonl'), 'jsonl', { store });
    expect(summary.written.nodesCreated).toBe(1);
    expect(summary.notes.join()).toMatch(/enterprise:A \(lines 1 and 2\)/);
    const node = await store.getNode('enterprise:A', SYSTEM_PRINCIPAL);
    expect(node?.aliases.sort()).toEqual(['甲', '甲股份']);
    expect(node?.provenance).toHaveLength(2);
  });

  it('refuses an empty file with a clear error', async () => {
    const dir = fixtureDir({ 'empty.jsonl': [] });
    await expect(importGeneric(join(dir, 'empty.jsonl'), 'jsonl', { store: memoryStore() })).rejects.toThrow(
      /empty\.jsonl: the file is empty/,
    );
  });

  it('is idempotent: a second run writes nothing', async () => {
    const store = memoryStore();
    const dir = fixtureDir({ 'g.jsonl': good });
    await importGeneric(join(dir, 'g.jsonl'), 'jsonl', { store });
    const again = await importGeneric(join(dir, 'g.jsonl'), 'jsonl', { store });
    expect(again.written).toEqual({
      nodesCreated: 0,
      nodesUpdated: 0,
      edgesCreated: 0,
      edgesUpdated: 0,
      visibilityChanges: [],
    });
  });

  it('keeps enterprise-visible records away from other principals', async () => {
    const store = memoryStore();
    const dir = fixtureDir({
      'private.jsonl': [j({ type: 'Product', name: '专用件', visibility: 'enterprise:E1' })],
    });
    await importGeneric(join(dir, 'private.jsonl'), 'jsonl', { store });
    expect(await store.getNode('product:专用件', PUBLIC_PRINCIPAL)).toBeNull();
    expect(await store.getNode('product:专用件', enterprisePrincipal('E2'))).toBeNull();
    expect(await store.getNode('product:专用件', enterprisePrincipal('E1'))).not.toBeNull();
  });
});

describe('generic CSV import', () => {
  it('reads quoted fields, aliases and props, and reports bad rows by line', async () => {
    const store = memoryStore();
    const dir = fixtureDir({
      'nodes.csv': [
        'type,name,aliases,unit',
        'Product,"轮胎, 子午线",radial|子午胎,条',
        'Product,天然橡胶,,吨',
        'Nonsense,x,,',
      ],
      'edges.csv': ['type,from,to,share', 'MADE_FROM,radial,天然橡胶,0.5', 'MADE_FROM,radial,天然橡胶,abc'],
    });
    const nodes = await importGeneric(join(dir, 'nodes.csv'), 'csv', { store });
    expect(nodes.written.nodesCreated).toBe(2);
    expect(nodes.rejects).toEqual([
      { file: 'nodes.csv', line: 4, reason: expect.stringMatching(/invalid node: type/) },
    ]);
    const tyre = await store.getNode('product:轮胎, 子午线', PUBLIC_PRINCIPAL);
    expect(tyre).toMatchObject({ aliases: ['radial', '子午胎'], props: { unit: '条' } });
    const edges = await importGeneric(join(dir, 'edges.csv'), 'csv', { store });
    expect(edges.written.edgesCreated).toBe(1);
    expect(edges.rejects[0]).toMatchObject({ line: 3, reason: expect.stringMatching(/share/) });
  });

  it('stops on a structurally broken CSV with the file named', async () => {
    const dir = fixtureDir({ 'broken.csv': ['type,name', 'Product,"unterminated'] });
    await expect(importGeneric(join(dir, 'broken.csv'), 'csv', { store: memoryStore() })).rejects.toThrow(
      /broken\.csv/,
    );
  });
});
