import { identityText, nodeEvidence, ref, resolveNames } from './evidence.js';
import type { Operator, Row } from './types.js';

/**
 * The entities a question names, as a set: each named entity with its other spellings (news
 * graphs keep 长安, 长安汽车 and 重庆长安汽车股份有限公司 apart), so every later step reads all of them.
 */
export const entityOperator: Operator<'entity'> = {
  op: 'entity',
  description: 'Start a set from named entities (ids, names, aliases or stock codes).',
  async run(step, _input, ctx) {
    const rows: Row[] = [];
    const of = [];
    const notes: string[] = [];
    for (const name of step.entities) {
      const nodes = await resolveNames(name, ctx);
      if (!nodes.length) {
        notes.push(`no entity named ${name}`);
        continue;
      }
      of.push(ref(nodes[0]!));
      for (const node of nodes) {
        if (rows.some((r) => r.node.id === node.id)) continue;
        rows.push({
          node: ref(node),
          evidence: [ctx.evidence.add(nodeEvidence(node, identityText(node, ctx.language)))],
        });
      }
    }
    return { kind: 'set', rows, of, notes };
  },
};
