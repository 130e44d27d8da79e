import { describe, expect, it } from 'vitest';
import { baselineOf, compare } from './gate.js';
import type { ScoreResult } from './score.js';
import { summarise } from './summary.js';

function result(scores: Record<string, number | null>[]): ScoreResult {
  const items = scores.map((s, i) => ({ id: `q${i + 1}`, scores: s }));
  return {
    items,
    summary: summarise(
      items.map((i) => ({ id: i.id, question: '?', tags: [] })),
      items,
    ),
  };
}

describe('the CI gate', () => {
  const before = result([
    { faithfulness: 1, context_recall: 1, token_f1: 0.9 },
    { faithfulness: 1, context_recall: 0.5, token_f1: 0.9 },
  ]);
  const baseline = baselineOf(before);

  it('records headline means and per-question headline scores only', () => {
    expect(baseline.metrics).toEqual({ faithfulness: 1, context_recall: 0.75 });
    expect(baseline.items.q1).toEqual({ faithfulness: 1, context_recall: 1 });
  });

  it('passes a run within the margin', () => {
    const outcome = compare(
      result([
        { faithfulness: 1, context_recall: 0.98 },
        { faithfulness: 1, context_recall: 0.5 },
      ]),
      baseline,
      0.02,
    );
    expect(outcome.ok).toBe(true);
    expect(outcome.drops).toEqual([]);
  });

  it('fails a drop beyond the margin and names the questions that regressed', () => {
    const outcome = compare(
      result([
        { faithfulness: 0, context_recall: 1 },
        { faithfulness: 1, context_recall: 0.5 },
      ]),
      baseline,
      0.02,
    );
    expect(outcome.ok).toBe(false);
    expect(outcome.drops).toEqual([{ metric: 'faithfulness', baseline: 1, current: 0.5 }]);
    expect(outcome.regressed).toEqual([{ id: 'q1', metric: 'faithfulness', baseline: 1, current: 0 }]);
  });

  it('treats a vanished metric as a drop and a new one as not yet gated', () => {
    const outcome = compare(
      result([{ context_recall: 1, citation_recall: 1 }, { context_recall: 0.5 }]),
      baseline,
      0.02,
    );
    expect(outcome.drops.map((d) => d.metric)).toEqual(['faithfulness']);
    expect(outcome.ungated).toEqual(['citation_recall']);
  });
});
