import type { Analysis } from '../analysis.js';
import { looksLikeInstruction } from '../grounding.js';
import { relationLabel } from '../labels.js';
import type { Plan } from '../plan.js';
import type { AnswerPath, Citation, Fact, Language } from '../schema.js';
import { citationOf } from '../tools/evidence.js';
import type { Evidence, ToolOutput } from '../tools/types.js';
import { english } from './en.js';
import type { AnswerView, Row } from './view.js';
import { chinese } from './zh.js';

/** Numbers evidence in the order the answer first uses it, so [1] is the first thing cited. */
export class Citations {
  private readonly byKey = new Map<string, Citation>();
  private readonly evidence = new Map<string, Evidence>();

  constructor(outputs: readonly ToolOutput[]) {
    for (const o of outputs)
      for (const e of o.evidence) if (!this.evidence.has(e.key)) this.evidence.set(e.key, e);
  }

  /** Registers evidence the composer derives from the tools' (a list and its count). */
  add(evidence: Evidence): void {
    if (!this.evidence.has(evidence.key)) this.evidence.set(evidence.key, evidence);
  }

  /** The marker for an evidence key ("[2]"), or '' when the key names no evidence. */
  marker(key: string | undefined): string {
    const n = this.number(key);
    return n === undefined ? '' : `[${n}]`;
  }

  number(key: string | undefined): number | undefined {
    if (!key) return undefined;
    const existing = this.byKey.get(key);
    if (existing) return existing.id;
    const e = this.evidence.get(key);
    if (!e) return undefined;
    const citation = citationOf(this.byKey.size + 1, e);
    this.byKey.set(key, citation);
    return citation.id;
  }

  list(): Citation[] {
    return [...this.byKey.values()];
  }
}

export interface Composed {
  answer: string;
  answered: boolean;
  citations: Citation[];
  facts: Fact[];
  paths: AnswerPath[];
}

/** Rows shown in a list before "and N more". */
const SHOWN = 10;

/**
 * The deterministic composer: tool outputs → a view → Chinese or English sentences, with [n]
 * markers for every listed fact and quoted sentence. Nothing is said that no evidence supports;
 * when the data does not answer, the answer says so and adds what is known nearby.
 */
export function compose(
  a: Analysis,
  plan: Plan,
  outputs: readonly ToolOutput[],
  nearby: readonly ToolOutput[],
  language: Language,
): Composed {
  const citations = new Citations([...outputs, ...nearby]);
  const view = viewOf(a, plan, outputs, citations);
  if (!view.answered && nearby.length)
    view.nearby = viewOf(
      { ...a, intent: nearby[0]!.tool === 'search_documents' ? 'policy' : 'entity_facts' },
      plan,
      nearby,
      citations,
    );
  const writer = language === 'zh' ? chinese : english;
  const answer = writer.write(view);
  return {
    answer,
    answered: view.answered,
    citations: citations.list(),
    facts: factsOf([...outputs, ...nearby], citations),
    paths: outputs.flatMap((o) => o.paths),
  };
}

/** Intents whose answer is one sentence counting and listing a tool's rows. */
const LISTS = new Set<string>([
  'products_of',
  'producers_of',
  'upstream',
  'downstream',
  'industry_membership',
  'suppliers',
  'customers',
  'competitors',
  'partners',
  'controllers',
  'investments',
  'count',
  'top_n',
]);

/**
 * A citation for the list itself: how many rows the graph query found and which are shown, so a
 * sentence's count ("共4种") is as traceable as each listed fact.
 */
function listCitation(o: ToolOutput, rows: readonly Row[], citations: Citations, language: Language): string {
  if (!rows.length) return '';
  const relation = o.items[0]?.relation;
  const label = relation ? relationLabel(relation, language) : o.tool;
  const names = rows.map((r) => (r.value !== undefined && r.members ? `${r.name} ${r.value}` : r.name));
  const rowSources = o.items
    .slice(0, rows.length)
    .flatMap((i) => o.evidence.find((e) => e.key === i.evidence)?.source ?? []);
  const text =
    language === 'zh'
      ? `${o.subject?.name ?? ''} ${label} 共${o.total}项（列出${rows.length}项）：${names.join('、')}`
      : `${o.subject?.name ?? ''} ${label}: ${o.total} in all (${rows.length} shown): ${names.join(', ')}`;
  citations.add({
    key: `${o.tool}:list`,
    kind: 'node',
    source:
      `${o.tool} ${rowSources[0] ?? ''}${rowSources.length > 1 ? ` … ${rowSources.at(-1)}` : ''}`.trim(),
    text: text.trim(),
    ...(o.subject ? { nodeId: o.subject.id } : {}),
  });
  return citations.marker(`${o.tool}:list`);
}

function viewOf(a: Analysis, plan: Plan, outputs: readonly ToolOutput[], citations: Citations): AnswerView {
  const main = outputs.find((o) => o.tool !== 'search_documents' && o.tool !== 'none') ?? outputs[0];
  const subject =
    main?.subject ??
    (plan.subject ? { id: plan.subject.id, name: plan.subject.name, type: plan.subject.type } : undefined);
  const view: AnswerView = {
    intent: a.intent,
    answered: false,
    ...(subject ? { subject: { name: subject.name, type: subject.type } } : {}),
    total: main?.total ?? 0,
    rows: [],
    params: a.params,
    unknown: a.unknown.map((u) => u.text),
    truncated: a.truncated,
    ...(main?.note ? { note: main.note } : {}),
  };
  for (const o of outputs) {
    switch (o.tool) {
      case 'graph_relations':
      case 'graph_chain':
      case 'graph_count':
      case 'supply_risk':
      case 'what_if':
        view.rows = rowsOf(o, citations);
        if (LISTS.has(a.intent)) view.listCite = listCitation(o, view.rows, citations, a.language);
        break;
      case 'graph_path':
        if (o.paths.length) {
          const p = o.paths[0]!;
          const cite = p.edges.map((e) => citations.marker(e.id)).join('');
          view.path = {
            steps: p.nodes.map((n, i) => {
              const edge = i > 0 ? p.edges[i - 1] : undefined;
              return {
                name: n.name,
                ...(edge ? { relation: edge.type, forward: edge.from === p.nodes[i - 1]!.id } : {}),
              };
            }),
            cite,
            hops: p.edges.length,
            more: o.paths.length - 1,
          };
          view.second = o.items[0]?.node.name;
        }
        break;
      case 'graph_entity':
        if (o.subject) {
          const first = o.evidence[0];
          view.identity = {
            text: first?.text ?? o.subject.name,
            cite: citations.marker(first?.key),
            props: (o.data.props as Record<string, unknown>) ?? {},
            counts: (o.data.relationCounts as Record<string, number>) ?? {},
          };
          if (a.intent === 'entity_facts') view.rows = rowsOf(o, citations);
        }
        break;
      case 'search_documents': {
        const hits = (o.data.hits as Array<{ title: string; docNo?: string; keys: string[] }>) ?? [];
        view.docs = o.evidence
          .filter((e) => !looksLikeInstruction(e.text))
          .slice(0, 2)
          .map((e) => {
            const hit = hits.find((h) => h.keys.includes(e.key));
            return {
              title: hit?.title ?? e.source,
              ...(hit?.docNo ? { docNo: hit.docNo } : {}),
              text: e.text,
              cite: citations.marker(e.key),
            };
          });
        break;
      }
      case 'forecast_series':
        view.series = o.evidence.map((e) => ({ text: e.text, cite: citations.marker(e.key) }));
        if (a.intent === 'forecast') view.series.reverse();
        break;
    }
    if (o.tool === 'supply_risk' && o.total > 0) {
      view.risk = {
        score: o.data.score as number,
        level: o.data.level as string,
        factors: o.evidence.slice(0, 4).map((e) => ({ text: e.text, cite: citations.marker(e.key) })),
      };
    }
    if (o.tool === 'what_if') {
      const totals = o.data.totals as { productsAffected: number; enterprisesAffected: number };
      view.scenario = {
        shocks: o.data.shocks as string[],
        products: totals.productsAffected,
        enterprises: totals.enterprisesAffected,
        top: ((o.data.enterprises as Array<{ name: string; impactPct: number }>) ?? [])
          .slice(0, 5)
          .map((e) => ({ name: e.name, impact: e.impactPct })),
      };
    }
    if (o.tool === 'graph_count') {
      const filters =
        (o.data.filters as Array<{ kind: 'product' | 'industry' | 'region'; name: string }>) ?? [];
      view.filters = Object.fromEntries(filters.map((f) => [f.kind, f.name]));
      view.groupBy = o.data.groupBy as string;
    }
  }
  view.answered = outputs.some(
    (o) => o.total > 0 && (o.tool !== 'search_documents' || o.evidence.length > 0),
  );
  return view;
}

function rowsOf(o: ToolOutput, citations: Citations): Row[] {
  return o.items.slice(0, o.tool === 'graph_entity' ? o.items.length : SHOWN).map((item) => ({
    name: item.node.name,
    cite: citations.marker(item.evidence),
    ...(item.value !== undefined ? { value: item.value } : {}),
    ...(item.depth !== undefined ? { depth: item.depth } : {}),
    ...(item.via ? { via: item.via } : {}),
    ...(item.relation ? { relation: item.relation } : {}),
    ...(item.members ? { members: item.members.map((m) => m.name) } : {}),
  }));
}

/** Structured facts: every cited item as subject–relation–object, with its citation number. */
function factsOf(outputs: readonly ToolOutput[], citations: Citations): Fact[] {
  const facts: Fact[] = [];
  for (const o of outputs) {
    if (o.tool === 'search_documents' || o.tool === 'forecast_series') continue;
    for (const item of o.items) {
      const citation = citations.number(item.evidence);
      if (citation === undefined) continue;
      const subject = o.subject ?? item.node;
      facts.push({
        subject: { id: subject.id, name: subject.name },
        relation: item.relation ?? o.tool,
        ...(o.subject ? { object: { id: item.node.id, name: item.node.name } } : {}),
        ...(item.value !== undefined ? { value: item.value } : {}),
        citation,
      });
    }
  }
  return facts;
}
