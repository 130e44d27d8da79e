import { type Chart, dependencyChart, factorChart, forecastChart } from './charts.js';
import type { BriefingData } from './gather.js';

export interface BriefingCharts {
  factors: Chart;
  outlooks: Chart[];
  dependency: Chart;
  /** The same map with tighter rows, for a printed page. */
  dependencyPrint: Chart;
}

/** Renders every chart of a briefing once, for all formats. */
export function renderCharts(d: BriefingData): BriefingCharts {
  return {
    factors: factorChart(d.risk, d.lang),
    outlooks: d.outlooks.map((o) => forecastChart(o, d.lang)),
    dependency: dependencyChart(d.dependency, d.lang),
    dependencyPrint: dependencyChart(d.dependency, d.lang, 21),
  };
}
