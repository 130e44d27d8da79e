/**
 * The documented part of the series ↔ product mapping: products a commodity price series stands
 * for beyond its own Chinese name, keyed by the series' English name (the IMF column). Each entry
 * gives the confidence that the series is this product's price and why: 0.9–0.95 for the same
 * commodity under another trade name, 0.7–0.85 for the same commodity on another market or
 * benchmark, 0.5–0.6 for a proxy (another form of the element, or a basket). A listed pair takes
 * its confidence from here even when a name rule would also match it.
 */
export interface CuratedProduct {
  product: string;
  confidence: number;
  why: string;
}

export const COMMODITY_PRODUCTS: Readonly<Record<string, readonly CuratedProduct[]>> = {
  Aluminum: [
    { product: '电解铝', confidence: 0.95, why: 'LME primary aluminium, 99.5%: electrolytic aluminium' },
    { product: '原铝', confidence: 0.95, why: 'primary aluminium' },
    { product: '铝锭', confidence: 0.9, why: 'aluminium ingot, the form LME aluminium trades in' },
  ],
  Copper: [
    { product: '电解铜', confidence: 0.95, why: 'LME grade A cathode: electrolytic copper' },
    { product: '阴极铜', confidence: 0.95, why: 'LME grade A cathode' },
    { product: '精炼铜', confidence: 0.9, why: 'refined copper, of which cathode is the traded form' },
  ],
  Nickel: [{ product: '电解镍', confidence: 0.9, why: 'LME melting-grade nickel, mostly cathode' }],
  Zinc: [{ product: '锌锭', confidence: 0.9, why: 'zinc ingot, the form LME zinc trades in' }],
  Lead: [{ product: '铅锭', confidence: 0.9, why: 'lead ingot, the form LME lead trades in' }],
  Tin: [{ product: '锡锭', confidence: 0.9, why: 'tin ingot, the form LME tin trades in' }],
  Rubber: [
    { product: '天然胶', confidence: 0.95, why: 'natural rubber' },
    { product: '烟片胶', confidence: 0.95, why: 'No. 3 ribbed smoked sheet is the series' },
  ],
  'Iron Ore': [
    { product: '铁矿', confidence: 0.9, why: 'iron ore fines 62% Fe, CFR Tianjin' },
    { product: '铁精粉', confidence: 0.75, why: 'iron ore concentrate, a higher grade than the 62% fines' },
  ],
  'Coal Australian': [
    { product: '动力煤', confidence: 0.9, why: 'Newcastle thermal coal, the benchmark for Asian imports' },
  ],
  'Coal South African': [
    { product: '动力煤', confidence: 0.75, why: 'Richards Bay thermal coal, a second benchmark' },
  ],
  'Crude Oil Average': [
    { product: '原油', confidence: 0.95, why: "the IMF's average of Brent, WTI and Dubai spot prices" },
    { product: '石油', confidence: 0.85, why: 'crude petroleum' },
  ],
  'Crude Oil Brent': [{ product: '原油', confidence: 0.85, why: 'Brent, the international benchmark' }],
  'Crude Oil Dubai': [
    { product: '原油', confidence: 0.75, why: 'Dubai, the benchmark for Asian imports of Middle East crude' },
  ],
  'Crude Oil WTI': [{ product: '原油', confidence: 0.75, why: 'WTI, the US benchmark' }],
  'Natural Gas Japan LNG': [
    { product: '液化天然气', confidence: 0.9, why: 'LNG delivered to Japan, the Asian LNG benchmark' },
    { product: 'LNG', confidence: 0.9, why: 'LNG delivered to Japan, the Asian LNG benchmark' },
  ],
  'Natural Gas Europe': [{ product: '天然气', confidence: 0.7, why: 'Dutch TTF, the European benchmark' }],
  'Natural Gas US Henry Hub': [{ product: '天然气', confidence: 0.7, why: 'Henry Hub, the US benchmark' }],
  'Sugar Free Market': [
    { product: '原糖', confidence: 0.9, why: 'raw sugar, ICE No. 11' },
    {
      product: '白糖',
      confidence: 0.7,
      why: 'raw sugar No. 11 as the price of the refined product made from it',
    },
    { product: '糖', confidence: 0.6, why: 'raw sugar No. 11 as the sugar price' },
  ],
  Lithium: [
    { product: '金属锂', confidence: 0.95, why: 'battery-grade lithium metal' },
    {
      product: '碳酸锂',
      confidence: 0.6,
      why: 'lithium metal as a proxy for lithium carbonate: another form of the element, priced together',
    },
    { product: '氢氧化锂', confidence: 0.55, why: 'lithium metal as a proxy for lithium hydroxide' },
  ],
  Cobalt: [
    { product: '电解钴', confidence: 0.95, why: 'LME cobalt metal, 99.8%' },
    { product: '硫酸钴', confidence: 0.55, why: 'cobalt metal as a proxy for cobalt sulphate' },
  ],
  Silicon: [
    { product: '工业硅', confidence: 0.9, why: 'silicon lumps: industrial (metallurgical) silicon' },
    { product: '金属硅', confidence: 0.9, why: 'silicon lumps: silicon metal' },
  ],
  Manganese: [{ product: '电解锰', confidence: 0.9, why: 'electrolytic manganese, CIF NW Europe' }],
  Chromium: [{ product: '金属铬', confidence: 0.9, why: 'chromium metal, 99.2%' }],
  'Rare Earth Carbonate': [
    { product: '稀土', confidence: 0.6, why: 'mixed rare-earth carbonate as a proxy for rare earths' },
  ],
  'Vanadium Pentoxide': [
    { product: '钒', confidence: 0.6, why: 'vanadium pentoxide, the traded vanadium product' },
  ],
  Platinum: [{ product: '铂金', confidence: 0.95, why: 'platinum' }],
  Palladium: [{ product: '钯金', confidence: 0.95, why: 'palladium' }],
  Potash: [{ product: '钾肥', confidence: 0.8, why: 'potassium chloride, the main potash fertiliser' }],
  DAP: [
    { product: '磷肥', confidence: 0.6, why: 'diammonium phosphate, the benchmark phosphate fertiliser' },
  ],
  Rice: [{ product: '稻米', confidence: 0.9, why: 'rice' }],
};

/**
 * English names a reader may use for a series, besides its own English name, Chinese name and
 * code (all matched without regard to case and spacing): British spellings, trade names.
 */
export const COMMODITY_SYNONYMS: Readonly<Record<string, readonly string[]>> = {
  Aluminum: ['aluminium'],
  Rubber: ['natural rubber'],
  'Crude Oil Average': ['crude oil', 'crude', 'oil', 'petroleum', '石油'],
  'Crude Oil Brent': ['brent', 'brent crude', 'brent oil'],
  'Crude Oil WTI': ['wti', 'west texas intermediate'],
  'Crude Oil Dubai': ['dubai crude', 'dubai oil'],
  'Coal Australian': ['thermal coal', 'steam coal', 'newcastle coal'],
  'Iron Ore': ['iron ore fines'],
  'Natural Gas Japan LNG': ['lng', 'liquefied natural gas'],
  'Natural Gas Europe': ['ttf', 'european gas'],
  'Natural Gas US Henry Hub': ['henry hub', 'us natural gas'],
  Lithium: ['lithium metal'],
  'Sugar Free Market': ['sugar', 'raw sugar'],
  Soybeans: ['soybean', 'soya beans', 'soy'],
  'Soybean Meal': ['soymeal', 'soya meal'],
  Maize: ['corn'],
};
