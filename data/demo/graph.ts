/**
 * The demo knowledge graph: products and their MADE_FROM inputs, industries, regions, fictional
 * enterprises and the relations between them. Deterministic: every random draw comes from a
 * labelled stream of the seeded PRNG.
 */
import { type EdgeType, edgeId, type NodeType, nodeId } from '../../knowledge-graph/schema/index.js';
import {
  CHONGQING,
  CONCENTRATED,
  DISTRICTS,
  type Family,
  INDUSTRY_LINES,
  PRODUCT_LINES,
  PROVINCES,
  TIER_NAMES,
} from './catalog.js';
import { createRng } from './prng.js';

export interface DemoNode {
  id: string;
  type: NodeType;
  name: string;
  aliases: string[];
  props: Record<string, unknown>;
  visibility: string;
}

export interface DemoEdge {
  type: EdgeType;
  from: string;
  to: string;
  props: Record<string, unknown>;
  visibility: string;
}

export interface ProductSpec {
  name: string;
  id: string;
  industry: string;
  tier: number;
  inputs: { name: string; weight?: number }[];
  parent?: string;
  aliases: string[];
  unit: string;
}

export interface EnterpriseSpec {
  key: string;
  id: string;
  brand: string;
  shortName: string;
  fullName: string;
  aliases: string[];
  regionId: string;
  /** Province-level region (重庆市 for districts). */
  provinceId: string;
  products: { id: string; weight: number }[];
  industry: string;
  code?: string;
}

export interface DemoGraph {
  nodes: DemoNode[];
  edges: DemoEdge[];
  products: Map<string, ProductSpec>;
  enterprises: EnterpriseSpec[];
}

const round4 = (x: number): number => Math.round(x * 1e4) / 1e4;
const floor4 = (x: number): number => Math.floor(x * 1e4 + 1e-9) / 1e4;
const round2 = (x: number): number => Math.round(x * 100) / 100;

export const productId = (name: string): string => nodeId('Product', name);
export const regionId = (name: string): string => nodeId('Region', name);
export const industryId = (code: string): string => nodeId('Industry', code);

/** Parses the catalogue lines into product specs, resolving `*` inputs and checking names and tiers. */
export function parseProducts(): Map<string, ProductSpec> {
  const products = new Map<string, ProductSpec>();
  const rawInputs = new Map<string, string>();
  for (const line of PRODUCT_LINES) {
    const fields = line.split('|');
    const [name, industry, tier, inputs, parent, aliases, unit] = fields;
    if (fields.length !== 7 || !name || !industry || !tier || !unit)
      throw new Error(`bad product line: ${line}`);
    if (products.has(name)) throw new Error(`duplicate product: ${name}`);
    products.set(name, {
      name,
      id: productId(name),
      industry,
      tier: Number(tier),
      inputs: [],
      parent: parent || undefined,
      aliases: aliases ? aliases.split(' ').filter(Boolean) : [],
      unit,
    });
    rawInputs.set(name, inputs ?? '');
  }
  const parseInputs = (text: string) =>
    text
      .split(' ')
      .filter(Boolean)
      .map((token) => {
        const [n, w] = token.split(':');
        return w === undefined ? { name: n! } : { name: n!, weight: Number(w) };
      });
  for (const p of products.values()) {
    const text = rawInputs.get(p.name) ?? '';
    if (text === '*') {
      if (!p.parent) throw new Error(`${p.name}: '*' inputs need a parent`);
      p.inputs = parseInputs(rawInputs.get(p.parent) ?? '');
    } else {
      p.inputs = parseInputs(text);
    }
    if (p.parent && !products.has(p.parent)) throw new Error(`${p.name}: unknown parent ${p.parent}`);
    const seen = new Set<string>();
    for (const input of p.inputs) {
      const q = products.get(input.name);
      if (!q) throw new Error(`${p.name}: unknown input ${input.name}`);
      if (q.tier > p.tier) throw new Error(`${p.name} (tier ${p.tier}) uses ${q.name} (tier ${q.tier})`);
      if (seen.has(input.name)) throw new Error(`${p.name}: duplicate input ${input.name}`);
      seen.add(input.name);
    }
  }
  return products;
}

/** Topological order of products along MADE_FROM (inputs first); throws on a cycle. */
export function topoOrder(products: Map<string, ProductSpec>): string[] {
  const state = new Map<string, 1 | 2>();
  const order: string[] = [];
  const visit = (name: string, path: string[]) => {
    const s = state.get(name);
    if (s === 2) return;
    if (s === 1) throw new Error(`MADE_FROM cycle: ${[...path, name].join(' → ')}`);
    state.set(name, 1);
    for (const input of products.get(name)!.inputs) visit(input.name, [...path, name]);
    state.set(name, 2);
    order.push(name);
  };
  for (const name of products.keys()) visit(name, []);
  return order;
}

/** Input shares summing exactly to 1 (4 decimals, the rounding remainder on the largest share). */
export function inputShares(seed: number, p: ProductSpec): number[] {
  const rng = createRng(seed, `share:${p.name}`);
  const raw = p.inputs.map((input, i) => input.weight ?? (1 / Math.sqrt(i + 1)) * rng.range(0.6, 1.4));
  const total = raw.reduce((a, b) => a + b, 0);
  const shares = raw.map((w) => round4(w / total));
  let largest = 0;
  for (let i = 1; i < shares.length; i++) if (shares[i]! > shares[largest]!) largest = i;
  const others = shares.reduce((a, b, i) => (i === largest ? a : a + b), 0);
  shares[largest] = round4(1 - others);
  return shares;
}

export function familyOf(industry: string): Family {
  const l2 = industry.slice(0, 4);
  const l1 = industry.slice(0, 2);
  if (l2 === '2805' || l2 === '2806') return 'vehicle';
  if (l2 === '2804') return 'motorcycle';
  if (l2 === '2802' || l2 === '6301' || l1 === '64') return 'parts';
  if (l2 === '6307') return 'battery';
  if (l1 === '27' || l2 === '6303') return 'electronics';
  if (l1 === '22') return 'chemical';
  if (l1 === '24') return 'metal';
  if (l1 === '23') return 'steel';
  if (l1 === '74' || l1 === '75') return 'energy';
  return 'building';
}

const CQ_SHARE: Record<Family, number> = {
  vehicle: 0.9,
  motorcycle: 0.94,
  parts: 0.86,
  battery: 0.75,
  electronics: 0.55,
  chemical: 0.66,
  metal: 0.56,
  steel: 0.7,
  energy: 0.3,
  building: 0.75,
};

const DOMAIN_WORDS: [prefix: string, words: string[]][] = [
  ['280501', ['汽车', '新能源汽车']],
  ['2805', ['汽车']],
  ['2806', ['汽车', '商用车']],
  ['2804', ['摩托车', '机车', '动力']],
  ['280203', ['汽车部件', '动力', '传动', '精工', '机械']],
  ['280202', ['汽车饰件', '汽车部件', '车身系统']],
  ['280204', ['轮胎', '车轮']],
  ['280205', ['热系统', '汽车部件']],
  ['280206', ['汽车电子', '智能科技', '电气']],
  ['630702', ['新材料', '锂电材料']],
  ['630704', ['氢能']],
  ['630705', ['电源']],
  ['6307', ['新能源', '电池', '储能']],
  ['6301', ['电驱', '电机']],
  ['6303', ['电源', '充电科技']],
  ['2701', ['微电子', '半导体', '芯片']],
  ['2702', ['电子', '电子元件']],
  ['2703', ['光电', '显示']],
  ['2706', ['电子材料']],
  ['240603', ['锂业', '锂能']],
  ['2406', ['钴镍', '新材料']],
  ['240301', ['铝业']],
  ['240302', ['铜业']],
  ['240303', ['锌业']],
  ['2405', ['稀土', '新材料', '金属']],
  ['240202', ['磁材']],
  ['2402', ['合金']],
  ['2404', ['贵金属']],
  ['220311', ['氟化工']],
  ['2206', ['橡胶', '化工']],
  ['2205', ['塑胶', '新材料', '膜材料']],
  ['22', ['化工', '新材料', '化学']],
  ['23', ['钢铁', '特钢', '金属制品']],
  ['74', ['煤业', '能源']],
  ['75', ['石化', '能源']],
  ['61', ['玻璃', '玻纤']],
  ['64', ['机械', '精工']],
];

const domainWords = (industry: string): string[] =>
  DOMAIN_WORDS.find(([prefix]) => industry.startsWith(prefix))?.[1] ?? ['科技'];

const BRAND_FIRST = [...'渝巴岚澄铖曜珩骁翎琨溯霁栩璟峣朔岑蔚昶湛'];
const BRAND_SECOND = [...'星川峰岳舟途辰驰衡启拓晟源渊嵘瀚泓能擎航'];

interface Anchor {
  brand: string;
  domain: string;
  suffix: string;
  district: string;
  aliases: string[];
  products: [string, number][];
  code: boolean;
}

/** Hand-placed chain leaders (D0001…), so examples and access-control tests have stable subjects. */
const ANCHORS: Anchor[] = [
  {
    brand: '渝星',
    domain: '动力',
    suffix: '科技股份有限公司',
    district: '两江新区',
    aliases: ['渝星股份', '渝星动力科技', '重庆渝星动力'],
    products: [
      ['发动机', 0.35],
      ['混动专用发动机', 0.25],
      ['增程器', 0.2],
      ['摩托车发动机', 0.1],
    ],
    code: true,
  },
  {
    brand: '霁川',
    domain: '汽车',
    suffix: '股份有限公司',
    district: '两江新区',
    aliases: ['霁川集团', '霁川新能源汽车'],
    products: [
      ['新能源汽车', 0.45],
      ['乘用车', 0.25],
      ['增程式电动汽车', 0.15],
      ['纯电动乘用车', 0.1],
    ],
    code: true,
  },
  {
    brand: '曜驰',
    domain: '摩托车',
    suffix: '股份有限公司',
    district: '巴南区',
    aliases: ['曜驰机车', '曜驰摩托'],
    products: [
      ['摩托车', 0.5],
      ['大排量摩托车', 0.25],
      ['踏板摩托车', 0.1],
      ['电动摩托车', 0.08],
    ],
    code: true,
  },
  {
    brand: '璟能',
    domain: '新能源',
    suffix: '科技有限公司',
    district: '璧山区',
    aliases: ['璟能电池'],
    products: [
      ['动力电池', 0.5],
      ['磷酸铁锂电芯', 0.25],
      ['储能电池系统', 0.15],
    ],
    code: false,
  },
];

/** Producer counts fixed by hand for products often used in examples (region left to the draw). */
const PRODUCER_COUNTS: Record<string, number> = {
  电芯: 4,
  动力电池: 5,
  新能源汽车: 5,
  乘用车: 4,
  摩托车: 6,
  摩托车发动机: 4,
  电机: 4,
  电控: 3,
  减速器: 3,
  座椅: 4,
  线束: 5,
  轮胎: 3,
  正极材料: 3,
  负极材料: 3,
  发动机: 3,
  变速器: 3,
  车身: 3,
  铝合金: 4,
  钢材: 3,
  汽车玻璃: 2,
  电驱动系统: 3,
  热管理系统: 2,
  智能驾驶系统: 2,
  电池管理系统: 3,
};

/** Extra pinned producers (district names mean Chongqing). */
const PINNED_EXTRA: { product: string; producers: number; places: string[] }[] = [
  { product: '电解液', producers: 3, places: ['涪陵区', '江苏省', '广东省'] },
  { product: '干法隔膜', producers: 1, places: ['江苏省'] },
];

interface Slot {
  product: string;
  /** Required place (district or province name) or undefined. */
  place?: string;
}

export function buildGraph(seed: number): DemoGraph {
  const products = parseProducts();
  topoOrder(products);
  const nodes: DemoNode[] = [];
  const edgeMap = new Map<string, DemoEdge>();
  const addEdge = (type: EdgeType, from: string, to: string, props: Record<string, unknown> = {}) => {
    const id = edgeId(type, from, to);
    if (edgeMap.has(id)) throw new Error(`duplicate edge ${id}`);
    edgeMap.set(id, { type, from, to, props, visibility: 'public' });
  };

  // ── regions ──
  const countryId = regionId('中国');
  const cqId = regionId(CHONGQING);
  nodes.push({
    id: countryId,
    type: 'Region',
    name: '中国',
    aliases: ['中华人民共和国'],
    props: { level: 'country' },
    visibility: 'public',
  });
  nodes.push({
    id: cqId,
    type: 'Region',
    name: CHONGQING,
    aliases: ['重庆'],
    props: { level: 'province', parentId: countryId },
    visibility: 'public',
  });
  addEdge('LOCATED_IN', cqId, countryId);
  for (const d of DISTRICTS) {
    const id = regionId(d.name);
    nodes.push({
      id,
      type: 'Region',
      name: d.name,
      aliases: d.aliases,
      props: { level: 'district', parentId: cqId },
      visibility: 'public',
    });
    addEdge('LOCATED_IN', id, cqId);
  }
  for (const p of PROVINCES) {
    const id = regionId(p.name);
    nodes.push({
      id,
      type: 'Region',
      name: p.name,
      aliases: p.aliases,
      props: { level: 'province', parentId: countryId },
      visibility: 'public',
    });
    addEdge('LOCATED_IN', id, countryId);
  }

  // ── industries ──
  const industryNames = new Map<string, string>();
  for (const line of INDUSTRY_LINES) {
    const [code, name, parent] = line.split('|') as [string, string, string];
    industryNames.set(code, name);
    const level = code.endsWith('0000') ? 1 : code.endsWith('00') ? 2 : 3;
    nodes.push({
      id: industryId(code),
      type: 'Industry',
      name,
      aliases: [],
      props: { code, classification: '申万行业（示例子集）', level },
      visibility: 'public',
    });
    if (parent) addEdge('INDUSTRY_PARENT', industryId(code), industryId(parent));
  }

  // ── products ──
  for (const p of products.values()) {
    if (!industryNames.has(p.industry)) throw new Error(`${p.name}: unknown industry ${p.industry}`);
    nodes.push({
      id: p.id,
      type: 'Product',
      name: p.name,
      aliases: p.aliases,
      props: { unit: p.unit, tier: p.tier, tierName: TIER_NAMES[p.tier] },
      visibility: 'public',
    });
    addEdge('IN_INDUSTRY', p.id, industryId(p.industry));
    if (p.parent) addEdge('SUBTYPE_OF', p.id, productId(p.parent));
    const shares = inputShares(seed, p);
    p.inputs.forEach((input, i) => {
      addEdge('MADE_FROM', p.id, productId(input.name), { share: shares[i]! });
    });
  }

  // ── enterprises ──
  const enterprises = buildEnterprises(seed, products);
  for (const e of enterprises) {
    nodes.push({
      id: e.id,
      type: 'Enterprise',
      name: e.shortName,
      aliases: e.aliases,
      props: {
        demo: true,
        fullName: e.fullName,
        shortName: e.shortName,
        regionId: e.regionId,
        ...(e.code ? { code: e.code } : {}),
      },
      visibility: 'public',
    });
    addEdge('LOCATED_IN', e.id, e.regionId);
    addEdge('IN_INDUSTRY', e.id, industryId(e.industry));
    for (const p of e.products) addEdge('PRODUCES', e.id, p.id, { weight: p.weight });
  }
  for (const [type, from, to, props] of enterpriseRelations(seed, products, enterprises))
    addEdge(type, from, to, props);

  return { nodes, edges: [...edgeMap.values()], products, enterprises };
}

function buildEnterprises(seed: number, products: Map<string, ProductSpec>): EnterpriseSpec[] {
  const rng = createRng(seed, 'enterprises');
  // Producer slots per product.
  const slots = new Map<string, Slot[]>();
  const pinned = new Map<string, string[]>();
  for (const c of CONCENTRATED) pinned.set(c.product, c.provinces.slice(0, c.producers));
  for (const c of PINNED_EXTRA) pinned.set(c.product, c.places.slice(0, c.producers));
  for (const p of products.values()) {
    const places = pinned.get(p.name);
    let list: Slot[];
    if (places) list = places.map((place) => ({ product: p.name, place }));
    else {
      const n =
        PRODUCER_COUNTS[p.name] ??
        (p.tier === 0
          ? rng.chance(0.3)
            ? 2
            : 1
          : p.tier <= 2
            ? rng.int(1, 3)
            : p.tier === 3
              ? rng.int(1, 2)
              : rng.int(2, 3));
      list = Array.from({ length: n }, () => ({ product: p.name }));
    }
    slots.set(p.name, list);
  }

  const brands = rng.shuffle(BRAND_FIRST.flatMap((a) => BRAND_SECOND.map((b) => a + b)));
  const usedBrands = new Set(ANCHORS.map((a) => a.brand));
  /** Brands starting with 渝 or 巴 (Chongqing's short names) are kept for Chongqing enterprises. */
  const nextBrand = (inCq: boolean): string => {
    for (let i = 0; i < brands.length; i++) {
      const b = brands[i]!;
      if (usedBrands.has(b) || (!inCq && /^[渝巴]/.test(b))) continue;
      usedBrands.add(b);
      return b;
    }
    throw new Error('ran out of brand names');
  };

  interface Draft {
    anchor?: Anchor;
    products: string[];
    place: string;
  }
  const drafts: Draft[] = [];
  for (const a of ANCHORS) {
    for (const [name] of a.products) {
      const list = slots.get(name);
      if (!list || list.length === 0) throw new Error(`anchor product without a slot: ${name}`);
      list.pop();
    }
    drafts.push({ anchor: a, products: a.products.map(([n]) => n), place: a.district });
  }

  // Group remaining slots by industry, round-robin within the group, chunk into enterprises.
  const byIndustry = new Map<string, string[]>();
  for (const p of products.values()) {
    const list = byIndustry.get(p.industry) ?? [];
    list.push(p.name);
    byIndustry.set(p.industry, list);
  }
  const districtNames = new Set(DISTRICTS.map((d) => d.name));
  const drawPlace = (family: Family, tier: number): string => {
    const cqShare = tier === 0 ? 0.15 : CQ_SHARE[family];
    if (rng.chance(cqShare)) {
      const weights = DISTRICTS.map((d) => d.weights[family] ?? 0.15);
      return DISTRICTS[rng.weighted(weights)]!.name;
    }
    const weights = PROVINCES.map((p) => p.weights[family] ?? 0.05);
    return PROVINCES[rng.weighted(weights)]!.name;
  };
  for (const [industry, names] of byIndustry) {
    const queue: Slot[] = [];
    const maxRound = Math.max(...names.map((n) => slots.get(n)!.length));
    for (let r = 0; r < maxRound; r++)
      for (const n of names) if (slots.get(n)![r]) queue.push(slots.get(n)![r]!);
    const family = familyOf(industry);
    while (queue.length > 0) {
      const first = queue.shift()!;
      const size = (family === 'vehicle' || family === 'motorcycle' ? [1, 2, 2, 3] : [2, 2, 3, 3, 4, 4, 5])[
        rng.int(0, family === 'vehicle' || family === 'motorcycle' ? 3 : 6)
      ]!;
      const members = [first.product];
      let place = first.place;
      for (let i = 0; i < queue.length && members.length < size; ) {
        const s = queue[i]!;
        const compatible = !members.includes(s.product) && (!s.place || !place || s.place === place);
        if (compatible) {
          members.push(s.product);
          place = place ?? s.place;
          queue.splice(i, 1);
        } else i++;
      }
      drafts.push({
        products: members,
        place: place ?? drawPlace(family, products.get(first.product)!.tier),
      });
    }
  }

  // Anchors keep D0001…; the rest are shuffled so ids do not follow industries.
  const ordered = [...drafts.slice(0, ANCHORS.length), ...rng.shuffle(drafts.slice(ANCHORS.length))];
  let codeCounter = 0;
  return ordered.map((d, i) => {
    const key = `D${String(i + 1).padStart(4, '0')}`;
    const inCq = districtNames.has(d.place);
    const province = PROVINCES.find((p) => p.name === d.place);
    const cityPrefix = inCq ? '重庆' : rng.pick(province!.cities);
    const primary = products.get(d.products[0]!)!;
    const brand = d.anchor?.brand ?? nextBrand(inCq);
    const domain = d.anchor?.domain ?? rng.pick(domainWords(primary.industry));
    const listed = d.anchor ? d.anchor.code : rng.chance(0.14);
    const suffix =
      d.anchor?.suffix ??
      (listed
        ? rng.pick(['股份有限公司', '科技股份有限公司'])
        : rng.pick(['有限公司', '有限公司', '科技有限公司', '集团有限公司']));
    const shortName = brand + domain;
    const fullName = cityPrefix + shortName + suffix;
    const aliases = d.anchor?.aliases ?? (rng.chance(0.04) ? [`${brand}集团`, `${cityPrefix}${brand}`] : []);
    // Revenue shares: the primary product leads; the rest share what is left; total ≤ 1.
    let weights: number[];
    if (d.anchor) weights = d.anchor.products.map(([, w]) => w);
    else {
      const k = d.products.length;
      const lead = k === 1 ? rng.range(0.6, 0.95) : rng.range(0.4, 0.75);
      const rest = (1 - lead) * rng.range(0.7, 0.97);
      const raw = Array.from({ length: k - 1 }, () => rng.range(0.3, 1));
      const total = raw.reduce((a, b) => a + b, 0);
      weights = [lead, ...raw.map((w) => (rest * w) / total)].map(floor4);
    }
    const code = listed ? String(900001 + codeCounter++) : undefined;
    return {
      key,
      id: nodeId('Enterprise', key),
      brand,
      shortName,
      fullName,
      aliases,
      regionId: regionId(d.place),
      provinceId: inCq ? regionId(CHONGQING) : regionId(d.place),
      products: d.products.map((n, j) => ({ id: productId(n), weight: weights[j]! })),
      industry: primary.industry,
      code,
    };
  });
}

type RelationTuple = [EdgeType, string, string, Record<string, unknown>];

function enterpriseRelations(
  seed: number,
  products: Map<string, ProductSpec>,
  enterprises: EnterpriseSpec[],
): RelationTuple[] {
  const rng = createRng(seed, 'relations');
  const out: RelationTuple[] = [];
  const producers = new Map<string, EnterpriseSpec[]>();
  for (const e of enterprises)
    for (const p of e.products) {
      const list = producers.get(p.id) ?? [];
      list.push(e);
      producers.set(p.id, list);
    }
  const productByid = new Map([...products.values()].map((p) => [p.id, p]));
  const anchorIds = new Set(enterprises.slice(0, ANCHORS.length).map((e) => e.id));

  // SUPPLIES: the supplier produces an input of one of the customer's products.
  const supplies = new Map<string, Set<string>>();
  // Fixed anchor relations referred to by the enterprise-only policy documents.
  supplies.set('enterprise:D0004|enterprise:D0002', new Set([productId('动力电池')]));
  supplies.set('enterprise:D0001|enterprise:D0002', new Set([productId('增程器')]));
  for (const customer of enterprises) {
    for (const made of customer.products) {
      const spec = productByid.get(made.id)!;
      const p = anchorIds.has(customer.id) ? 1 : spec.tier === 5 ? 0.3 : 0.45;
      for (const input of spec.inputs) {
        const qid = productId(input.name);
        const candidates = (producers.get(qid) ?? []).filter((s) => s.id !== customer.id);
        if (candidates.length === 0 || !rng.chance(p)) continue;
        const weights = candidates.map((s) => (s.provinceId === customer.provinceId ? 3 : 1));
        const supplier = candidates[rng.weighted(weights)]!;
        const key = `${supplier.id}|${customer.id}`;
        const set = supplies.get(key) ?? new Set<string>();
        set.add(qid);
        supplies.set(key, set);
      }
    }
  }
  for (const [key, set] of supplies) {
    const [from, to] = key.split('|') as [string, string];
    out.push(['SUPPLIES', from, to, { products: [...set].sort() }]);
  }

  // COMPETES_WITH: producers of the same product (stored once, lower id first).
  const competes = new Map<string, Set<string>>();
  for (const [pid, list] of producers) {
    const spec = productByid.get(pid)!;
    if (spec.tier < 1 || list.length < 2) continue;
    const sorted = [...list].sort((a, b) => a.id.localeCompare(b.id)).slice(0, 5);
    for (let i = 0; i < sorted.length; i++)
      for (let j = i + 1; j < sorted.length; j++) {
        if (!rng.chance(0.55)) continue;
        const key = `${sorted[i]!.id}|${sorted[j]!.id}`;
        const set = competes.get(key) ?? new Set<string>();
        set.add(pid);
        competes.set(key, set);
      }
  }
  for (const [key, set] of competes) {
    const [from, to] = key.split('|') as [string, string];
    out.push(['COMPETES_WITH', from, to, { products: [...set].sort() }]);
  }

  // CONTROLS: listed groups hold majority stakes in suppliers or peers in the same province.
  const controlled = new Set<string>();
  const listed = enterprises.filter((e) => e.code);
  for (const parent of listed) {
    if (!anchorIds.has(parent.id) && !rng.chance(0.45)) continue;
    const candidates = enterprises.filter(
      (e) =>
        e.id !== parent.id &&
        !e.code &&
        !controlled.has(e.id) &&
        e.provinceId === parent.provinceId &&
        (supplies.has(`${e.id}|${parent.id}`) || e.industry.slice(0, 4) === parent.industry.slice(0, 4)),
    );
    const n = Math.min(candidates.length, rng.int(1, 2));
    for (const child of rng.shuffle(candidates).slice(0, n)) {
      controlled.add(child.id);
      out.push(['CONTROLS', parent.id, child.id, { stake: round2(rng.range(0.51, 1)), relation: '控股' }]);
    }
  }

  // INVESTS_IN: minority stakes, mostly by listed groups.
  const invested = new Set<string>();
  const investors = listed.length > 0 ? listed : enterprises;
  for (let i = 0; i < 32; i++) {
    const investor = rng.pick(investors);
    const investee = rng.pick(enterprises);
    const key = `${investor.id}|${investee.id}`;
    if (investee.id === investor.id || invested.has(key) || controlled.has(investee.id)) continue;
    invested.add(key);
    out.push([
      'INVESTS_IN',
      investor.id,
      investee.id,
      { stake: round2(rng.range(0.03, 0.35)), relation: '参股' },
    ]);
  }

  // COOPERATES_WITH: vehicle and motorcycle makers with battery, electronics and parts makers.
  const makers = enterprises.filter((e) => ['vehicle', 'motorcycle'].includes(familyOf(e.industry)));
  const partners = enterprises.filter((e) =>
    ['battery', 'electronics', 'parts'].includes(familyOf(e.industry)),
  );
  const cooperates = new Set<string>();
  for (let i = 0; i < 40; i++) {
    const a = rng.pick(makers);
    const b = rng.pick(partners);
    const [from, to] = a.id < b.id ? [a.id, b.id] : [b.id, a.id];
    const key = `${from}|${to}`;
    if (from === to || cooperates.has(key)) continue;
    cooperates.add(key);
    out.push(['COOPERATES_WITH', from, to, { relation: rng.pick(['战略合作', '联合研发', '合资建厂']) }]);
  }
  return out;
}
