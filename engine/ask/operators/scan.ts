import { identityText, nodeEvidence, ref } from './evidence.js';
import type { Operator, Row } from './types.js';

/** Every enterprise (listed only, if asked) or industry the caller may see: the start of a whole-data count or ranking. */
export const scanOperator: Operator<'scan'> = {
  op: 'scan',
  description:
    'All enterprises (optionally listed ones only) or all industries, as a set to filter, group or rank.',
  async run(step, _input, ctx) {
    const rows: Row[] = [];
    for await (const node of ctx.ports.graph.scanNodes([step.type], ctx.principal)) {
      if (step.listed && !(node.props as { code?: string }).code) continue;
      rows.push({
        node: ref(node),
        evidence: [ctx.evidence.add(nodeEvidence(node, identityText(node, ctx.language)))],
      });
    }
    return { kind: 'set', rows, of: [], notes: [] };
  },
};
