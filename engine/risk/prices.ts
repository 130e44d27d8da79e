import type { SeriesNode } from '../../knowledge-graph/series/port.js';
import type { Principal } from '../../knowledge-graph/schema/index.js';
import { DEFAULT_WEIGHTS } from '../../models/forecast/ensemble.js';
import { forecastSeries } from '../../models/forecast/forecaster.js';
import { prepareSeries } from '../../models/forecast/prepare.js';
import { type TrendInsight, trendInsight } from '../../models/forecast/trend.js';
import type { ForecastPoint } from '../../models/forecast/types.js';
import type { Engine } from '../container.js';
import { seriesStoreOf } from '../series.js';

export type SeriesKind = 'price' | 'demand' | 'output';

/** A stored series of one subject, its forecast and the forecast read as a trend. */
export interface Outlook {
  seriesId: string;
  name: string;
  subjectId: string;
  kind: SeriesKind;
  unit?: string;
  history: Array<{ date: string; value: number }>;
  points: ForecastPoint[];
  trend: TrendInsight;
  notes: string[];
}

/** Months of history a forecast and its chart look back on. */
const HISTORY = 36;

/**
 * Forecasts of the stored series of the given kind for each subject (the first series by name
 * when a subject has several). One batch, so interval calibration pools across the subjects. The
 * baseline ensemble runs without the ONNX global model to keep reports fast and reproducible.
 */
export async function outlooks(
  engine: Engine,
  subjectIds: readonly string[],
  kind: SeriesKind,
  principal: Principal,
  horizon = 12,
): Promise<Map<string, Outlook>> {
  const store = seriesStoreOf(engine);
  const wanted = new Set(subjectIds);
  const bySubject = new Map<string, SeriesNode>();
  for (const node of await store.list({}, principal)) {
    const subject = node.props.subjectId;
    if (!subject || !wanted.has(subject) || node.props.kind !== kind || bySubject.has(subject)) continue;
    bySubject.set(subject, node);
  }
  const picked: Array<{ node: SeriesNode; history: Outlook['history'] }> = [];
  for (const node of bySubject.values()) {
    const stored = await store.get(node.id, principal);
    const history = (stored?.points ?? [])
      .filter((p): p is { date: string; value: number } => p.value !== null)
      .slice(-HISTORY * 4);
    if (history.length >= 8) picked.push({ node, history });
  }
  const result = new Map<string, Outlook>();
  if (picked.length === 0) return result;
  const clean = picked.map(({ node, history }) =>
    prepareSeries({
      name: node.name,
      frequency: node.props.frequency,
      values: history.map((p) => p.value),
      dates: history.map((p) => p.date),
    }),
  );
  const forecasts = await forecastSeries(clean, { horizon, weights: DEFAULT_WEIGHTS });
  picked.forEach(({ node, history }, i) => {
    const points = forecasts[i]!.points;
    result.set(node.props.subjectId!, {
      seriesId: node.id,
      name: node.name,
      subjectId: node.props.subjectId!,
      kind,
      ...(node.props.unit ? { unit: node.props.unit } : {}),
      history: history.slice(-HISTORY),
      points,
      trend: trendInsight(node.name, clean[i]!.values, points, node.props.frequency),
      notes: [
        'baseline ensemble (theta, damped trend, seasonal naive); the ONNX global model is not used in reports',
        ...forecasts[i]!.notes,
      ],
    });
  });
  return result;
}
