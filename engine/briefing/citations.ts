import type { Principal } from '../../knowledge-graph/schema/index.js';
import type { GraphStore } from '../../knowledge-graph/store/port.js';
import type { ChainGraph } from '../chain/graph.js';

export interface Citation {
  n: number;
  id: string;
  /** What the evidence says, with names instead of ids. */
  label: string;
  /** Dataset and record it came from, when the store has it. */
  source?: { dataset: string; record: string; inferred: boolean };
}

/** A citation's source in words: dataset, file and line (or record), never a raw edge id. */
export function sourceText(source: NonNullable<Citation['source']>, lang: 'zh' | 'en'): string {
  const at = /^(.+):(\d+)$/.exec(source.record);
  const where = at ? (lang === 'zh' ? `${at[1]} 第 ${at[2]} 行` : `${at[1]}, line ${at[2]}`) : source.record;
  const inferred = source.inferred ? (lang === 'zh' ? '（推断）' : ' (inferred)') : '';
  return lang === 'zh'
    ? `来源：${source.dataset} 数据集 ${where}${inferred}`
    : `source: ${source.dataset} dataset, ${where}${inferred}`;
}

/**
 * Numbered citations for a report: each evidence id (node, edge `TYPE|from|to`, or series) gets
 * one number the first time it is cited, and a readable label and source at the end.
 */
const RELATION: Record<string, { zh: string; en: string }> = {
  PRODUCES: { zh: '生产', en: 'produces' },
  MADE_FROM: { zh: '以…为原料', en: 'is made from' },
  LOCATED_IN: { zh: '位于', en: 'is located in' },
  SUPPLIES: { zh: '供货给', en: 'supplies' },
  CONTROLS: { zh: '控股', en: 'controls' },
  COMPETES_WITH: { zh: '竞争', en: 'competes with' },
  TARGETS: { zh: '施策于', en: 'targets' },
};

export class Citations {
  private readonly byId = new Map<string, Citation>();

  constructor(
    private readonly g: ChainGraph,
    private readonly lang: 'zh' | 'en',
  ) {}

  cite(ids: readonly string[]): number[] {
    return ids.map((id) => {
      let c = this.byId.get(id);
      if (!c) {
        c = { n: this.byId.size + 1, id, label: this.label(id) };
        this.byId.set(id, c);
      }
      return c.n;
    });
  }

  get list(): Citation[] {
    return [...this.byId.values()];
  }

  /** Fills in each citation's source from the store's provenance. */
  async resolve(store: GraphStore, principal: Principal): Promise<void> {
    for (const c of this.byId.values()) {
      const found = c.id.includes('|')
        ? await store.getEdge(c.id, principal)
        : await store.getNode(c.id, principal);
      const p = found?.provenance[0];
      if (p) c.source = { dataset: p.source, record: p.record, inferred: p.inferred === true };
    }
  }

  private label(id: string): string {
    const name = (nodeId: string) => {
      const at = this.g.find(nodeId);
      return at === undefined ? nodeId : this.g.names[at]!;
    };
    const parts = id.split('|');
    if (parts.length === 3) {
      const verb = RELATION[parts[0]!]?.[this.lang] ?? parts[0];
      if (this.lang === 'en') return `${name(parts[1]!)} ${verb} ${name(parts[2]!)}`;
      if (parts[0] === 'MADE_FROM') return `${name(parts[1]!)}以${name(parts[2]!)}为原料`;
      return `${name(parts[1]!)}${verb}${name(parts[2]!)}`;
    }
    if (id.startsWith('series:'))
      return this.lang === 'zh' ? `${id.slice(7)}（序列）` : `${id.slice(7)} (series)`;
    return name(id);
  }
}

export function citationsFor(g: ChainGraph, lang: 'zh' | 'en'): Citations {
  return new Citations(g, lang);
}
