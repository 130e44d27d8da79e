import { z } from 'zod';
import type { SeriesNode } from '../../../knowledge-graph/series/port.js';
import { SqliteSeriesStore } from '../../../knowledge-graph/series/sqlite.js';
import { DEFAULT_WEIGHTS } from '../../../models/forecast/ensemble.js';
import { forecastSeries } from '../../../models/forecast/forecaster.js';
import { prepareSeries } from '../../../models/forecast/prepare.js';
import { trendInsight } from '../../../models/forecast/trend.js';
import { sourceOf, ref, resolveRef } from './evidence.js';
import { empty } from './relations.js';
import { defineTool, EntityRefSchema, type Evidence, type ToolOutput } from './types.js';

/** Enough history for seasonal baselines and a calibrated interval. */
const MIN_POINTS = 8;

const round = (x: number, digits = 6) => Number(x.toPrecision(digits));

/**
 * The stored series of a product (by subjectId, else a series named like it): recent history,
 * and a forecast with 80/95% intervals and a trend reading. Baselines only (theta, damped trend,
 * seasonal naive): inference in milliseconds and never a training run inside a question.
 */
export const forecastTool = defineTool({
  name: 'forecast_series',
  description:
    'Recent values and change of the price (or demand, output) series of a product, and a forecast for the next horizon periods with 80% and 95% intervals.',
  input: z.object({
    entity: EntityRefSchema,
    kind: z.enum(['price', 'demand', 'output']).default('price'),
    horizon: z.number().int().min(1).max(36).default(6),
  }),
  async run(input, ctx): Promise<ToolOutput> {
    const node = await resolveRef(input.entity, ctx);
    if (!node) return empty(`no entity named ${input.entity}`);
    const store = ctx.engine.service('series', () => SqliteSeriesStore.open(ctx.engine.db));
    const linked = await store.list({ subjectId: node.id }, ctx.principal);
    const series: SeriesNode | undefined =
      linked.find((s) => s.props.kind === input.kind) ?? (await store.get(node.name, ctx.principal))?.node;
    if (!series) {
      const kinds = [...new Set(linked.map((s) => s.props.kind))];
      return {
        ...empty(`no ${input.kind} series for ${node.name}`),
        subject: ref(node),
        data: { availableKinds: kinds },
      };
    }
    const stored = (await store.get(series.id, ctx.principal))!;
    const observed = stored.points.filter((p): p is { date: string; value: number } => p.value !== null);
    if (observed.length < MIN_POINTS)
      return { ...empty(`${series.name} has only ${observed.length} observations`), subject: ref(node) };
    const clean = prepareSeries({
      name: series.name,
      frequency: series.props.frequency,
      values: stored.points.map((p) => p.value),
      dates: stored.points.map((p) => p.date),
    });
    const [result] = await forecastSeries([clean], { horizon: input.horizon, weights: DEFAULT_WEIGHTS });
    const trend = trendInsight(series.name, clean.values, result!.points, series.props.frequency);
    const last = observed[observed.length - 1]!;
    const yearAgo = observed[observed.length - 13];
    const recent = observed.slice(-12).map((p) => p.value);
    const unit = series.props.unit ?? '';
    const changePct12 = yearAgo
      ? round(((last.value - yearAgo.value) / Math.abs(yearAgo.value || 1)) * 100, 3)
      : undefined;
    const zh = ctx.language === 'zh';
    const historyText = zh
      ? `${series.name}最新值 ${round(last.value)} ${unit}（${last.date.slice(0, 7)}）${changePct12 !== undefined ? `，较一年前${changePct12 >= 0 ? '上涨' : '下跌'} ${Math.abs(changePct12)}%` : ''}；近12期区间 ${round(Math.min(...recent))}–${round(Math.max(...recent))}`
      : `${series.name} was ${round(last.value)} ${unit} in ${last.date.slice(0, 7)}${changePct12 !== undefined ? `, ${changePct12 >= 0 ? 'up' : 'down'} ${Math.abs(changePct12)}% on a year earlier` : ''}; 12-period range ${round(Math.min(...recent))}–${round(Math.max(...recent))}`;
    const end = result!.points[result!.points.length - 1]!;
    const forecastText = `${trend.sentence[ctx.language]} ${
      zh
        ? `${end.date?.slice(0, 7) ?? `第${input.horizon}期`}预测值 ${round(end.mean)} ${unit}（80%区间 ${round(end.lo80 ?? end.mean)}–${round(end.hi80 ?? end.mean)}）。`
        : `Forecast for ${end.date?.slice(0, 7) ?? `step ${input.horizon}`}: ${round(end.mean)} ${unit} (80% interval ${round(end.lo80 ?? end.mean)}–${round(end.hi80 ?? end.mean)}).`
    }`;
    const evidence: Evidence[] = [
      {
        key: series.id,
        kind: 'series',
        source: sourceOf(series.provenance),
        text: historyText,
        seriesId: series.id,
      },
      {
        key: `${series.id}#forecast`,
        kind: 'series',
        source: `forecast ${series.id} (baseline ensemble: theta, damped trend, seasonal naive)`,
        text: forecastText,
        seriesId: series.id,
      },
    ];
    return {
      tool: 'forecast_series',
      subject: ref(node),
      items: [],
      total: result!.points.length,
      evidence,
      paths: [],
      data: {
        series: {
          id: series.id,
          name: series.name,
          kind: series.props.kind,
          unit,
          frequency: series.props.frequency,
        },
        last: { date: last.date, value: last.value },
        changePct12,
        history: observed.slice(-24),
        forecast: result!.points.map((p) => ({ ...p, mean: round(p.mean, 6) })),
        trend: {
          direction: trend.direction,
          changePct: trend.changePct,
          probability: trend.probability,
          volatility: trend.volatility,
        },
        notes: [
          'baseline ensemble (theta, damped trend, seasonal naive); no model is trained inside a question',
          ...result!.notes,
        ],
      },
    };
  },
});
