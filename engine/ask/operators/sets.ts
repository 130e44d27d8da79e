import type { Row, SetValue, Value } from './types.js';

/** The set an operator reads; a non-set input is an error in the plan, said plainly. */
export function asSet(value: Value, op: string): SetValue {
  if (value.kind === 'set') return value;
  if (value.kind === 'count') return value.set;
  throw new PlanShapeError(`${op} reads a set of entities, but its input is a ${value.kind}`);
}

export class PlanShapeError extends Error {
  readonly userFacing = true;
  override readonly name = 'PlanShapeError';
}

export function emptySet(of: SetValue['of'], note?: string): SetValue {
  return { kind: 'set', rows: [], of, notes: note ? [note] : [] };
}

/** Rows by descending value, then by name in Chinese order, so ties list alike on every run. */
export function byValue(a: Row, b: Row): number {
  return (
    (b.value ?? Number.NEGATIVE_INFINITY) - (a.value ?? Number.NEGATIVE_INFINITY) ||
    a.node.name.localeCompare(b.node.name, 'zh')
  );
}

/** One row per entity: the first reached keeps its place, later ones add their evidence and dates. */
export function dedupe(rows: readonly Row[]): Row[] {
  const byId = new Map<string, Row>();
  for (const r of rows) {
    const seen = byId.get(r.node.id);
    if (!seen) {
      byId.set(r.node.id, { ...r, evidence: [...r.evidence], ...(r.dates ? { dates: [...r.dates] } : {}) });
      continue;
    }
    for (const e of r.evidence) if (!seen.evidence.includes(e)) seen.evidence.push(e);
    if (r.dates) seen.dates = [...new Set([...(seen.dates ?? []), ...r.dates])].sort();
    if (r.value !== undefined && (seen.value === undefined || r.value > seen.value)) {
      seen.value = r.value;
      if (r.measure) seen.measure = r.measure;
    }
  }
  return [...byId.values()];
}
