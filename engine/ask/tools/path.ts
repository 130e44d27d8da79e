import { z } from 'zod';
import { edgeEvidence, ref, resolveRef } from './evidence.js';
import { empty } from './relations.js';
import { defineTool, EntityRefSchema, type Evidence, type ToolOutput } from './types.js';

/** Shortest connections between two entities through any relation. */
export const pathTool = defineTool({
  name: 'graph_path',
  description: 'Shortest paths (up to maxDepth hops) between two entities through any relation.',
  input: z.object({
    from: EntityRefSchema,
    to: EntityRefSchema,
    maxDepth: z.number().int().min(1).max(6).default(4),
  }),
  async run(input, ctx): Promise<ToolOutput> {
    const [a, b] = await Promise.all([resolveRef(input.from, ctx), resolveRef(input.to, ctx)]);
    if (!a || !b) return empty(`no entity named ${!a ? input.from : input.to}`);
    const found = await ctx.graph.paths(a.id, b.id, { maxDepth: input.maxDepth, limit: 3 }, ctx.principal);
    const evidence: Evidence[] = [];
    const seen = new Set<string>();
    for (const p of found) {
      const names = new Map(p.nodes.map((n) => [n.id, n.name]));
      for (const e of p.edges) {
        if (seen.has(e.id)) continue;
        seen.add(e.id);
        evidence.push(edgeEvidence(e, names.get(e.from) ?? e.from, names.get(e.to) ?? e.to, ctx.language));
      }
    }
    return {
      tool: 'graph_path',
      subject: ref(a),
      items: [{ node: ref(b) }],
      total: found.length,
      evidence,
      paths: found.map((p) => ({
        nodes: p.nodes.map(ref),
        edges: p.edges.map((e) => ({ id: e.id, type: e.type, from: e.from, to: e.to })),
      })),
      data: { maxDepth: input.maxDepth },
    };
  },
});
