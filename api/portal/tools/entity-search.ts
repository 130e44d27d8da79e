import { z } from 'zod';
import { chainGraph } from '../../../engine/chain/service.js';
import type { Engine } from '../../../engine/container.js';
import type { NodeType, Principal } from '../../../knowledge-graph/schema/index.js';

export const PICKABLE_TYPES = ['Product', 'Enterprise', 'Region', 'Industry'] as const;
export type PickableType = (typeof PICKABLE_TYPES)[number];

export const EntitySearchQuery = z.object({
  q: z.string().trim().min(1).max(100),
  types: z
    .string()
    .default(PICKABLE_TYPES.join(','))
    .transform((s) =>
      s.split(',').filter((x): x is PickableType => (PICKABLE_TYPES as readonly string[]).includes(x)),
    )
    .pipe(z.array(z.enum(PICKABLE_TYPES)).min(1)),
  limit: z.coerce.number().int().min(1).max(30).default(12),
});
export type EntitySearch = z.infer<typeof EntitySearchQuery>;

export interface EntityHit {
  id: string;
  name: string;
  type: NodeType;
  /** Where an enterprise sits, to tell namesakes apart. */
  province?: string;
}

/**
 * Names on the analysed chain that contain the typed text (Chinese has no word gaps, so a
 * substring, not a prefix): exact names first, then prefixes, then shorter names. Only nodes the
 * tools can analyse are offered, so a pick never fails as "not part of the chain".
 */
export async function searchEntities(
  engine: Engine,
  principal: Principal,
  query: EntitySearch,
): Promise<EntityHit[]> {
  const g = await chainGraph(engine, principal);
  const wanted = new Set<NodeType>(query.types);
  const needle = query.q.toLowerCase();
  const hits: Array<{ at: number; rank: number }> = [];
  for (let at = 0; at < g.size; at++) {
    if (!wanted.has(g.types[at]!)) continue;
    const name = g.names[at]!.toLowerCase();
    const pos = name.indexOf(needle);
    if (pos < 0) continue;
    hits.push({ at, rank: name === needle ? 0 : pos === 0 ? 1 : 2 });
  }
  hits.sort(
    (a, b) =>
      a.rank - b.rank ||
      g.names[a.at]!.length - g.names[b.at]!.length ||
      g.names[a.at]!.localeCompare(g.names[b.at]!, 'zh-CN'),
  );
  return hits.slice(0, query.limit).map(({ at }) => {
    const province = g.types[at] === 'Enterprise' ? g.province(at) : -1;
    return {
      id: g.ids[at]!,
      name: g.names[at]!,
      type: g.types[at]!,
      ...(province >= 0 ? { province: g.names[province]! } : {}),
    };
  });
}

/** The name of a node on the analysed chain, for echoing a pick back into its form. */
export async function nameOf(engine: Engine, principal: Principal, id: string): Promise<string | undefined> {
  const g = await chainGraph(engine, principal);
  const at = g.find(id);
  return at === undefined ? undefined : g.names[at];
}
