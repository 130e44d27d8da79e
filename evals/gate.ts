import { z } from 'zod';
import { HEADLINE } from './metrics/names.js';
import type { ScoreResult } from './score.js';

/** A suite's committed figures: headline means and each item's headline scores. */
export const SuiteBaselineSchema = z.object({
  count: z.number().int().nonnegative(),
  metrics: z.record(z.string(), z.number()),
  items: z.record(z.string(), z.record(z.string(), z.number().nullable())),
});
export type SuiteBaseline = z.infer<typeof SuiteBaselineSchema>;

export const BaselineSchema = z.object({
  /** How far a headline mean may fall below its baseline before the gate fails. */
  margin: z.number().min(0).max(1),
  suites: z.record(z.string(), SuiteBaselineSchema),
});
export type Baseline = z.infer<typeof BaselineSchema>;

export interface Drop {
  metric: string;
  baseline: number;
  current: number | null;
}

export interface Regression {
  id: string;
  metric: string;
  baseline: number;
  current: number | null;
}

export interface GateResult {
  ok: boolean;
  drops: Drop[];
  /** Items whose headline score fell by more than the margin (or vanished), worst first. */
  regressed: Regression[];
  /** Headline metrics the run has and the baseline lacks: not gated until the baseline is updated. */
  ungated: string[];
}

const HEADLINE_SET = new Set<string>(HEADLINE);

export function baselineOf(result: ScoreResult): SuiteBaseline {
  const metrics = Object.fromEntries(
    Object.entries(result.summary.metrics).filter(([m]) => HEADLINE_SET.has(m)),
  );
  const items = Object.fromEntries(
    result.items.map((item) => [
      item.id,
      Object.fromEntries(
        Object.entries(item.scores)
          .filter(([m, v]) => HEADLINE_SET.has(m) && v !== undefined)
          .map(([m, v]) => [m, v === null || v === undefined ? null : Math.round(v * 1e4) / 1e4]),
      ),
    ]),
  );
  return { count: result.items.length, metrics, items };
}

/** Fails when any headline mean falls more than `margin` below the baseline's. */
export function compare(result: ScoreResult, baseline: SuiteBaseline, margin: number): GateResult {
  const current = result.summary.metrics;
  const drops: Drop[] = [];
  for (const [metric, before] of Object.entries(baseline.metrics)) {
    const now = current[metric];
    if (now === undefined || now < before - margin)
      drops.push({ metric, baseline: before, current: now ?? null });
  }
  const regressed: Regression[] = [];
  const byId = new Map(
    result.items.map((i) => [i.id, i.scores as Record<string, number | null | undefined>]),
  );
  for (const [id, scores] of Object.entries(baseline.items)) {
    const now = byId.get(id);
    for (const [metric, before] of Object.entries(scores)) {
      if (before === null) continue;
      const after = now?.[metric];
      if (after === undefined || after === null || after < before - margin) {
        regressed.push({ id, metric, baseline: before, current: after ?? null });
      }
    }
  }
  regressed.sort((a, b) => b.baseline - (b.current ?? 0) - (a.baseline - (a.current ?? 0)));
  const ungated = Object.keys(current).filter((m) => HEADLINE_SET.has(m) && !(m in baseline.metrics));
  return { ok: drops.length === 0, drops, regressed, ungated };
}
