import { join } from 'node:path';
import { askFor } from '../../engine/ask/index.js';
import { loadConfig } from '../../engine/config/load.js';
import { Engine } from '../../engine/container.js';
import { projectRoot } from '../../engine/paths.js';
import type { Principal } from '../../knowledge-graph/schema/index.js';
import { buildDevData } from './data.js';
import { DEV_DATASETS, type DevDataset, type DevItem } from './dataset.js';
import { type DevVerdict, scoreDevItem } from './score.js';

/** The principal `ibrain ask` runs as without --as: the operator, who sees everything. */
const OPERATOR: Principal = { id: 'cli', grants: ['*'] };

export interface DevOutcome {
  item: DevItem;
  verdict: DevVerdict;
  answer: string;
  ms: number;
}

/**
 * Asks every item against its dataset's data directory (built or reused under .ibrain-eval/dev)
 * and scores the answer by the set's rule. Items come back in the order given.
 */
export async function runDevItems(
  shared: string,
  items: readonly DevItem[],
  options: { combined?: boolean; fresh?: boolean; log?: (line: string) => void } = {},
): Promise<DevOutcome[]> {
  const datasets = DEV_DATASETS.filter((d) => items.some((i) => i.dataset === d));
  const data = await buildDevData(shared, join(projectRoot(), '.ibrain-eval', 'dev'), {
    ...(options.combined ? { combined: true } : {}),
    ...(options.fresh ? { fresh: true } : {}),
    datasets,
  });
  for (const line of data.built) options.log?.(`data: ${line}`);
  const outcomes: DevOutcome[] = [];
  for (const dataset of datasets) outcomes.push(...(await answerAll(data.dirOf(dataset), dataset, items)));
  const order = new Map(items.map((item, i) => [item.id, i]));
  return outcomes.sort((a, b) => order.get(a.item.id)! - order.get(b.item.id)!);
}

async function answerAll(dir: string, dataset: DevDataset, items: readonly DevItem[]): Promise<DevOutcome[]> {
  const engine = await Engine.open(loadConfig({ env: {}, overrides: { dataDir: dir } }));
  try {
    const ask = askFor(engine);
    const outcomes: DevOutcome[] = [];
    for (const item of items.filter((i) => i.dataset === dataset)) {
      const started = performance.now();
      const result = await ask.ask(item.question, { principal: OPERATOR });
      outcomes.push({
        item,
        answer: result.answer,
        verdict: scoreDevItem(item, result.answer, result.citations.length),
        ms: performance.now() - started,
      });
    }
    return outcomes;
  } finally {
    await engine.close();
  }
}
