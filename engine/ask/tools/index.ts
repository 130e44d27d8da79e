import { chainTool } from './chain.js';
import { countTool } from './count.js';
import { entityTool } from './entity.js';
import { forecastTool } from './forecast.js';
import { pathTool } from './path.js';
import { relationsTool } from './relations.js';
import { riskTool } from './risk.js';
import { scenarioTool } from './scenario.js';
import { searchTool } from './search.js';
import type { AskTool } from './types.js';

export {
  chainTool,
  countTool,
  entityTool,
  forecastTool,
  pathTool,
  relationsTool,
  riskTool,
  scenarioTool,
  searchTool,
};

/** Every tool the planners may call, by name: the rule planner and the LLM share this list. */
export const TOOLS: ReadonlyMap<string, AskTool> = new Map(
  [
    entityTool,
    relationsTool,
    chainTool,
    pathTool,
    countTool,
    searchTool,
    forecastTool,
    riskTool,
    scenarioTool,
  ].map((t) => [t.name, t as unknown as AskTool]),
);
