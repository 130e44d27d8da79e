import { z } from 'zod';
import type { EdgeType, GraphNode, NodeType, Principal } from '../../../knowledge-graph/schema/index.js';
import type { SeriesStore } from '../../../knowledge-graph/series/port.js';
import type { GraphStore } from '../../../knowledge-graph/store/port.js';
import type { RetrievalIndex } from '../../../retrieval/index.js';
import type { EntityDictionary } from '../linking/dictionary.js';
import type { Op, StepOf } from '../plan/types.js';
import { type AnswerPath, type Language, type LinkedEntity, SourcedTextSchema } from '../schema.js';

/** One piece of evidence an operator found; the composer numbers the ones an answer uses. */
export const EvidenceSchema = SourcedTextSchema.extend({
  /** Unique within an answer: the node, edge, sentence or series id it stands for. */
  key: z.string(),
  kind: z.enum(['node', 'edge', 'document', 'series', 'risk']),
});
export type Evidence = z.infer<typeof EvidenceSchema>;

export interface NodeRef {
  id: string;
  name: string;
  type: NodeType;
}

export type Measure = 'weight' | 'share' | 'stake' | 'count';

/** One member of a set: an entity, how it was reached, and the number that ranks it. */
export interface Row {
  node: NodeRef;
  value?: number;
  measure?: Measure;
  /** The entity of the previous set it was reached from. */
  parent?: NodeRef;
  tier?: number;
  /** Days the relation was reported on (news graphs). */
  dates?: string[];
  /** Products a supply relation carries (demo SUPPLIES edges name them). */
  products?: string[];
  evidence: string[];
}

export interface SetValue {
  kind: 'set';
  rows: Row[];
  /** What the set was reached from, for the sentence that states it. */
  of: NodeRef[];
  /** How it was reached: an edge type and direction, or a chain walk. */
  via?: { edge: EdgeType | 'chain'; direction: 'out' | 'in' | 'both' | 'up' | 'down'; tiers?: number };
  /** The whole set before a filter or a top-k cut it, when one did. */
  before?: number;
  /** The sets a combination was made of, so an empty one can show what each side held. */
  parts?: SetValue[];
  notes: string[];
}

export interface Card {
  node: NodeRef;
  props: Record<string, unknown>;
  aliases: string[];
  /** Industry and its parents, nearest first. */
  industries: Array<{ node: NodeRef; level?: number; evidence: string }>;
  regions: Array<{ node: NodeRef; evidence: string }>;
  products: Row[];
  /** How many relations of each kind it has ("SUPPLIES:in" → 3). */
  relations: Record<string, number>;
  evidence: string;
}

export interface Side {
  label: NodeRef[];
  value?: number;
  date?: string;
  text?: string;
  rows?: Row[];
  evidence: string[];
}

export interface Group {
  node?: NodeRef;
  label: string;
  count: number;
  evidence: string[];
}

export interface Passage {
  key: string;
  title: string;
  text: string;
  score: number;
}

export type Value =
  | SetValue
  | { kind: 'count'; n: number; set: SetValue; evidence: string[] }
  | { kind: 'facts'; cards: Card[]; attributes: string[] }
  | { kind: 'comparison'; measure: string; sides: Side[]; winners: number[]; order: 'desc' | 'asc' }
  | {
      kind: 'edges';
      rows: Array<{ from: NodeRef; to: NodeRef; value?: number; measure?: Measure; evidence: string[] }>;
      missing: Array<{ from: NodeRef; to: NodeRef }>;
    }
  | { kind: 'paths'; from: NodeRef[]; to: NodeRef[]; paths: AnswerPath[]; evidence: string[] }
  | {
      kind: 'groups';
      groupBy: string;
      level?: number;
      groups: Group[];
      total: number;
      /** Whether every member counted is a listed company (so the answer may say 上市公司). */
      listed: boolean;
      of: NodeRef[];
    }
  | {
      kind: 'passages';
      answer?: { text: string; key: string };
      passages: Passage[];
      /** Titles of what the documents cover, said when they do not answer. */
      covered: string[];
      answered: boolean;
    }
  | {
      kind: 'series';
      series: NodeRef & { unit?: string };
      stat: string;
      facts: SeriesFact[];
      answered: boolean;
      note?: string;
    }
  | {
      kind: 'report';
      tool: 'forecast' | 'risk' | 'scenario';
      subject?: NodeRef;
      lines: Array<{ text: string; evidence: string[] }>;
      data: Record<string, unknown>;
      answered: boolean;
    };

export interface SeriesFact {
  label: string;
  date?: string;
  value?: number;
  text: string;
  evidence: string;
}

/** Everything the operators read, as narrow ports: no operator sees the whole engine. */
export interface AskPorts {
  graph: GraphStore;
  series: SeriesStore;
  retrieval: () => Promise<RetrievalIndex>;
  forecast: (seriesId: string, horizon: number, principal: Principal) => Promise<ForecastReport | undefined>;
  /** The price series linked to a product (by name, alias or a curated mapping), strongest first. */
  priceSeries: (
    productId: string,
    principal: Principal,
  ) => Promise<Array<{ seriesId: string; confidence: number }>>;
  risk: (scope: string, principal: Principal) => Promise<RiskReport>;
  scenario: (shocks: readonly string[], principal: Principal, limit: number) => Promise<ScenarioReport>;
}

export interface ForecastReport {
  last: { date: string; value: number };
  /** The last forecast period: its mean and 80% interval. */
  end: { date?: string; mean: number; lo80?: number; hi80?: number };
  /** The trend in words, with its probability of a rise and its skill against the last value. */
  sentence: Record<Language, string>;
  changePct12?: number;
  method: string;
  notes: string[];
}

export interface RiskReport {
  score: number;
  level: string;
  factors: Array<{
    name: string;
    label: Record<Language, string>;
    explanation: Record<Language, string>;
    contribution: number;
    evidence: string[];
  }>;
  omitted: Array<{ name: string; reason: Record<Language, string> }>;
}

export interface ScenarioReport {
  shocks: string[];
  products: Array<{
    id: string;
    name: string;
    priceChangePct: number;
    supplyLossPct: number;
    impactPct: number;
    path: string[];
  }>;
  productsAffected: number;
}

export class EvidenceBook {
  private readonly byKey = new Map<string, Evidence>();

  add(e: Evidence): string {
    if (!this.byKey.has(e.key)) this.byKey.set(e.key, e);
    return e.key;
  }

  get(key: string): Evidence | undefined {
    return this.byKey.get(key);
  }

  all(): Evidence[] {
    return [...this.byKey.values()];
  }
}

export interface OperatorContext {
  ports: AskPorts;
  principal: Principal;
  dictionary: EntityDictionary;
  language: Language;
  evidence: EvidenceBook;
  /** Entities the question named, for resolving names inside steps to what linking found. */
  linked: readonly LinkedEntity[];
  /** The question as normalised: words a step does not carry ("Brent", "IMF") can still pick among candidates. */
  question: string;
  /** Nodes fetched during this answer, so two steps never read one node twice. */
  nodes: Map<string, GraphNode | null>;
}

/** One operator: its step schema (also the LLM's tool), and how it runs over earlier results. */
export interface Operator<O extends Op = Op> {
  op: O;
  description: string;
  run(step: StepOf<O>, input: (index: number) => Value, ctx: OperatorContext): Promise<Value>;
}
