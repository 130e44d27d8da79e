import { aggregateOperator } from './aggregate.js';
import { chainOperator } from './chain.js';
import { combineOperator } from './combine.js';
import { compareOperator } from './compare.js';
import { countOperator } from './count.js';
import { degreeOperator } from './degree.js';
import { documentsOperator } from './documents.js';
import { edgeValueOperator } from './edge-value.js';
import { entityOperator } from './entity.js';
import { filterOperator } from './filter.js';
import { lookupOperator } from './lookup.js';
import { pathOperator } from './path.js';
import { relationOperator } from './relation.js';
import { forecastOperator, riskOperator, scenarioOperator } from './reports.js';
import { scanOperator } from './scan.js';
import { seriesOperator } from './series.js';
import { topOperator } from './top.js';
import type { Operator } from './types.js';
import type { Op } from '../plan/types.js';

/** Every operator a plan may use, by name: the rule planner and the LLM planner share this table. */
export const OPERATORS: { readonly [O in Op]: Operator<O> } = {
  entity: entityOperator,
  lookup: lookupOperator,
  relation: relationOperator,
  chain: chainOperator,
  filter: filterOperator,
  top: topOperator,
  count: countOperator,
  combine: combineOperator,
  compare: compareOperator,
  edgeValue: edgeValueOperator,
  path: pathOperator,
  scan: scanOperator,
  degree: degreeOperator,
  aggregate: aggregateOperator,
  documents: documentsOperator,
  series: seriesOperator,
  forecast: forecastOperator,
  risk: riskOperator,
  scenario: scenarioOperator,
};
