import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { BRIEFING_FORMATS } from '../../engine/briefing/build.js';
import { BriefingRequestSchema, briefingsFor } from '../../engine/briefing/service.js';
import { chainGraph } from '../../engine/chain/service.js';
import { parseScope, resolveScope } from '../../engine/risk/scope.js';
import type { ApiDeps, ApiEnv } from '../env.js';
import { audited, requireRole } from '../middleware/auth.js';
import { ApiProblem, problemResponses } from '../problem.js';
import { JobIdSchema, ownJob } from './jobs.js';
import { ScopeTextSchema } from '../schemas/common.js';

const BriefingRequest = BriefingRequestSchema.extend({
  scope: ScopeTextSchema,
})
  .strict()
  .openapi('BriefingRequest');

const AcceptedSchema = z
  .object({
    jobId: z.string(),
    status: z.literal('queued'),
    statusUrl: z.string().openapi({ example: '/v1/jobs/job_…' }),
  })
  .openapi('JobAccepted');

/** Letters, digits, `_` and `-` only: a name no header, shell or file system can misread. */
function fileSafe(name: string): string {
  return name.replace(/[^\p{L}\p{N}_-]+/gu, '_').slice(0, 80) || 'briefing';
}

/**
 * Risk briefings as jobs. Any role that reads the graph may ask; the briefing is gathered with the
 * requester's grants, and the scope must be visible to them when they ask, so an enterprise key
 * can neither brief nor probe another enterprise's private products.
 */
export function registerBriefingRoutes(app: OpenAPIHono<ApiEnv>, deps: ApiDeps): void {
  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/briefings',
      tags: ['briefings'],
      summary: 'Request a risk briefing (md, html, docx); poll /v1/jobs/{id} until completed',
      security: [{ bearerAuth: [] }],
      middleware: [
        requireRole(deps, 'admin', 'analyst', 'enterprise'),
        audited(deps, 'briefings.request'),
      ] as const,
      request: { body: { required: true, content: { 'application/json': { schema: BriefingRequest } } } },
      responses: {
        202: { description: 'queued', content: { 'application/json': { schema: AcceptedSchema } } },
        ...problemResponses(400, 401, 403, 404, 409, 413, 422, 429),
      },
    }),
    async (c) => {
      const body = c.req.valid('json');
      const principal = c.get('principal');
      // Resolved now, as the requester, so an unknown or hidden scope is a 404 here, not a failed job later.
      await resolveScope(
        deps.engine.graph,
        await chainGraph(deps.engine, principal),
        parseScope(body.scope),
        principal,
      );
      const jobId = await briefingsFor(deps.engine).request(body, principal);
      c.header('Location', `/v1/jobs/${jobId}`);
      return c.json({ jobId, status: 'queued' as const, statusUrl: `/v1/jobs/${jobId}` }, 202);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/briefings/{id}/download',
      tags: ['briefings'],
      summary: 'A completed briefing as Markdown, HTML or Word (requester or admin only)',
      security: [{ bearerAuth: [] }],
      middleware: [requireRole(deps, 'admin', 'analyst', 'enterprise')] as const,
      request: {
        params: z.object({ id: JobIdSchema }),
        query: z.object({ format: z.enum(BRIEFING_FORMATS).default('html') }),
      },
      responses: {
        200: {
          description: 'the briefing file, as an attachment',
          content: {
            'text/markdown': { schema: z.string() },
            'text/html': { schema: z.string() },
            'application/vnd.openxmlformats-officedocument.wordprocessingml.document': {
              schema: z.string().openapi({ format: 'binary' }),
            },
          },
        },
        ...problemResponses(400, 401, 403, 404, 409, 429),
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const { format } = c.req.valid('query');
      const job = await ownJob(deps, c, id);
      if (job.state !== 'completed') {
        throw new ApiProblem(
          409,
          `briefing ${id} is ${job.state}${job.error ? `: ${job.error}` : ''}; poll /v1/jobs/${id} until completed`,
        );
      }
      const file = await briefingsFor(deps.engine).download(id, format, c.get('principal'));
      const name = z.object({ name: z.string() }).safeParse(job.result);
      const readable = `${fileSafe(name.success ? name.data.name : 'briefing')}-${id.slice(4, 12)}.${format}`;
      return c.body(new Uint8Array(file.bytes), 200, {
        'Content-Type': file.contentType,
        // The ASCII name for old clients, the readable (often Chinese) one per RFC 6266 for the rest.
        'Content-Disposition': `attachment; filename="${file.fileName}"; filename*=UTF-8''${encodeURIComponent(readable)}`,
        'X-Content-Type-Options': 'nosniff',
        'Cache-Control': 'private, no-store',
      });
    },
  );
}
