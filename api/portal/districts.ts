import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ChainGraph } from '../../engine/chain/graph.js';
import { projectRoot } from '../../engine/paths.js';

/** The municipality the district map draws; its region node is found by this name or alias. */
export const MAP_CITY = '重庆市';

let featureNames: string[] | undefined;

/** The district and county names of the vendored Chongqing map (api/assets/maps/chongqing.json). */
export function mapDistricts(): string[] {
  if (!featureNames) {
    const geo = JSON.parse(
      readFileSync(join(projectRoot(), 'api', 'assets', 'maps', 'chongqing.json'), 'utf8'),
    ) as {
      features: Array<{ properties: { name: string } }>;
    };
    featureNames = geo.features.map((f) => f.properties.name);
  }
  return featureNames;
}

// 渝北区 and 渝北 are one place; so are 石柱土家族自治县 and 石柱县.
const stem = (name: string) => name.replace(/(土家族|苗族)*(自治县|区|县|市)$/u, '');

/** Why a region below the city has no district on the map, in both languages. */
export interface Unmapped {
  regionId: string;
  name: string;
  /** Enterprises located there (directly or further down). */
  enterprises: number;
  reason: 'functional-zone' | 'city-level' | 'unknown-name';
}

export interface DistrictMapping {
  /** Region node → map feature name. */
  district: Map<number, string>;
  unmapped: Unmapped[];
}

// National new areas and high-tech zones span several districts, so they cannot be coloured as one.
const FUNCTIONAL_ZONE = /新区$|高新区$|开发区$|园区$|保税区$/u;

/**
 * Matches the graph's regions inside the city to the map's districts by name (stem match, so old
 * and new forms such as 梁平县/梁平区 agree). What cannot be drawn is kept with the reason: a
 * functional zone spanning districts (两江新区), an enterprise located at the city only (the
 * chain data infers 重庆市 from a registered name), or a name the map does not know.
 */
export function mapRegions(g: ChainGraph): DistrictMapping {
  const features = new Map(mapDistricts().map((name) => [stem(name), name]));
  const district = new Map<number, string>();
  const unmapped: Unmapped[] = [];
  const city = g.nodesOfType('Region').find((r) => g.names[r] === MAP_CITY);
  if (city === undefined) return { district, unmapped };
  const enterprisesIn = (region: number) =>
    g.nodesOfType('Enterprise').filter((e) => g.within(e, region)).length;
  const directAtCity = g.inLinks('LOCATED_IN', city).filter((l) => g.types[l.node] === 'Enterprise').length;
  if (directAtCity > 0)
    unmapped.push({
      regionId: g.ids[city]!,
      name: MAP_CITY,
      enterprises: directAtCity,
      reason: 'city-level',
    });
  for (const r of g.nodesOfType('Region')) {
    if (r === city || !g.within(r, city)) continue;
    const feature = features.get(stem(g.names[r]!));
    if (feature) {
      district.set(r, feature);
      continue;
    }
    unmapped.push({
      regionId: g.ids[r]!,
      name: g.names[r]!,
      enterprises: enterprisesIn(r),
      reason: FUNCTIONAL_ZONE.test(g.names[r]!) ? 'functional-zone' : 'unknown-name',
    });
  }
  return { district, unmapped };
}
