import type { EvalItem } from './dataset/schema.js';
import { JUDGE, METRICS } from './metrics/names.js';
import type { MetricName } from './metrics/names.js';

import type {
  EvalGroup as Group,
  EvalJudgeSummary as JudgeSummary,
  EvalSummary as Summary,
} from '../engine/evals-port.js';

// The summary's shape is the engine port's, so the API describes exactly what the scorer returns.
export type { Group, JudgeSummary, Summary };

/** Scores of one item; null where a metric does not apply (no reference, no contexts, a refusal). */
export type Scores = Partial<Record<MetricName, number | null>>;

export interface ItemScore {
  id: string;
  scores: Scores;
  /** Answer sentences no cited evidence supports, for the report. */
  unsupported?: string[];
}

export function summarise(items: readonly EvalItem[], scored: readonly ItemScore[]): Summary {
  const byTag = new Map<string, ItemScore[]>();
  const byIntent = new Map<string, ItemScore[]>();
  scored.forEach((score, i) => {
    const item = items[i]!;
    for (const tag of item.tags) push(byTag, tag, score);
    if (item.intent) push(byIntent, item.intent, score);
  });
  const groups = (map: Map<string, ItemScore[]>) =>
    Object.fromEntries(
      [...map.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, group(v)]),
    );
  return { ...group(scored), byTag: groups(byTag), byIntent: groups(byIntent) };
}

export function group(scored: readonly ItemScore[]): Group {
  const sums = new Map<string, number>();
  const n: Record<string, number> = {};
  for (const { scores } of scored) {
    for (const [metric, value] of Object.entries(scores)) {
      // The judge's mean is the summary's `judge`, not one of these: a model's opinion is not
      // averaged in with the deterministic figures the gate and the baselines compare.
      if (value === null || value === undefined || metric === JUDGE) continue;
      sums.set(metric, (sums.get(metric) ?? 0) + value);
      n[metric] = (n[metric] ?? 0) + 1;
    }
  }
  const metrics: Record<string, number> = {};
  for (const metric of METRICS) {
    const sum = sums.get(metric);
    if (sum !== undefined) metrics[metric] = round(sum / n[metric]!);
  }
  return { count: scored.length, metrics, n };
}

/** Four decimals: enough to see a change, and stable text for committed baselines. */
export function round(value: number): number {
  return Math.round(value * 1e4) / 1e4;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
