import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_DIR, type DemoDataset, generateDemo } from './generate.js';

let data: DemoDataset;
beforeAll(() => {
  data = generateDemo();
});

const edgesOf = (type: string) => data.edges.filter((e) => e.type === type);

describe('demo dataset generator', () => {
  it('is deterministic', () => {
    const again = generateDemo();
    expect([...again.files.keys()]).toEqual([...data.files.keys()]);
    for (const [path, content] of data.files) expect(again.files.get(path), path).toBe(content);
  });

  it('has the planned size', () => {
    const enterprises = data.nodes.filter((n) => n.type === 'Enterprise');
    const products = data.nodes.filter((n) => n.type === 'Product');
    expect(enterprises.length).toBeGreaterThanOrEqual(250);
    expect(enterprises.length).toBeLessThanOrEqual(350);
    expect(products.length).toBeGreaterThanOrEqual(350);
    expect(products.length).toBeLessThanOrEqual(450);
    expect(enterprises.every((e) => e.props.demo === true)).toBe(true);
    const policies = [...data.files.keys()].filter((f) => f.startsWith('policies/'));
    expect(policies.length).toBeGreaterThanOrEqual(18);
  });

  it('keeps every edge endpoint in the node set', () => {
    const ids = new Set(data.nodes.map((n) => n.id));
    const dangling = data.edges.filter((e) => !ids.has(e.from) || !ids.has(e.to));
    expect(dangling).toEqual([]);
  });

  it('has an acyclic MADE_FROM graph', () => {
    const inputs = new Map<string, string[]>();
    for (const e of edgesOf('MADE_FROM')) inputs.set(e.from, [...(inputs.get(e.from) ?? []), e.to]);
    const state = new Map<string, number>();
    const visit = (id: string): void => {
      if (state.get(id) === 2) return;
      if (state.get(id) === 1) throw new Error(`cycle through ${id}`);
      state.set(id, 1);
      for (const next of inputs.get(id) ?? []) visit(next);
      state.set(id, 2);
    };
    for (const id of inputs.keys()) visit(id);
  });

  it('has input shares summing to 1 per product', () => {
    const sums = new Map<string, number>();
    for (const e of edgesOf('MADE_FROM')) {
      const share = e.props.share as number;
      expect(share).toBeGreaterThan(0);
      sums.set(e.from, (sums.get(e.from) ?? 0) + share);
    }
    for (const [id, sum] of sums) expect(Math.abs(sum - 1), id).toBeLessThanOrEqual(1e-9);
  });

  it('keeps revenue shares per enterprise at most 1', () => {
    const sums = new Map<string, number>();
    for (const e of edgesOf('PRODUCES'))
      sums.set(e.from, (sums.get(e.from) ?? 0) + (e.props.weight as number));
    for (const [id, sum] of sums) expect(sum, id).toBeLessThanOrEqual(1 + 1e-9);
  });

  it('has SUPPLIES consistent with MADE_FROM', () => {
    const produces = new Map<string, Set<string>>();
    for (const e of edgesOf('PRODUCES')) produces.set(e.from, (produces.get(e.from) ?? new Set()).add(e.to));
    const madeFrom = new Set(edgesOf('MADE_FROM').map((e) => `${e.from}|${e.to}`));
    for (const e of edgesOf('SUPPLIES')) {
      const ok = [...(produces.get(e.from) ?? [])].some((input) =>
        [...(produces.get(e.to) ?? [])].some((output) => madeFrom.has(`${output}|${input}`)),
      );
      expect(ok, `${e.from} → ${e.to}`).toBe(true);
    }
  });

  it('has inputs whose producers are all outside 重庆市', () => {
    const level = new Map(data.nodes.filter((n) => n.type === 'Region').map((n) => [n.id, n.props.level]));
    const regionOf = new Map(
      data.nodes.filter((n) => n.type === 'Enterprise').map((n) => [n.id, n.props.regionId]),
    );
    const producers = new Map<string, string[]>();
    for (const e of edgesOf('PRODUCES')) producers.set(e.to, [...(producers.get(e.to) ?? []), e.from]);
    const inputs = new Set(edgesOf('MADE_FROM').map((e) => e.to));
    const outside = [...inputs].filter((p) => {
      const list = producers.get(p) ?? [];
      return list.length > 0 && list.every((e) => level.get(regionOf.get(e) as string) !== 'district');
    });
    expect(outside).toContain('product:碳酸锂');
    expect(outside).toContain('product:车规级芯片');
  });

  it('matches the committed files (run `npx tsx data/demo/generate.ts` after changing the generator)', () => {
    for (const [path, content] of data.files) {
      expect(readFileSync(join(DEMO_DIR, path), 'utf8'), path).toBe(content);
    }
  });
});
