import type { Principal } from '../../knowledge-graph/schema/index.js';
import { chainGraph } from '../chain/service.js';
import { UserError } from '../errors.js';
import type { Engine } from '../container.js';
import { directShocks, runScenario, type ScenarioResult } from './scenario.js';
import { type Shock, ShockSchema } from './shock.js';

export function parseShocks(texts: readonly string[]): Shock[] {
  if (texts.length === 0)
    throw new UserError('give at least one --shock, e.g. --shock "price:天然橡胶:+30%"');
  return texts.map((t) => {
    const parsed = ShockSchema.safeParse(t);
    if (!parsed.success) throw new UserError(parsed.error.issues[0]!.message);
    return parsed.data;
  });
}

/** Runs what-if shocks (`price:<product>:+30%`, `remove:enterprise:<name>` …) through the chain. */
export async function scenarioReport(
  engine: Engine,
  shocks: readonly Shock[],
  principal: Principal,
  limit?: number,
): Promise<ScenarioResult> {
  const g = await chainGraph(engine, principal);
  return runScenario(g, await directShocks(engine.graph, g, shocks, principal), limit);
}
