import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { forecastSeries, forecastValues } from '../../engine/forecast.js';
import { FREQUENCIES } from '../../models/forecast/types.js';
import type { ApiDeps, ApiEnv } from '../env.js';
import { requireRole } from '../middleware/auth.js';
import { problemResponses } from '../problem.js';
import { json200, TextSchema } from '../schemas/common.js';

const horizon = z.number().int().min(1).max(120).openapi({ example: 12 });
const levels = z
  .array(z.number().int().min(1).max(99))
  .min(1)
  .max(5)
  .optional()
  .openapi({ description: 'interval levels in percent; default [80, 95]', example: [80, 95] });
const isoDate = z.iso.date().or(z.iso.datetime());

const StoredForecastRequest = z
  .object({
    series: z.string().trim().min(1).max(512).openapi({ example: 'series:碳酸锂价格' }),
    horizon,
    levels,
  })
  .strict();

const ValuesForecastRequest = z
  .object({
    values: z
      .array(z.number().finite().nullable())
      .min(1)
      .max(10_000)
      .openapi({ description: 'observations, oldest first; null marks a gap' }),
    frequency: z.enum(FREQUENCIES),
    dates: z.array(isoDate).max(10_000).optional().openapi({ description: 'one per value, ascending' }),
    start: isoDate.optional().openapi({ description: 'date of the first value, when dates are not given' }),
    name: z.string().trim().min(1).max(200).optional(),
    horizon,
    levels,
  })
  .strict()
  .refine((b) => (b.dates === undefined) !== (b.start === undefined), {
    message: 'give either dates (one per value) or start, not both and not neither',
    path: ['dates'],
  })
  .refine((b) => b.dates === undefined || b.dates.length === b.values.length, {
    message: 'dates must have one entry per value',
    path: ['dates'],
  });

const ForecastRequest = z.union([StoredForecastRequest, ValuesForecastRequest]).openapi('ForecastRequest', {
  description: 'a stored series by id or name, or values with dates (or a start date) and a frequency',
});

const SkillSchema = z
  .object({
    maeRatio: z.number().optional().openapi({
      description: 'geometric mean over past origins of MAE(forecast) / MAE(last value carried forward)',
    }),
    origins: z.number().int(),
    verdict: z.enum(['better', 'similar', 'worse', 'unknown']),
  })
  .openapi('ForecastSkill');

const ForecastResultSchema = z
  .object({
    series: z.string(),
    seriesId: z.string().optional(),
    nameZh: z.string().optional(),
    unit: z.string().optional(),
    frequency: z.enum(FREQUENCIES),
    last: z.object({ date: z.string().optional(), value: z.number() }),
    methods: z
      .record(z.string(), z.number())
      .openapi({ description: 'weights of the methods combined, chosen on the series’ own past' }),
    points: z.array(
      z
        .looseObject({
          date: z.string(),
          mean: z.number(),
          lo80: z.number().optional(),
          hi80: z.number().optional(),
          lo95: z.number().optional(),
          hi95: z.number().optional(),
        })
        .openapi({ description: 'the mean and loL, hiL bounds per asked level L (80 and 95 by default)' }),
    ),
    trend: z.object({
      direction: z.enum(['rise', 'flat', 'fall']),
      changePct: z.number(),
      probability: z.object({ rise: z.number(), flat: z.number(), fall: z.number() }),
      volatility: z.object({ perPeriodPct: z.number(), level: z.enum(['low', 'moderate', 'high']) }),
      sentence: TextSchema,
    }),
    skill: SkillSchema,
    outliers: z
      .array(
        z.object({
          date: z.string().optional(),
          value: z.number(),
          replacement: z.number(),
          score: z.number(),
          position: z.enum(['inner', 'last']),
        }),
      )
      .openapi({ description: 'values treated as suspected data errors, and what was used instead' }),
    notes: z.array(z.string()),
  })
  .openapi('ForecastResult');

/** Point forecasts with intervals for scenario apps: a stored series the caller may see, or values it sends. */
export function registerForecastRoutes(app: OpenAPIHono<ApiEnv>, deps: ApiDeps): void {
  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/forecast',
      tags: ['forecast'],
      summary:
        'Forecast with calibrated 80/95% intervals, a trend reading with the probability of a rise, skill against the last value and outlier flags',
      security: [{ bearerAuth: [] }],
      middleware: [requireRole(deps, 'admin', 'analyst', 'enterprise')] as const,
      request: { body: { required: true, content: { 'application/json': { schema: ForecastRequest } } } },
      responses: {
        ...json200(ForecastResultSchema, 'the forecast'),
        ...problemResponses(400, 401, 403, 404, 413, 422, 429),
      },
    }),
    async (c) => {
      const body = c.req.valid('json');
      const options = { horizon: body.horizon, ...(body.levels ? { levels: body.levels } : {}) };
      const result =
        'series' in body
          ? await forecastSeries(
              deps.engine,
              body.series,
              { ...options, globalModel: 'cached' },
              c.get('principal'),
            )
          : await forecastValues(body, options);
      return c.json(
        {
          series: result.series,
          ...(result.seriesId ? { seriesId: result.seriesId } : {}),
          ...(result.nameZh ? { nameZh: result.nameZh } : {}),
          ...(result.unit ? { unit: result.unit } : {}),
          frequency: result.frequency,
          last: result.last,
          methods: result.ensemble as Record<string, number>,
          // Dates always exist here: stored series are dated and values need dates or a start.
          points: result.points.map(({ date, ...bounds }) => ({ date: date ?? '', ...bounds })),
          trend: {
            direction: result.trend.direction,
            changePct: result.trend.changePct,
            probability: result.trend.probability,
            volatility: result.trend.volatility,
            sentence: result.trend.sentence,
          },
          skill: {
            ...(result.skill.maeRatio === undefined ? {} : { maeRatio: result.skill.maeRatio }),
            origins: result.skill.origins,
            verdict: result.skill.verdict,
          },
          outliers: result.outliers.map(({ index: _index, ...o }) => o),
          notes: result.notes,
        },
        200,
      );
    },
  );
}
