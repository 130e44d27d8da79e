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
  // The products and their direct inputs: the price factor falls back on the inputs' series.
  const ids = new Set(scope.products.flatMap((p) => [p.node, ...g.inputs(p.node).map((l) => l.node)]));
  const prices = await outlooks(
    engine,
    [...ids].map((n) => g.ids[n]!),
    'price',
    principal,
  );
  return assess(riskContext(g, prices, options.tiers), scope);
}
