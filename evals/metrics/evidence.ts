import type { EvalItem } from '../dataset/schema.js';

/** A context with an id, as the metrics use it; string contexts are numbered from 1. */
export interface Evidence {
  id: string;
  text: string;
  relevant?: boolean;
}

export function contextsOf(item: EvalItem): Evidence[] | undefined {
  return item.contexts?.map((c, i) =>
    typeof c === 'string'
      ? { id: String(i + 1), text: c }
      : { id: c.id, text: c.text, ...(c.relevant === undefined ? {} : { relevant: c.relevant }) },
  );
}

/**
 * The evidence the answer cites, in citation order. A citation names a context by id or carries
 * its own text; one naming nothing known is kept with no text, so citing missing evidence
 * counts against the answer. Without a `citations` field every context counts as cited: many
 * systems report only the contexts they answered from.
 */
export function citedOf(item: EvalItem, contexts: readonly Evidence[] = []): Evidence[] {
  if (!item.citations) return [...contexts];
  const byId = new Map(contexts.map((c) => [c.id, c]));
  return item.citations.map((citation) => {
    const id = typeof citation === 'string' ? citation : citation.id;
    const known = byId.get(id);
    const own = typeof citation === 'string' ? undefined : citation.text;
    if (own !== undefined) return { ...known, id, text: own };
    return known ?? { id, text: '' };
  });
}

/**
 * What a marker such as [2] in the answer points at: the cited evidence with that id, else the
 * n-th citation (markers are often positions), else the context with that id.
 */
export function resolveMarker(
  marker: string,
  cited: readonly Evidence[],
  contexts: readonly Evidence[],
): Evidence | undefined {
  const id = marker.replace(/^\^/, '').trim();
  const byId = cited.find((c) => c.id === id);
  if (byId) return byId;
  if (/^\d+$/.test(id)) {
    const nth = cited[Number(id) - 1];
    if (nth) return nth;
  }
  return contexts.find((c) => c.id === id);
}
