import { edgeEvidence, ref } from './evidence.js';
import { asSet } from './sets.js';
import type { Operator } from './types.js';

/**
 * How two entities are connected: their direct relations first (any type, both directions, over
 * every spelling of each), else the shortest paths through the graph up to four hops.
 */
export const pathOperator: Operator<'path'> = {
  op: 'path',
  description:
    'Direct relations between two entities, else the shortest paths (up to 4 hops) through any relation.',
  async run(step, input, ctx) {
    const a = asSet(input(step.a), 'path');
    const b = asSet(input(step.b), 'path');
    const targets = new Set(b.rows.map((r) => r.node.id));
    const names = new Map([...a.rows, ...b.rows].map((r) => [r.node.id, r.node.name]));
    const paths = [];
    const evidence: string[] = [];
    for (const from of a.rows) {
      for (const n of await ctx.ports.graph.neighbours(
        from.node.id,
        { direction: 'both', limit: 20_000 },
        ctx.principal,
      )) {
        if (!targets.has(n.node.id)) continue;
        const [x, y] = n.direction === 'out' ? [from.node, ref(n.node)] : [ref(n.node), from.node];
        evidence.push(ctx.evidence.add(edgeEvidence(n.edge, x.name, y.name, ctx.language)));
        paths.push({
          nodes: [x, y],
          edges: [{ id: n.edge.id, type: n.edge.type, from: n.edge.from, to: n.edge.to }],
        });
      }
    }
    if (!paths.length && a.rows[0] && b.rows[0]) {
      const found = await ctx.ports.graph.paths(
        a.rows[0].node.id,
        b.rows[0].node.id,
        { maxDepth: 4, limit: 3 },
        ctx.principal,
      );
      for (const p of found) {
        const byId = new Map(p.nodes.map((n) => [n.id, n.name]));
        for (const e of p.edges)
          evidence.push(
            ctx.evidence.add(
              edgeEvidence(
                e,
                byId.get(e.from) ?? names.get(e.from) ?? e.from,
                byId.get(e.to) ?? e.to,
                ctx.language,
              ),
            ),
          );
        paths.push({
          nodes: p.nodes.map(ref),
          edges: p.edges.map((e) => ({ id: e.id, type: e.type, from: e.from, to: e.to })),
        });
      }
    }
    return { kind: 'paths', from: a.of, to: b.of, paths, evidence };
  },
};
