import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Chainkg } from './data/chainkg.js';
import { Demo } from './data/demo.js';
import { Ickg } from './data/ickg.js';
import { Policies } from './data/policies.js';
import { Prices } from './data/prices.js';

/** Where the raw data lives: the shared data folder and the project's demo folder. */
export interface DataPaths {
  shared: string;
  demo: string;
}

const PROJECT = resolve(import.meta.dirname, '..', '..');

/** ../shared/data beside the project (or $IBRAIN_SHARED_DATA) and data/demo (or $IBRAIN_DEMO_DATA). */
export function defaultPaths(env: NodeJS.ProcessEnv = process.env): DataPaths {
  return {
    shared: env.IBRAIN_SHARED_DATA || resolve(PROJECT, '..', 'shared', 'data'),
    demo: env.IBRAIN_DEMO_DATA || join(PROJECT, 'data', 'demo'),
  };
}

/** The first data folder that is missing, or undefined when all are there. */
export function missingData(paths: DataPaths): string | undefined {
  const needed = [
    ...['chainkg', 'ickg25', 'policies', 'prices'].map((d) => join(paths.shared, d)),
    join(paths.demo, 'nodes.jsonl'),
  ];
  return needed.find((p) => !existsSync(p));
}

/** Everything the questions are derived from, loaded once. */
export interface Context {
  chainkg: Chainkg;
  ickg: Ickg;
  policies: Policies;
  prices: Prices;
  demo: Demo;
}

export function loadContext(paths: DataPaths): Context {
  return {
    chainkg: new Chainkg(join(paths.shared, 'chainkg')),
    ickg: new Ickg(join(paths.shared, 'ickg25')),
    policies: new Policies(join(paths.shared, 'policies')),
    prices: new Prices(join(paths.shared, 'prices')),
    demo: new Demo(paths.demo),
  };
}
