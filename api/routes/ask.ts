import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { streamSSE } from 'hono/streaming';
import { isUserFacing } from '../../engine/errors.js';
import { AskRequestSchema, AskResultSchema, askFor } from '../../engine/ask/index.js';
import type { ApiDeps, ApiEnv } from '../env.js';
import { requireRole } from '../middleware/auth.js';
import { problemBody, problemResponses } from '../problem.js';
import { statusForUserError } from '../errors.js';

// A lone surrogate is valid JSON but not text; it would reach the tokenizer and the logs as garbage.
const AskRequest = AskRequestSchema.refine((body) => !/\p{Cs}/u.test(body.question), {
  path: ['question'],
  message: 'the question holds invalid unicode (a lone surrogate)',
}).openapi('AskRequest');

/** Questions in Chinese or English, answered from the graph and documents the caller may see. */
export function registerAskRoutes(app: OpenAPIHono<ApiEnv>, deps: ApiDeps): void {
  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/ask',
      tags: ['ask'],
      summary: 'A grounded answer with citations, facts and graph paths (SSE with Accept: text/event-stream)',
      security: [{ bearerAuth: [] }],
      middleware: [requireRole(deps, 'admin', 'analyst', 'enterprise', 'evaluator')] as const,
      request: {
        body: {
          required: true,
          content: { 'application/json': { schema: AskRequest } },
        },
      },
      responses: {
        200: {
          description:
            'the answer; as `text/event-stream`, `token` events, then `citations`, then `done` with the whole result',
          content: {
            'application/json': { schema: AskResultSchema.openapi('AskResult') },
            'text/event-stream': { schema: z.string() },
          },
        },
        ...problemResponses(400, 401, 403, 413, 422, 429),
      },
    }),
    async (c) => {
      const body = c.req.valid('json');
      const options = { principal: c.get('principal'), lang: body.lang, k: body.k };
      const service = askFor(deps.engine);
      if (!body.stream && !/\btext\/event-stream\b/.test(c.req.header('accept') ?? '')) {
        return c.json(await service.ask(body.question, options), 200);
      }
      return streamSSE(c, async (sse) => {
        try {
          for await (const event of service.stream(body.question, { ...options, stream: true })) {
            await sse.writeSSE({ event: event.type, data: JSON.stringify(event) });
          }
        } catch (error) {
          // Headers are gone once streaming starts: the problem travels as an event instead.
          const status = isUserFacing(error) ? statusForUserError(error) : 500;
          if (status === 500) deps.logger.error({ err: (error as Error).message }, 'ask stream failed');
          const detail =
            status === 500
              ? 'the answer could not be completed; the error was logged'
              : (error as Error).message;
          await sse.writeSSE({ event: 'error', data: JSON.stringify(problemBody(status, detail)) });
        }
      }) as unknown as Response;
    },
  );
}
