import { z } from 'zod';
import { ref, resolveRef } from './evidence.js';
import { empty } from './relations.js';
import { defineTool, EntityRefSchema, type Evidence, type ToolOutput } from './types.js';

const SCOPE: Record<string, 'product' | 'enterprise' | 'industry' | 'region'> = {
  Product: 'product',
  Enterprise: 'enterprise',
  Industry: 'industry',
  Region: 'region',
};

/** The risk engine's composite supply-risk score of a product, enterprise, industry or region, with its factors. */
export const riskTool = defineTool({
  name: 'supply_risk',
  description:
    'Supply-risk score (0–100) of a product, enterprise, industry or region with its factors (concentration, sourcing, geography, criticality, price).',
  input: z.object({ entity: EntityRefSchema }),
  async run(input, ctx): Promise<ToolOutput> {
    const node = await resolveRef(input.entity, ctx);
    if (!node) return empty(`no entity named ${input.entity}`);
    const kind = SCOPE[node.type];
    if (!kind)
      return {
        ...empty(`risk is scored for products, enterprises, industries and regions, not ${node.type}`),
        subject: ref(node),
      };
    const { riskReport } = await import('../../risk/service.js');
    const report = await riskReport(ctx.engine, `${kind}:${node.id}`, ctx.principal);
    const lang = ctx.language;
    const evidence: Evidence[] = report.factors.map((f) => ({
      key: `risk:${node.id}:${f.name}`,
      kind: 'risk',
      source: `risk model ${f.name}${f.evidence.length ? ` (${f.evidence.slice(0, 3).join(', ')})` : ''}`,
      text: `${f.label[lang]}: ${f.explanation[lang]}`,
      nodeId: node.id,
    }));
    return {
      tool: 'supply_risk',
      subject: ref(node),
      items: report.factors.map((f) => ({
        node: ref(node),
        relation: f.name,
        value: Math.round(f.contribution * 10) / 10,
        evidence: `risk:${node.id}:${f.name}`,
      })),
      total: report.factors.length,
      evidence,
      paths: [],
      data: {
        score: Math.round(report.score * 10) / 10,
        level: report.level,
        products: report.products.slice(0, 5),
        omitted: report.omitted.map((o) => ({ name: o.name, reason: o.reason[lang] })),
      },
    };
  },
});
