import { describe, expect, it } from 'vitest';
import { ChainGraph } from '../../engine/chain/graph.js';
import type { Topology } from '../../knowledge-graph/store/port.js';
import { mapDistricts, mapRegions } from './districts.js';

/** Regions as the demo (districts under 重庆市) and chainkg (an enterprise at 重庆市 only) record them. */
function graph(): ChainGraph {
  const names: Array<[string, 'Region' | 'Enterprise']> = [
    ['重庆市', 'Region'],
    ['渝北区', 'Region'],
    ['两江新区', 'Region'],
    ['梁平县', 'Region'],
    ['石柱县', 'Region'],
    ['西永综合保税区', 'Region'],
    ['不存在区', 'Region'],
    ['湖南省', 'Region'],
    ['渝北企业', 'Enterprise'],
    ['两江企业', 'Enterprise'],
    ['重庆上市公司', 'Enterprise'],
  ];
  const nodes = names.map(([name, type]) => ({ id: `${type.toLowerCase()}:${name}`, type, name }));
  const at = (name: string) => names.findIndex(([n]) => n === name);
  const located = (from: string, to: string) => ({
    type: 'LOCATED_IN' as const,
    from: at(from),
    to: at(to),
    props: {},
    inferred: false,
  });
  const topology: Topology = {
    nodes,
    edges: [
      ...['渝北区', '两江新区', '梁平县', '石柱县', '西永综合保税区', '不存在区'].map((r) =>
        located(r, '重庆市'),
      ),
      located('渝北企业', '渝北区'),
      located('两江企业', '两江新区'),
      located('重庆上市公司', '重庆市'),
    ],
  };
  return new ChainGraph(topology);
}

describe('Chongqing district mapping', () => {
  it('keeps the 38 districts and counties of the vendored map, under their current names', () => {
    const districts = mapDistricts();
    expect(districts).toHaveLength(38);
    expect(districts).toContain('梁平区');
    expect(districts).toContain('武隆区');
    expect(districts).not.toContain('梁平县');
  });

  it('maps districts by name, old county names and short forms included, and says why the rest do not map', () => {
    const g = graph();
    const { district, unmapped } = mapRegions(g);
    const byName = new Map([...district].map(([node, feature]) => [g.names[node], feature]));
    expect(byName).toEqual(
      new Map([
        ['渝北区', '渝北区'],
        ['梁平县', '梁平区'],
        ['石柱县', '石柱土家族自治县'],
      ]),
    );
    expect(unmapped).toEqual(
      expect.arrayContaining([
        { regionId: 'region:重庆市', name: '重庆市', enterprises: 1, reason: 'city-level' },
        { regionId: 'region:两江新区', name: '两江新区', enterprises: 1, reason: 'functional-zone' },
        {
          regionId: 'region:西永综合保税区',
          name: '西永综合保税区',
          enterprises: 0,
          reason: 'functional-zone',
        },
        { regionId: 'region:不存在区', name: '不存在区', enterprises: 0, reason: 'unknown-name' },
      ]),
    );
    expect(unmapped).toHaveLength(4);
    // Regions outside the city are neither mapped nor reported.
    expect(unmapped.map((u) => u.name)).not.toContain('湖南省');
  });
});
