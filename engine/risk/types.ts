/** A sentence in both languages the project serves; reports pick one. */
export interface Text {
  en: string;
  zh: string;
}

export const text = (en: string, zh: string): Text => ({ en, zh });

export const pct = (x: number, digits = 1): string => `${(x * 100).toFixed(digits)}%`;

export const FACTOR_NAMES = [
  'concentration',
  'sourcing',
  'geography',
  'criticality',
  'price',
  'relations',
  'policy',
] as const;
export type FactorName = (typeof FACTOR_NAMES)[number];

/** What one factor measured for one product or enterprise, before weighting. */
export interface Measured {
  /** The factor's headline figure in its own unit (e.g. HHI 0–10,000, a count, a percent change). */
  value: number;
  unit: string;
  /** The factor's risk on 0–1, from `value` and its details. */
  score: number;
  details: Record<string, number | string>;
  explanation: Text;
  /** Node and edge ids a reader can look up (`ibrain graph entity <id>`). */
  evidence: string[];
}

/** A factor that could not be measured, and which data would let it be. */
export interface Omitted {
  name: FactorName;
  reason: Text;
}

export type Measurement = { ok: true; measured: Measured } | { ok: false; reason: Text };

export const measured = (m: Measured): Measurement => ({ ok: true, measured: m });
export const missing = (reason: Text): Measurement => ({ ok: false, reason });

export interface RiskFactor extends Measured {
  name: FactorName;
  label: Text;
  /** The factor's weight after renormalising over the measured factors. */
  weight: number;
  /** Points of the 0–100 composite this factor contributes: 100 × weight × score. */
  contribution: number;
}

export const SCOPE_KINDS = ['product', 'enterprise', 'industry', 'region'] as const;
export type ScopeKind = (typeof SCOPE_KINDS)[number];

export interface RiskReport {
  scope: { kind: ScopeKind; id: string; name: string };
  /** Composite 0–100: the sum of the factors' contributions. */
  score: number;
  level: 'low' | 'moderate' | 'high' | 'severe';
  factors: RiskFactor[];
  omitted: Omitted[];
  /** For scopes over several products: the riskiest of them, with their own scores. */
  products: Array<{ id: string; name: string; score: number }>;
  notes: Text[];
}
