import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { Logger } from 'pino';
import { type ErrorKind, errorKindOf, isUserFacing } from '../engine/errors.js';
import { ApiProblem, problem } from './problem.js';

const STATUS_OF: Readonly<Record<ErrorKind, 400 | 404 | 409 | 413 | 422 | 503>> = {
  invalid: 422,
  'bad-request': 400,
  'not-found': 404,
  conflict: 409,
  'too-large': 413,
  unavailable: 503,
};

/** The status for an error the user can fix, from the kind it declares. */
export function statusForUserError(error: Error): 400 | 404 | 409 | 413 | 422 | 503 {
  return STATUS_OF[errorKindOf(error)];
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
