import { composeAnswer, composeRefusal } from './answer/compose.js';
import { answers, execute } from './execute.js';
import type { Unknown } from './linking/dictionary.js';
import type { OperatorContext, Value } from './operators/types.js';
import { planQuestion } from './plan/planner.js';
import type { Plan } from './plan/types.js';
import type { Question } from './question.js';
import type { AskResult, Intent, Language, LinkedEntity, TraceStep } from './schema.js';

/** A question read: normalised text, language, linked entities, and the context the operators run in. */
export interface Prepared {
  question: Question;
  language: Language;
  mixed: boolean;
  entities: LinkedEntity[];
  unknown: Unknown[];
  ctx: OperatorContext;
  trace: TraceStep[];
}

/** The rule path: plan → operators → extractive composer; the fallback plan runs when the first finds nothing. */
export async function answerOffline(p: Prepared): Promise<AskResult> {
  const planned = planQuestion({ text: p.question.text, entities: p.entities, unknown: p.unknown });
  for (const note of planned.notes) p.trace.push({ step: 'plan', detail: note });
  return runPlans(p, [planned.plan, ...(planned.fallback ? [planned.fallback] : [])]);
}

/**
 * Runs plans in turn until one answers. When none does, the first plan's answer stands (it says
 * what the data lacks for the question as asked), unless a later plan is an explicit refusal.
 */
export async function runPlans(p: Prepared, plans: readonly Plan[]): Promise<AskResult> {
  let first: AskResult | undefined;
  for (const plan of plans) {
    p.trace.push({ step: 'plan', detail: describePlan(plan) });
    const result = await resultOf(p, plan);
    if (result.answered || (first && plan.refusal)) return result;
    first ??= result;
  }
  return first!;
}

export function describePlan(plan: Plan): string {
  if (plan.refusal) return `refuse: ${plan.refusal.reason} (${plan.refusal.detail})`;
  return plan.steps
    .map((s, i) => {
      const { op, ...rest } = s;
      return `${i}:${op}(${Object.entries(rest)
        .map(([k, v]) => `${k}=${typeof v === 'object' ? JSON.stringify(v) : String(v)}`)
        .join(', ')})`;
    })
    .join(' → ');
}

async function resultOf(p: Prepared, plan: Plan): Promise<AskResult> {
  const base = {
    language: p.language,
    mode: 'offline' as const,
    entities: p.entities,
    plan,
    data: {},
  };
  if (plan.refusal || !plan.steps.length) {
    p.trace.push({ step: 'compose', detail: 'refusal' });
    return {
      ...base,
      answer:
        truncatedNote(p) +
        composeRefusal(plan.refusal ?? { reason: 'out_of_scope', detail: '' }, p.language, p.entities),
      intent: 'refusal',
      answered: false,
      citations: [],
      facts: [],
      paths: [],
      trace: p.trace,
    };
  }
  const { values } = await execute(plan, p.ctx, p.trace);
  const composed = composeAnswer(plan, values, p.ctx.evidence, p.language, p.entities, p.question.text);
  p.trace.push({ step: 'compose', detail: `offline composer, ${composed.citations.length} citations` });
  const last = values.at(-1);
  return {
    ...base,
    answer: truncatedNote(p) + composed.answer,
    intent: (answers(last) ? plan.steps.at(-1)!.op : 'refusal') as Intent,
    answered: composed.answered,
    citations: composed.citations,
    facts: composed.facts,
    paths: composed.paths,
    data: { values: values.map((v, i) => ({ step: i, ...dataOf(v) })) },
    trace: p.trace,
  };
}

function truncatedNote(p: Prepared): string {
  if (!p.question.truncated) return '';
  return p.language === 'zh'
    ? '（问题过长，只回答了前2,000个字符。）'
    : '(The question was too long; only its first 2,000 characters were answered.) ';
}

/** A step's value as plain data for API clients (rows by name and id, counts, groups). */
function dataOf(v: Value): Record<string, unknown> {
  switch (v.kind) {
    case 'set':
      return {
        kind: v.kind,
        total: v.rows.length,
        rows: v.rows.slice(0, 200).map((r) => ({
          id: r.node.id,
          name: r.node.name,
          type: r.node.type,
          value: r.value,
          measure: r.measure,
          parent: r.parent?.name,
          tier: r.tier,
          dates: r.dates,
        })),
      };
    case 'count':
      return { kind: v.kind, n: v.n };
    case 'facts':
      return {
        kind: v.kind,
        cards: v.cards.map((c) => ({
          id: c.node.id,
          name: c.node.name,
          props: c.props,
          industries: c.industries.map((i) => i.node.name),
          products: c.products.map((r) => ({ name: r.node.name, value: r.value })),
        })),
      };
    case 'comparison':
      return {
        kind: v.kind,
        measure: v.measure,
        winners: v.winners,
        sides: v.sides.map((s) => ({
          label: s.label.map((l) => l.name),
          value: s.value,
          date: s.date,
          text: s.text,
        })),
      };
    case 'edges':
      return {
        kind: v.kind,
        rows: v.rows.map((r) => ({ from: r.from.name, to: r.to.name, value: r.value })),
        missing: v.missing.length,
      };
    case 'paths':
      return { kind: v.kind, paths: v.paths.length };
    case 'groups':
      return { kind: v.kind, groups: v.groups, total: v.total };
    case 'passages':
      return { kind: v.kind, answered: v.answered, answer: v.answer?.text, covered: v.covered };
    case 'series':
      return {
        kind: v.kind,
        series: v.series,
        stat: v.stat,
        facts: v.facts.map((f) => ({ label: f.label, date: f.date, value: f.value })),
      };
    case 'report':
      return { kind: v.kind, tool: v.tool, ...v.data };
  }
}
