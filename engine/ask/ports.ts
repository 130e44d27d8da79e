import type { Principal } from '../../knowledge-graph/schema/index.js';
import type { Engine } from '../container.js';
import { retrievalFor } from '../retrieval.js';
import { seriesStoreOf } from '../series.js';
import type { AskPorts, ForecastReport } from './operators/types.js';

/** Enough history for seasonal baselines and a calibrated interval. */
const MIN_POINTS = 8;

/** The narrow ports the ask operators read, built from the engine's adapters once per ask service. */
export function askPorts(engine: Engine): AskPorts {
  return {
    graph: engine.graph,
    series: seriesStoreOf(engine),
    retrieval: () => retrievalFor(engine),
    forecast: (seriesId, horizon, principal) => forecastOf(engine, seriesId, horizon, principal),
    async risk(scope, principal) {
      const { riskReport } = await import('../risk/service.js');
      return riskReport(engine, scope, principal);
    },
    async scenario(shocks, principal, limit) {
      const { parseShocks, scenarioReport } = await import('../scenario/service.js');
      const r = await scenarioReport(engine, parseShocks(shocks), principal, limit);
      return {
        shocks: r.shocks.map((s) => s.description),
        products: r.products,
        productsAffected: r.totals.productsAffected,
      };
    },
  };
}

/**
 * A stored series' forecast with the baseline ensemble (no model is trained inside a question):
 * the last value, the change on a year earlier, the last forecast period with its 80% interval,
 * and the trend sentence with its probability of a rise.
 */
async function forecastOf(
  engine: Engine,
  seriesId: string,
  horizon: number,
  principal: Principal,
): Promise<ForecastReport | undefined> {
  const stored = await seriesStoreOf(engine).get(seriesId, principal);
  if (!stored) return undefined;
  const observed = stored.points.filter((p): p is { date: string; value: number } => p.value !== null);
  if (observed.length < MIN_POINTS) return undefined;
  const [{ DEFAULT_WEIGHTS }, { forecastSeries }, { prepareSeries }, { trendInsight }] = await Promise.all([
    import('../../models/forecast/ensemble.js'),
    import('../../models/forecast/forecaster.js'),
    import('../../models/forecast/prepare.js'),
    import('../../models/forecast/trend.js'),
  ]);
  const clean = prepareSeries({
    name: stored.node.name,
    frequency: stored.node.props.frequency,
    values: stored.points.map((p) => p.value),
    dates: stored.points.map((p) => p.date),
  });
  const [result] = await forecastSeries([clean], { horizon, weights: DEFAULT_WEIGHTS });
  const trend = trendInsight(stored.node.name, clean.values, result!.points, stored.node.props.frequency);
  const last = observed.at(-1)!;
  const yearAgo = observed.at(-13);
  const end = result!.points.at(-1)!;
  return {
    last,
    end: {
      ...(end.date ? { date: end.date } : {}),
      mean: end.mean,
      ...(end.lo80 !== undefined ? { lo80: end.lo80 } : {}),
      ...(end.hi80 !== undefined ? { hi80: end.hi80 } : {}),
    },
    sentence: trend.sentence,
    probabilityUp: trend.probability.rise,
    ...(yearAgo ? { changePct12: ((last.value - yearAgo.value) / Math.abs(yearAgo.value || 1)) * 100 } : {}),
    method: 'baseline ensemble: theta, damped trend, seasonal naive',
    notes: result!.notes,
  };
}
