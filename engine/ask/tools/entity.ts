import { z } from 'zod';
import type { GraphNode } from '../../../knowledge-graph/schema/index.js';
import { typeLabel } from '../labels.js';
import { edgeEvidence, nodeEvidence, ref, resolveRef } from './evidence.js';
import { defineTool, EntityRefSchema, type Evidence, type Item, type ToolOutput } from './types.js';

/** Relations worth stating about an entity, and the direction they leave it. */
const FACT_EDGES = [
  { type: 'LOCATED_IN', direction: 'out' },
  { type: 'IN_INDUSTRY', direction: 'out' },
  { type: 'INDUSTRY_PARENT', direction: 'out' },
  { type: 'SUBTYPE_OF', direction: 'out' },
  { type: 'PRODUCES', direction: 'out' },
] as const;

/** The props a reader wants first, in this order. */
const KEY_PROPS = [
  'code',
  'exchange',
  'fullName',
  'listedAt',
  'issuer',
  'docNo',
  'date',
  'level',
  'unit',
] as const;

export const entityTool = defineTool({
  name: 'graph_entity',
  description:
    'Facts about one entity: identity (code, full name, listing date), location, industry, main products, and how many relations of each kind it has.',
  input: z.object({ entity: EntityRefSchema }),
  async run({ entity }, ctx): Promise<ToolOutput> {
    const node = await resolveRef(entity, ctx);
    if (!node)
      return {
        tool: 'graph_entity',
        items: [],
        total: 0,
        evidence: [],
        paths: [],
        data: {},
        note: `no entity named ${entity}`,
      };
    const evidence: Evidence[] = [nodeEvidence(node, identityText(node, ctx.language))];
    const items: Item[] = [];
    for (const step of FACT_EDGES) {
      const found = await ctx.graph.neighbours(
        node.id,
        { edgeTypes: [step.type], direction: step.direction, limit: 200 },
        ctx.principal,
      );
      const ranked =
        step.type === 'PRODUCES'
          ? [...found].sort((a, b) => weightOf(b.edge.props) - weightOf(a.edge.props))
          : found;
      for (const n of ranked.slice(0, step.type === 'PRODUCES' ? 8 : 3)) {
        const ev = edgeEvidence(n.edge, node.name, n.node.name, ctx.language);
        evidence.push(ev);
        items.push({
          node: ref(n.node),
          relation: step.type,
          evidence: ev.key,
          ...(step.type === 'PRODUCES' ? { value: weightOf(n.edge.props) } : {}),
        });
      }
    }
    const counts: Record<string, number> = {};
    for (const n of await ctx.graph.neighbours(node.id, { limit: 20_000 }, ctx.principal)) {
      const key = `${n.edge.type}:${n.direction}`;
      counts[key] = (counts[key] ?? 0) + 1;
    }
    const props: Record<string, unknown> = {};
    for (const key of KEY_PROPS) if (node.props[key] !== undefined) props[key] = node.props[key];
    return {
      tool: 'graph_entity',
      subject: ref(node),
      items,
      total: items.length,
      evidence,
      paths: [],
      data: { props, aliases: node.aliases, relationCounts: counts },
    };
  },
});

function weightOf(props: { weight?: number }): number {
  return typeof props.weight === 'number' ? props.weight : 0;
}

function identityText(node: GraphNode, language: 'zh' | 'en'): string {
  const p = node.props as Record<string, unknown>;
  const parts = [node.name];
  if (p.fullName) parts.push(language === 'zh' ? `全称${p.fullName}` : `full name ${p.fullName}`);
  if (p.code)
    parts.push(
      language === 'zh'
        ? `股票代码${p.code}${p.exchange ? `.${p.exchange}` : ''}`
        : `stock code ${p.code}${p.exchange ? `.${p.exchange}` : ''}`,
    );
  if (p.listedAt) parts.push(language === 'zh' ? `上市日期${p.listedAt}` : `listed ${p.listedAt}`);
  if (p.issuer) parts.push(language === 'zh' ? `发文机关${p.issuer}` : `issued by ${p.issuer}`);
  if (p.docNo) parts.push(String(p.docNo));
  if (p.date) parts.push(String(p.date));
  return language === 'zh'
    ? `${parts.join('，')}（${typeLabel(node.type, language)}）`
    : `${parts.join(', ')} (${typeLabel(node.type, language)})`;
}
