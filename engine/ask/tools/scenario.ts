import { z } from 'zod';
import { defineTool, type Evidence, type ToolOutput } from './types.js';

/** What-if shocks through the chain (the scenario engine): price changes, capacity cuts, removals. */
export const scenarioTool = defineTool({
  name: 'what_if',
  description:
    'Propagates shocks through the chain. Each shock is text: price:<product>:±x%, capacity:<product>:-x%, capacity:enterprise:<name>:-x%, remove:enterprise:<name>, remove:region:<name>.',
  input: z.object({
    shocks: z.array(z.string().min(3).max(300)).min(1).max(5),
    limit: z.number().int().min(1).max(50).default(10),
  }),
  async run(input, ctx): Promise<ToolOutput> {
    const { parseShocks, scenarioReport } = await import('../../scenario/service.js');
    const result = await scenarioReport(ctx.engine, parseShocks(input.shocks), ctx.principal, input.limit);
    const zh = ctx.language === 'zh';
    // Shocks name entities by id for precision; the reader wants their names.
    const ids = [
      ...new Set(input.shocks.flatMap((t) => t.match(/\b(?:product|enterprise|region):[^:\s]+/g) ?? [])),
    ];
    const names = new Map((await ctx.graph.getNodes(ids, ctx.principal)).map((n) => [n.id, n.name]));
    const named = (text: string) =>
      text.replace(/\b(?:product|enterprise|region):[^:\s]+/g, (id) => names.get(id) ?? id);
    const evidence: Evidence[] = result.products.slice(0, input.limit).map((p) => ({
      key: `scenario:${p.id}`,
      kind: 'risk',
      source: `scenario model (${p.path.join(' → ')})`,
      text: zh
        ? `${p.name}：价格变动 ${p.priceChangePct.toFixed(1)}%，供给损失 ${p.supplyLossPct.toFixed(1)}%（传导路径 ${p.path.join(' → ')}）`
        : `${p.name}: price ${p.priceChangePct.toFixed(1)}%, supply loss ${p.supplyLossPct.toFixed(1)}% (via ${p.path.join(' → ')})`,
      nodeId: p.id,
    }));
    return {
      tool: 'what_if',
      items: result.products.slice(0, input.limit).map((p) => ({
        node: { id: p.id, name: p.name, type: 'Product' as const },
        value: Math.round(p.impactPct * 10) / 10,
        evidence: `scenario:${p.id}`,
      })),
      total: result.totals.productsAffected,
      evidence,
      paths: [],
      data: {
        shocks: result.shocks.map((s) => named(s.description)),
        totals: result.totals,
        enterprises: result.enterprises
          .slice(0, input.limit)
          .map((e) => ({ id: e.id, name: e.name, impactPct: Math.round(e.impactPct * 10) / 10 })),
      },
    };
  },
});
