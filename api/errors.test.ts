import { describe, expect, it } from 'vitest';
import { UserError } from '../engine/errors.js';
import { JobNotFoundError } from '../engine/jobs/port.js';
import { statusForUserError } from './errors.js';

describe('statusForUserError', () => {
  it('answers each declared kind with its own status', () => {
    expect(statusForUserError(new UserError('bad flag'))).toBe(422);
    expect(statusForUserError(new UserError('empty question', 'bad-request'))).toBe(400);
    expect(statusForUserError(new UserError('no entity named "x"', 'not-found'))).toBe(404);
    expect(statusForUserError(new UserError('"x" names several entities', 'conflict'))).toBe(409);
    expect(statusForUserError(new UserError('over quota', 'too-large'))).toBe(413);
    expect(statusForUserError(new UserError('database down', 'unavailable'))).toBe(503);
    expect(statusForUserError(new JobNotFoundError('no job 7'))).toBe(404);
  });

  it('reads the kind, never the wording', () => {
    expect(statusForUserError(new UserError('no entity named "x" was not found'))).toBe(422);
    const foreign = Object.assign(new Error('not found'), { userFacing: true, kind: 'teapot' });
    expect(statusForUserError(foreign)).toBe(422);
  });
});
