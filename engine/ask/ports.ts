import type { Principal } from '../../knowledge-graph/schema/index.js';
import type { Engine } from '../container.js';
import { retrievalFor } from '../retrieval.js';
import type { AskPorts, ForecastReport } from './operators/types.js';

/** The narrow ports the ask operators read, built from the engine's adapters once per ask service. */
export function askPorts(engine: Engine): AskPorts {
  return {
    graph: engine.graph,
    series: engine.state.series,
    retrieval: () => retrievalFor(engine),
    forecast: (seriesId, horizon, principal) => forecastOf(engine, seriesId, horizon, principal),
    async priceSeries(productId, principal) {
      const { priceSeriesOf } = await import('../prices.js');
      return (await priceSeriesOf(engine, productId, principal)).map((l) => ({
        seriesId: l.series.id,
        confidence: l.confidence,
      }));
    },
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
 * A stored series' forecast from the engine's one forecasting entry point (methods chosen per
 * series on its own past, no model trained inside a question): the last value, the change on a
 * year earlier, the last forecast month with its 80% interval, the trend sentence with its skill
 * against the last value, and the probability of a rise.
 */
async function forecastOf(
  engine: Engine,
  seriesId: string,
  horizon: number,
  principal: Principal,
): Promise<ForecastReport | undefined> {
  const { forecastSeries } = await import('../forecast.js');
  let out: Awaited<ReturnType<typeof forecastSeries>>;
  try {
    out = await forecastSeries(engine, seriesId, { horizon, globalModel: 'none' }, principal);
  } catch (error) {
    if ((error as { userFacing?: unknown }).userFacing === true) return undefined;
    throw error;
  }
  const stored = await engine.state.series.get(seriesId, principal);
  const observed = (stored?.points ?? []).filter(
    (p): p is { date: string; value: number } => p.value !== null,
  );
  const last = observed.at(-1);
  const yearAgo = observed.at(-13);
  const end = out.points.at(-1);
  if (!last || !end) return undefined;
  const methods = Object.entries(out.ensemble)
    .filter(([, w]) => typeof w === 'number' && w > 0)
    .map(([m]) => m)
    .join(', ');
  return {
    last,
    end: {
      ...(end.date ? { date: end.date } : {}),
      mean: end.mean,
      ...(end.lo80 !== undefined ? { lo80: end.lo80 } : {}),
      ...(end.hi80 !== undefined ? { hi80: end.hi80 } : {}),
    },
    sentence: out.trend.sentence,
    ...(yearAgo ? { changePct12: ((last.value - yearAgo.value) / Math.abs(yearAgo.value || 1)) * 100 } : {}),
    method: `ensemble of ${methods || 'baselines'} chosen on the series' own past`,
    notes: out.notes,
  };
}
