import type { Principal } from '../../knowledge-graph/schema/index.js';
import { chainGraph } from '../chain/service.js';
import type { Engine } from '../container.js';
import { assess, riskContext } from './assess.js';
import { outlooks } from './prices.js';
import { parseScope, resolveScope } from './scope.js';
import type { RiskReport } from './types.js';

/** The risk report of a scope (`product:<name>` …) as the principal may see it. */
export async function riskReport(
  engine: Engine,
  scopeText: string,
  principal: Principal,
  options: { tiers?: number } = {},
): Promise<RiskReport> {
  const spec = parseScope(scopeText);
  const g = await chainGraph(engine, principal);
  const scope = await resolveScope(engine.graph, g, spec, principal);
  const prices = await outlooks(
    engine,
    scope.products.map((p) => g.ids[p.node]!),
    'price',
    principal,
  );
  return assess(riskContext(g, prices, options.tiers), scope);
}
