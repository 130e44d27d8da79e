import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { Logger } from 'pino';
import { isUserFacing } from '../engine/errors.js';
import { ApiProblem, problem } from './problem.js';

/**
 * Chooses the status for an error the user can fix. Engine layers throw plain `userFacing`
 * errors, so the status comes from an explicit `status` when they give one, else the wording.
 */
export function statusForUserError(error: Error): 400 | 404 | 409 | 422 {
  const given = (error as { status?: unknown }).status;
  if (given === 400 || given === 404 || given === 409 || given === 422) return given;
  const message = error.message;
  if (/names several|ambiguous/i.test(message)) return 409;
  if (
    /^no (entity|series|document|job|briefing)|not found|no such|unknown (series|job|document|briefing)/i.test(
      message,
    )
  )
    return 404;
  if (/already exists/i.test(message)) return 409;
  return 422;
}

/** The one place an exception becomes a response: nothing internal ever reaches the client. */
export function handleError(logger: Logger) {
  return (error: Error, c: Context): Response => {
    if (error instanceof ApiProblem) return problem(c, error.status, error.message, error.extra);
    if (error instanceof HTTPException) {
      const status = error.status as ContentfulStatusCode;
      return problem(
        c,
        status,
        status === 413 ? 'the request body is too large' : error.message || undefined,
      );
    }
    if (isUserFacing(error as unknown))
      return problem(c, statusForUserError(error), error.message.split('\n')[0]);
    logger.error(
      { err: { name: error.name, message: error.message, stack: error.stack }, path: c.req.path },
      'unhandled error',
    );
    return problem(c, 500, 'the server could not answer this request; the error was logged');
  };
}
