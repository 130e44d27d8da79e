import { PROVINCES, type ProvinceEntry } from './regions-cn.js';

export interface InferredRegion {
  /** Region node name: 重庆市, 湖南省, 邵阳市. */
  name: string;
  level: 'province' | 'city';
  /** For a city, its province's name. */
  province?: string;
}

interface Prefix {
  prefix: string;
  region: InferredRegion;
}

// Longest prefix first so 内蒙古 wins over 内 and 吉林省 over 吉林 (the city).
const PREFIXES: Prefix[] = (() => {
  const list: Prefix[] = [];
  const province = (p: ProvinceEntry): InferredRegion => ({ name: p.name, level: 'province' });
  for (const p of PROVINCES) {
    list.push({ prefix: p.name, region: province(p) });
    list.push({ prefix: p.short, region: province(p) });
    for (const city of p.cities) {
      const region: InferredRegion = { name: `${city}市`, level: 'city', province: p.name };
      list.push({ prefix: `${city}市`, region });
      // A bare city name that equals its province's short name (吉林) means the province.
      if (city !== p.short) list.push({ prefix: city, region });
    }
  }
  return list.sort((a, b) => b.prefix.length - a.prefix.length);
})();

/**
 * The region an enterprise's registered full name starts with, when it does (重庆小康工业… →
 * 重庆市; 邵阳维克液压… → 邵阳市 in 湖南省). Names like 中国… or 华润… give none.
 */
export function inferRegion(fullName: string): InferredRegion | undefined {
  const name = fullName.normalize('NFKC').trim();
  return PREFIXES.find((p) => name.startsWith(p.prefix))?.region;
}
