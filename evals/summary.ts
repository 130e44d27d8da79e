import type { EvalItem } from './dataset/schema.js';
import { METRICS } from './metrics/names.js';
import type { ItemScore } from './score.js';

/** Means of the items a metric applies to, and how many those were. */
export interface Group {
  count: number;
  metrics: Record<string, number>;
  n: Record<string, number>;
}

export interface Summary extends Group {
  byTag: Record<string, Group>;
  /** Grouped by the item's intent (from the dataset or the engine's answer); empty when none has one. */
  byIntent: Record<string, Group>;
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
      if (value === null || value === undefined) continue;
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
