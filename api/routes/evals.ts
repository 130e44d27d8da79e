import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { type EvalService, evalsOf } from '../../engine/evals-port.js';
import type { ApiDeps, ApiEnv } from '../env.js';
import { audited, requireRole } from '../middleware/auth.js';
import { ApiProblem, problemResponses } from '../problem.js';
import { json200 } from '../schemas/common.js';

/** Items per score request; bigger sets belong in `ibrain eval score <file>`. */
export const MAX_SCORE_ITEMS = 2_000;
/** Items per suite run: a run is a job on the shared queue and must not hold up briefings for long. */
export const MAX_RUN_ITEMS = 500;
const DEFAULT_RUN_ITEMS = 100;

const GroupSchema = z.object({
  count: z.number().int(),
  metrics: z.record(z.string(), z.number()),
  n: z.record(z.string(), z.number().int()),
});

const SkippedSchema = z.object({ line: z.number().int(), id: z.string().optional(), message: z.string() });

export const EvalReportSchema = z
  .object({
    items: z.array(
      z.object({
        id: z.string(),
        scores: z
          .record(z.string(), z.number().nullable().optional())
          .openapi({ description: 'null where a metric does not apply' }),
      }),
    ),
    summary: GroupSchema.extend({
      byTag: z.record(z.string(), GroupSchema),
      byIntent: z.record(z.string(), GroupSchema),
      judge: z
        .object({
          model: z.string().optional(),
          mean: z.number().nullable(),
          scored: z.number().int(),
          asked: z.number().int(),
          failed: z.number().int(),
          error: z.string().optional(),
          usage: z
            .object({
              inputTokens: z.number().int(),
              outputTokens: z.number().int(),
              totalTokens: z.number().int(),
              calls: z.number().int(),
            })
            .optional(),
        })
        .optional()
        .openapi({ description: 'the LLM judge, when asked for: apart from the offline metrics' }),
    }),
    skipped: z.array(SkippedSchema).openapi({ description: 'malformed items, skipped, with line numbers' }),
  })
  .openapi('EvalReport');

export const EvalRunReportSchema = EvalReportSchema.extend({
  suite: z.string(),
  seconds: z.number(),
}).openapi('EvalRunReport');

const ScoreBody = z
  .object({
    items: z
      .array(z.unknown())
      .min(1)
      .max(MAX_SCORE_ITEMS)
      .openapi({ description: 'eval items (id, question, answer, contexts, citations, reference, tags…)' }),
    judge: z.boolean().optional().openapi({
      description: 'also score with the configured LLM (beside the offline metrics, never instead)',
    }),
  })
  .strict()
  .openapi('EvalScoreRequest');

const RunBody = z
  .object({
    suite: z.string().trim().min(1).max(100).openapi({ example: 'demo' }),
    split: z.string().trim().min(1).max(100).optional().openapi({ description: 'only items with this tag' }),
    limit: z.number().int().min(1).max(MAX_RUN_ITEMS).default(DEFAULT_RUN_ITEMS),
  })
  .strict()
  .openapi('EvalRunRequest');

function service(deps: ApiDeps): EvalService {
  const evals = evalsOf(deps.engine);
  if (!evals)
    throw new ApiProblem(503, 'evaluation is not enabled on this server (start it with `ibrain serve`)');
  return evals;
}

/** Scoring answered items and running suites, for the evaluator role. */
export function registerEvalRoutes(app: OpenAPIHono<ApiEnv>, deps: ApiDeps): void {
  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/evals/score',
      tags: ['evals'],
      summary: 'Score answered items: JSON {items} or JSON lines (application/x-ndjson)',
      description:
        'Malformed items are skipped and listed in `skipped` with their line (or array position); the rest are scored.',
      security: [{ bearerAuth: [] }],
      middleware: [requireRole(deps, 'admin', 'evaluator')] as const,
      request: {
        body: {
          required: false,
          content: {
            'application/json': { schema: ScoreBody },
            'application/x-ndjson': { schema: z.string().openapi({ description: 'one item per line' }) },
          },
        },
      },
      responses: {
        ...json200(EvalReportSchema, 'per-item scores, the summary and the skipped lines'),
        ...problemResponses(400, 401, 403, 413, 415, 422, 429, 503),
      },
    }),
    async (c) => {
      const evals = service(deps);
      let input: { values: readonly unknown[] } | { text: string };
      let judge = false;
      if (/^application\/x-ndjson\b/i.test(c.req.header('content-type') ?? '')) {
        const text = await c.req.text();
        const lines = text.split('\n').filter((l) => l.trim()).length;
        if (lines === 0) throw new ApiProblem(400, 'the body holds no JSON lines');
        if (lines > MAX_SCORE_ITEMS)
          throw new ApiProblem(413, `${lines} lines; score at most ${MAX_SCORE_ITEMS} items per request`);
        input = { text };
      } else {
        const body = c.req.valid('json') as Partial<z.infer<typeof ScoreBody>>;
        if (!body.items)
          throw new ApiProblem(400, 'send JSON {"items": [...]} or JSON lines as application/x-ndjson');
        input = { values: body.items };
        judge = body.judge === true;
      }
      const report = await evals.score(input, { judge });
      if (report.items.length === 0)
        throw new ApiProblem(422, 'no item could be scored', {
          errors: report.skipped.slice(0, 20).map((s) => ({ path: `line ${s.line}`, message: s.message })),
        });
      return c.json(report, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/evals/run',
      tags: ['evals'],
      summary: 'Run a suite as a job (at most 500 items); poll /v1/jobs/{id} for the report',
      description:
        'Demo and shared-policy suites run on a fresh temporary engine, never on the server’s data; `configured` suites read the live data as the caller.',
      security: [{ bearerAuth: [] }],
      middleware: [requireRole(deps, 'admin', 'evaluator'), audited(deps, 'evals.run')] as const,
      request: { body: { required: true, content: { 'application/json': { schema: RunBody } } } },
      responses: {
        202: {
          description: 'queued',
          content: {
            'application/json': {
              schema: z.object({ jobId: z.string(), status: z.literal('queued'), statusUrl: z.string() }),
            },
          },
        },
        ...problemResponses(400, 401, 403, 404, 413, 422, 429, 503),
      },
    }),
    async (c) => {
      const evals = service(deps);
      const body = c.req.valid('json');
      if (!evals.suites().includes(body.suite))
        throw new ApiProblem(404, `no suite ${body.suite}; available: ${evals.suites().join(', ')}`);
      const jobId = await evals.startRun(body, c.get('principal'));
      c.header('Location', `/v1/jobs/${jobId}`);
      return c.json({ jobId, status: 'queued' as const, statusUrl: `/v1/jobs/${jobId}` }, 202);
    },
  );
}
