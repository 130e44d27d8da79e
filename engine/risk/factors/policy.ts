import type { ChainGraph } from '../../chain/graph.js';
import { type Measurement, measured, missing, text } from '../types.js';

/** Policies at which the attention score saturates. */
const SATURATION = 5;

/**
 * The policies that target the given nodes (products, their industries and parent industries,
 * regions), as ids: what a briefing cites under "relevant policies".
 */
export function targetingPolicies(g: ChainGraph, nodes: readonly number[]): number[] {
  const targets = new Set<number>();
  const addIndustry = (industry: number) => {
    const stack = [industry];
    while (stack.length > 0) {
      const i = stack.pop()!;
      if (targets.has(i)) continue;
      targets.add(i);
      for (const l of g.outLinks('INDUSTRY_PARENT', i)) stack.push(l.node);
    }
  };
  for (const n of nodes) {
    targets.add(n);
    if (g.types[n] === 'Industry') addIndustry(n);
    for (const l of g.outLinks('IN_INDUSTRY', n)) addIndustry(l.node);
  }
  const policies = new Set<number>();
  for (const t of targets) for (const l of g.inLinks('TARGETS', t)) policies.add(l.node);
  return [...policies].sort((a, b) => g.names[a]!.localeCompare(g.names[b]!));
}

/** Policy attention: policies targeting the subject or its industries, and documents mentioning it. */
export function policy(g: ChainGraph, nodes: readonly number[], subject: string): Measurement {
  if (g.count('TARGETS') === 0 && g.count('MENTIONS') === 0)
    return missing(
      text(
        'no policy documents with targets are imported (TARGETS edges)',
        '未导入带有施策对象的政策文件（TARGETS 关系）',
      ),
    );
  const policies = targetingPolicies(g, nodes);
  const mentions = new Set<number>();
  for (const n of nodes) for (const l of g.inLinks('MENTIONS', n)) mentions.add(l.node);
  const score = Math.min(1, policies.length / SATURATION);
  const names = policies.slice(0, 3).map((p) => g.names[p]!);
  return measured({
    value: policies.length,
    unit: 'policies',
    score,
    details: { policies: policies.length, mentioningDocuments: mentions.size },
    explanation: text(
      `${policies.length} policy document(s) target ${subject} or its industry, ${mentions.size} document(s) mention it${names.length ? `: ${names.join('; ')}` : ''}. Attention marks strategic weight and regulatory change.`,
      `${policies.length} 份政策文件以${subject}或其所属行业为施策对象，${mentions.size} 份文件提及${names.length ? `：${names.join('；')}` : ''}。政策关注反映战略地位与监管变化。`,
    ),
    evidence: policies.slice(0, 6).map((p) => g.ids[p]!),
  });
}
