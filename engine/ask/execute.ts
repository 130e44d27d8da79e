import { isUserFacing } from '../errors.js';
import { OPERATORS } from './operators/index.js';
import type { Operator, OperatorContext, Value } from './operators/types.js';
import type { Plan, Step } from './plan/types.js';
import type { TraceStep } from './schema.js';

/** What one plan's steps produced, in step order. */
export interface Executed {
  values: Value[];
  /** Steps that failed with a user-facing error: their value is an empty set, the reason in the trace. */
  failed: number[];
}

const EMPTY: Value = { kind: 'set', rows: [], of: [], notes: [] };

/** Runs a plan's steps in order; a step reads earlier results by index, never later ones. */
export async function execute(plan: Plan, ctx: OperatorContext, trace: TraceStep[]): Promise<Executed> {
  const values: Value[] = [];
  const failed: number[] = [];
  for (const [i, step] of plan.steps.entries()) {
    const input = (index: number): Value => {
      if (index >= i || index < 0)
        throw new PlanOrderError(`step ${i} (${step.op}) reads step ${index}, which does not come before it`);
      return values[index]!;
    };
    const operator = OPERATORS[step.op] as Operator;
    try {
      const value = await operator.run(step as never, input, ctx);
      values.push(value);
      trace.push({ step: 'operator', tool: step.op, input: inputOf(step), detail: summary(value) });
    } catch (error) {
      if (!isUserFacing(error)) throw error;
      values.push(EMPTY);
      failed.push(i);
      trace.push({
        step: 'operator',
        tool: step.op,
        input: inputOf(step),
        detail: `failed: ${(error as Error).message}`,
      });
    }
  }
  return { values, failed };
}

export class PlanOrderError extends Error {
  readonly userFacing = true;
  override readonly name = 'PlanOrderError';
}

function inputOf(step: Step): Record<string, unknown> {
  const { op: _op, ...rest } = step;
  return rest;
}

/** A value in a few words, for the trace. */
export function summary(v: Value): string {
  switch (v.kind) {
    case 'set':
      return `${v.rows.length} entities${v.before !== undefined && v.before !== v.rows.length ? ` (of ${v.before})` : ''}${v.notes.length ? `; ${v.notes.join('; ')}` : ''}`;
    case 'count':
      return `count ${v.n}`;
    case 'facts':
      return `${v.cards.length} fact cards`;
    case 'comparison':
      return `${v.sides.length} sides on ${v.measure}; winners ${v.winners.join(', ') || 'none'}`;
    case 'edges':
      return `${v.rows.length} edges, ${v.missing.length} missing`;
    case 'paths':
      return `${v.paths.length} paths`;
    case 'groups':
      return `${v.groups.length} of ${v.total} groups`;
    case 'passages':
      return v.answered
        ? `${v.passages.length} sentences${v.answer ? `; answer "${v.answer.text}"` : ''}`
        : 'no sentence answers';
    case 'series':
      return v.answered
        ? `${v.facts.length} values of ${v.series.name}`
        : `no value (${v.note ?? 'missing'})`;
    case 'report':
      return v.answered ? `${v.lines.length} lines` : `nothing (${String(v.data.note ?? '')})`;
  }
}

/** Whether a value states something the question asked for (an empty set or a missing value does not). */
export function answers(v: Value | undefined): boolean {
  if (!v) return false;
  switch (v.kind) {
    case 'set':
      return v.rows.length > 0;
    case 'count':
      return true;
    case 'facts':
      return v.cards.length > 0;
    case 'comparison':
      return v.sides.some((s) => s.value !== undefined || !!s.date || !!s.text);
    case 'edges':
      return v.rows.length > 0;
    case 'paths':
      return v.paths.length > 0;
    case 'groups':
      return v.groups.length > 0;
    case 'passages':
    case 'series':
    case 'report':
      return v.answered;
  }
}
