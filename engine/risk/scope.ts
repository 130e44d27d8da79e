import { z } from 'zod';
import type { NodeType, Principal } from '../../knowledge-graph/schema/index.js';
import type { GraphStore } from '../../knowledge-graph/store/port.js';
import type { ChainGraph } from '../chain/graph.js';
import { UserError } from '../errors.js';
import { resolveEntity } from '../entities.js';
import type { ScopeKind } from './types.js';

/** `product:<name>`, `enterprise:<name>`, `industry:<name>` or `region:<name>`. */
export const ScopeSchema = z
  .string()
  .trim()
  .regex(
    /^(product|enterprise|industry|region):\s*\S/,
    'scope must be product:<name>, enterprise:<name>, industry:<name> or region:<name>',
  )
  .transform((s) => {
    const at = s.indexOf(':');
    return { kind: s.slice(0, at) as ScopeKind, name: s.slice(at + 1).trim() };
  });
export type ScopeSpec = z.infer<typeof ScopeSchema>;

const NODE_TYPE: Record<ScopeKind, NodeType> = {
  product: 'Product',
  enterprise: 'Enterprise',
  industry: 'Industry',
  region: 'Region',
};

export function parseScope(input: string): ScopeSpec {
  const parsed = ScopeSchema.safeParse(input);
  if (!parsed.success) throw new UserError(`${parsed.error.issues[0]!.message}, got "${input}"`);
  return parsed.data;
}

/** A scope resolved on the analytic graph: the products it covers (weighted) and its enterprises. */
export interface Scope {
  kind: ScopeKind;
  node: number;
  id: string;
  name: string;
  products: Array<{ node: number; weight: number }>;
  enterprises: number[];
  /** The analysed region, for region scopes. */
  region?: number;
}

/** Resolves the scope's name (name, alias, code or id) and gathers what it covers. */
export async function resolveScope(
  store: GraphStore,
  g: ChainGraph,
  spec: ScopeSpec,
  principal: Principal,
): Promise<Scope> {
  const entity = await resolveEntity(store, spec.name, principal, [NODE_TYPE[spec.kind]]);
  const node = g.find(entity.id);
  if (node === undefined)
    throw new UserError(`${entity.name} (${entity.id}) is not part of the analysed chain`);
  return scopeAt(g, spec.kind, node);
}

export function scopeAt(g: ChainGraph, kind: ScopeKind, node: number): Scope {
  const base = { kind, node, id: g.ids[node]!, name: g.names[node]! };
  switch (kind) {
    case 'product':
      return { ...base, products: [{ node, weight: 1 }], enterprises: g.producers(node).map((l) => l.node) };
    case 'enterprise': {
      const links = g.productsOf(node);
      const weights = links.map((l) => Math.min(1, Math.max(0, l.props.weight ?? 0)));
      const sum = weights.reduce((a, w) => a + w, 0);
      return {
        ...base,
        products: links.map((l, i) => ({
          node: l.node,
          weight: sum > 0 ? weights[i]! / sum : 1 / links.length,
        })),
        enterprises: [node],
      };
    }
    case 'industry': {
      const industries = descendants(g, node, 'INDUSTRY_PARENT');
      const products = new Set<number>();
      const enterprises = new Set<number>();
      for (const i of industries)
        for (const l of g.inLinks('IN_INDUSTRY', i))
          (g.types[l.node] === 'Product' ? products : enterprises).add(l.node);
      if (products.size === 0)
        for (const e of enterprises) for (const l of g.productsOf(e)) products.add(l.node);
      return {
        ...base,
        products: [...products].sort((a, b) => a - b).map((p) => ({ node: p, weight: 1 })),
        enterprises: [...enterprises].sort((a, b) => a - b),
      };
    }
    case 'region': {
      const enterprises = [...descendants(g, node, 'LOCATED_IN')].filter((n) => g.types[n] === 'Enterprise');
      const counts = new Map<number, number>();
      for (const e of enterprises)
        for (const l of g.productsOf(e)) counts.set(l.node, (counts.get(l.node) ?? 0) + 1);
      return {
        ...base,
        products: [...counts].sort((a, b) => a[0] - b[0]).map(([p, c]) => ({ node: p, weight: c })),
        enterprises: enterprises.sort((a, b) => a - b),
        region: node,
      };
    }
  }
}

/** The node and everything reaching it over `type` edges (sub-industries, places within a region). */
function descendants(g: ChainGraph, root: number, type: 'INDUSTRY_PARENT' | 'LOCATED_IN'): Set<number> {
  const seen = new Set<number>([root]);
  const stack = [root];
  while (stack.length > 0) {
    for (const l of g.inLinks(type, stack.pop()!)) {
      if (seen.has(l.node)) continue;
      seen.add(l.node);
      stack.push(l.node);
    }
  }
  return seen;
}
