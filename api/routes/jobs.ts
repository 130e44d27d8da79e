import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { BRIEFING_FORMATS } from '../../engine/briefing/build.js';
import { BRIEFING_JOB } from '../../engine/briefing/service.js';
import { EVAL_RUN_JOB } from '../../engine/evals-port.js';
import { JOB_STATES, type JobRecord } from '../../engine/jobs/port.js';
import type { ApiDeps, ApiEnv } from '../env.js';
import { requireRole } from '../middleware/auth.js';
import { ApiProblem, problemResponses } from '../problem.js';
import { json200 } from '../schemas/common.js';
import { EvalRunReportSchema } from './evals.js';

/** Job ids as the queues make them; anything else is refused before a lookup. */
export const JobIdSchema = z
  .string()
  .regex(/^job_[0-9a-f-]{36}$/, 'a job id such as job_0b6a…')
  .openapi({ param: { name: 'id', in: 'path' }, example: 'job_6f1c2a4e-8d7b-4c1e-9a3f-2b5d6e7f8a90' });

const OwnerSchema = z.object({ principal: z.object({ id: z.string() }) });

/**
 * The job if the caller asked for it (or is an admin), else a 404 worded like a missing id, so
 * nobody can learn which ids exist.
 */
export async function ownJob(deps: ApiDeps, c: Context<ApiEnv>, id: string): Promise<JobRecord> {
  const job = await (await deps.engine.jobs()).get(id);
  const owner = OwnerSchema.safeParse(job?.payload);
  const mine = owner.success && owner.data.principal.id === c.get('principal').id;
  if (!job || !(mine || c.get('apiKey')?.role === 'admin')) throw new ApiProblem(404, `no job ${id}`);
  return job;
}

const BriefingResultSchema = z.object({ name: z.string(), score: z.number() });

const JobSchema = z
  .object({
    id: z.string(),
    kind: z.string(),
    state: z.enum(JOB_STATES),
    progress: z.object({ percent: z.number(), stage: z.string().optional() }),
    error: z.string().optional(),
    createdAt: z.string(),
    updatedAt: z.string(),
    briefing: z
      .object({
        name: z.string(),
        score: z.number(),
        downloads: z.partialRecord(z.enum(BRIEFING_FORMATS), z.string()),
      })
      .optional()
      .openapi({ description: 'a completed briefing: its scope, composite risk and download links' }),
    evalRun: EvalRunReportSchema.optional().openapi({ description: 'a completed eval-run job’s report' }),
  })
  .openapi('Job');

/** What a client may see of a job: never the payload (it holds the requester's grants) nor file paths. */
function jobView(job: JobRecord): z.infer<typeof JobSchema> {
  const base = {
    id: job.id,
    kind: job.kind,
    state: job.state,
    progress: job.progress,
    ...(job.error ? { error: job.error } : {}),
    createdAt: job.createdAt,
    updatedAt: job.updatedAt,
  };
  if (job.state !== 'completed') return base;
  if (job.kind === BRIEFING_JOB) {
    const result = BriefingResultSchema.extend({
      files: z.partialRecord(z.enum(BRIEFING_FORMATS), z.string()),
    }).parse(job.result);
    const formats = BRIEFING_FORMATS.filter((f) => result.files[f]);
    return {
      ...base,
      briefing: {
        name: result.name,
        score: result.score,
        downloads: Object.fromEntries(
          formats.map((f) => [f, `/v1/briefings/${job.id}/download?format=${f}`]),
        ),
      },
    };
  }
  if (job.kind === EVAL_RUN_JOB) return { ...base, evalRun: EvalRunReportSchema.parse(job.result) };
  return base;
}

/** Status of a briefing or eval-run job, for the one who asked (or an admin). */
export function registerJobRoutes(app: OpenAPIHono<ApiEnv>, deps: ApiDeps): void {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/jobs/{id}',
      tags: ['jobs'],
      summary: 'State, progress and result of a job you started (404 for anyone else’s)',
      security: [{ bearerAuth: [] }],
      middleware: [requireRole(deps, 'admin', 'analyst', 'enterprise', 'evaluator')] as const,
      request: { params: z.object({ id: JobIdSchema }) },
      responses: { ...json200(JobSchema, 'the job'), ...problemResponses(400, 401, 403, 404, 429) },
    }),
    async (c) => c.json(jobView(await ownJob(deps, c, c.req.valid('param').id)), 200),
  );
}
