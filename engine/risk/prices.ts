import type { Principal } from '../../knowledge-graph/schema/index.js';
import type { SeriesLink, SeriesNode } from '../../knowledge-graph/series/port.js';
import { type ForecastSkill, forecastSeries } from '../../models/forecast/forecaster.js';
import { PER_SERIES_CANDIDATES } from '../../models/forecast/per-series.js';
import { prepareSeries } from '../../models/forecast/prepare.js';
import { type TrendInsight, trendInsight } from '../../models/forecast/trend.js';
import type { ForecastPoint } from '../../models/forecast/types.js';
import type { Engine } from '../container.js';

export type SeriesKind = 'price' | 'demand' | 'output';

/** A stored series of one subject, its forecast and the forecast read as a trend. */
export interface Outlook {
  seriesId: string;
  name: string;
  subjectId: string;
  kind: SeriesKind;
  unit?: string;
  /** How the series was tied to the subject: its own subject series, or a name link (`priceSeriesOf`). */
  link: { method: SeriesLink['method']; confidence: number; reason: string };
  history: Array<{ date: string; value: number }>;
  points: ForecastPoint[];
  trend: TrendInsight;
  skill: ForecastSkill;
  notes: string[];
}

/** Months of history a forecast and its chart look back on. */
const HISTORY = 36;

/** Name links weaker than this (a loose proxy) do not stand for a product's price in reports. */
export const MIN_LINK_CONFIDENCE = 0.5;

/**
 * Forecasts of the stored series of the given kind for each subject: the subject's own series
 * (the first by name when it has several), else, for prices, its strongest linked price series
 * (`series_links`, confidence ≥ `MIN_LINK_CONFIDENCE`). One batch, so interval calibration and
 * the per-series method choice pool across the subjects; methods are chosen per series on its
 * own past origins (as `engine/forecast.ts`), without the ONNX global model, so reports stay fast.
 */
export async function outlooks(
  engine: Engine,
  subjectIds: readonly string[],
  kind: SeriesKind,
  principal: Principal,
  horizon = 12,
): Promise<Map<string, Outlook>> {
  const store = engine.state.series;
  const wanted = new Set(subjectIds);
  const bySubject = new Map<string, { node: SeriesNode; link: Outlook['link'] }>();
  for (const node of await store.list({}, principal)) {
    const subject = node.props.subjectId;
    if (!subject || !wanted.has(subject) || node.props.kind !== kind || bySubject.has(subject)) continue;
    bySubject.set(subject, {
      node,
      link: { method: 'subject', confidence: 1, reason: `imported with ${subject} as its subject` },
    });
  }
  if (kind === 'price') {
    const missing = new Set([...wanted].filter((id) => !bySubject.has(id)));
    if (missing.size > 0) {
      // Links come strongest first, so the first one kept per product is its best.
      for (const link of await store.links({}, principal)) {
        if (!missing.has(link.productId) || link.confidence < MIN_LINK_CONFIDENCE) continue;
        const stored = await store.get(link.seriesId, principal);
        if (!stored) continue;
        missing.delete(link.productId);
        bySubject.set(link.productId, {
          node: stored.node,
          link: { method: link.method, confidence: link.confidence, reason: link.reason },
        });
      }
    }
  }
  const histories = new Map<string, Outlook['history']>();
  for (const { node } of bySubject.values()) {
    if (histories.has(node.id)) continue;
    const stored = await store.get(node.id, principal);
    histories.set(
      node.id,
      (stored?.points ?? [])
        .filter((p): p is { date: string; value: number } => p.value !== null)
        .slice(-HISTORY * 4),
    );
  }
  const series = [...histories]
    .filter(([, history]) => history.length >= 8)
    .map(([id]) => [...bySubject.values()].find((s) => s.node.id === id)!.node);
  const result = new Map<string, Outlook>();
  if (series.length === 0) return result;
  const clean = series.map((node) => {
    const history = histories.get(node.id)!;
    return prepareSeries({
      name: node.name,
      frequency: node.props.frequency,
      values: history.map((p) => p.value),
      dates: history.map((p) => p.date),
    });
  });
  const forecasts = await forecastSeries(clean, {
    horizon,
    weights: Object.fromEntries(PER_SERIES_CANDIDATES.map((m) => [m, 1])),
    selection: 'per-series',
  });
  const bySeries = new Map(series.map((node, i) => [node.id, i]));
  for (const [subjectId, { node, link }] of bySubject) {
    const i = bySeries.get(node.id);
    if (i === undefined) continue;
    const f = forecasts[i]!;
    const name = node.props.nameZh ? `${node.props.nameZh} (${node.name})` : node.name;
    result.set(subjectId, {
      seriesId: node.id,
      name,
      subjectId,
      kind,
      ...(node.props.unit ? { unit: node.props.unit } : {}),
      link,
      history: histories.get(node.id)!.slice(-HISTORY),
      points: f.points,
      trend: trendInsight(name, clean[i]!.values, f.points, node.props.frequency, 2, {
        skill: f.skill,
        kind,
      }),
      skill: f.skill,
      notes: [
        'methods chosen per series on its own past origins, shrunk toward the last value; the ONNX global model is not used in reports',
        ...f.notes,
      ],
    });
  }
  return result;
}
