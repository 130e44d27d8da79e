import { nodeEvidence, ref } from './evidence.js';
import { asSet } from './sets.js';
import type { Group, NodeRef, Operator } from './types.js';

const EXCHANGES: Record<string, { zh: string; en: string }> = {
  SH: { zh: '上海证券交易所', en: 'Shanghai Stock Exchange' },
  SZ: { zh: '深圳证券交易所', en: 'Shenzhen Stock Exchange' },
  BJ: { zh: '北京证券交易所', en: 'Beijing Stock Exchange' },
};

/**
 * Groups a set's members by industry (at a Shenwan level), exchange, listing year or region and
 * ranks the groups by size: "which level-3 industry has the most listed companies".
 */
export const aggregateOperator: Operator<'aggregate'> = {
  op: 'aggregate',
  description:
    'Groups members by industry (level 1–3), exchange, listing year or region; groups ranked by size.',
  async run(step, input, ctx) {
    const from = asSet(input(step.from), 'aggregate');
    const groups = new Map<string, Group & { ids: Set<string> }>();
    const put = (key: string, label: string, id: string, node?: NodeRef, evidence?: string) => {
      const g = groups.get(key) ?? {
        label,
        count: 0,
        evidence: [],
        ids: new Set<string>(),
        ...(node ? { node } : {}),
      };
      if (!g.ids.has(id)) {
        g.ids.add(id);
        g.count++;
      }
      if (evidence && g.evidence.length < 3 && !g.evidence.includes(evidence)) g.evidence.push(evidence);
      groups.set(key, g);
    };
    if (step.groupBy === 'industry' || step.groupBy === 'region') {
      const topology = await ctx.ports.graph.exportTopology(
        step.groupBy === 'industry'
          ? { nodeTypes: ['Industry'], edgeTypes: ['IN_INDUSTRY', 'INDUSTRY_PARENT'] }
          : { nodeTypes: ['Region'], edgeTypes: ['LOCATED_IN'] },
        ctx.principal,
      );
      const member = step.groupBy === 'industry' ? 'IN_INDUSTRY' : 'LOCATED_IN';
      const groupOf = new Map<string, string>();
      const parent = new Map<string, string>();
      for (const e of topology.edges) {
        const fromNode = topology.nodes[e.from]!;
        const toNode = topology.nodes[e.to]!;
        if (e.type === member && fromNode.type === 'Enterprise' && !groupOf.has(fromNode.id))
          groupOf.set(fromNode.id, toNode.id);
        if (e.type === 'INDUSTRY_PARENT' || (e.type === 'LOCATED_IN' && fromNode.type === 'Region'))
          parent.set(fromNode.id, toNode.id);
      }
      const byId = new Map(topology.nodes.map((n) => [n.id, n]));
      const wanted = new Set(from.rows.map((r) => r.node.id));
      const levelOf = async (id: string) => {
        const node = await ctx.ports.graph.getNode(id, ctx.principal);
        return (node?.props as { level?: number | string } | undefined)?.level;
      };
      for (const [enterprise, group] of groupOf) {
        if (!wanted.has(enterprise)) continue;
        let g = group;
        if (step.level !== undefined)
          for (let i = 0; i < 3 && Number(await levelOf(g)) > step.level && parent.has(g); i++)
            g = parent.get(g)!;
        const node = byId.get(g);
        if (!node) continue;
        const full = await ctx.ports.graph.getNode(g, ctx.principal);
        put(
          g,
          node.name,
          enterprise,
          { id: node.id, name: node.name, type: node.type },
          full ? ctx.evidence.add(nodeEvidence(full, `${node.name}`)) : undefined,
        );
      }
    } else {
      const nodes = await ctx.ports.graph.getNodes(
        from.rows.map((r) => r.node.id),
        ctx.principal,
      );
      for (const n of nodes) {
        const p = n.props as { exchange?: string; listedAt?: string };
        const key = step.groupBy === 'exchange' ? p.exchange : p.listedAt?.slice(0, 4);
        if (!key) continue;
        const label = step.groupBy === 'exchange' ? (EXCHANGES[key]?.[ctx.language] ?? key) : key;
        put(
          key,
          label,
          n.id,
          undefined,
          ctx.evidence.add(nodeEvidence(n, `${n.name} ${step.groupBy === 'exchange' ? label : p.listedAt}`)),
        );
      }
    }
    const ranked = [...groups.values()]
      .sort((a, b) => b.count - a.count || a.label.localeCompare(b.label, 'zh'))
      .map(({ ids: _ids, ...g }) => g);
    const kth = ranked[step.k - 1]?.count;
    const members = await ctx.ports.graph.getNodes(
      from.rows.map((r) => r.node.id),
      ctx.principal,
    );
    return {
      kind: 'groups',
      groupBy: step.groupBy,
      listed: members.length > 0 && members.every((n) => !!(n.props as { code?: string }).code),
      ...(step.level !== undefined ? { level: step.level } : {}),
      groups: ranked.filter((g, i) => i < step.k || g.count === kth),
      total: ranked.length,
      of: from.of.map(ref),
    };
  },
};
