/**
 * An error the user can fix (bad flag, missing file, invalid config, bad record). The CLI prints
 * its message as one line and exits 2; the API maps it to a 4xx problem+json. Other layers mark
 * their own error classes with `userFacing = true` instead of importing this one, so the
 * dependency direction (engine → knowledge-graph, retrieval, models) stays one way.
 */
export class UserError extends Error {
  readonly userFacing = true;
  override readonly name = 'UserError';
}

export function isUserFacing(error: unknown): error is Error {
  return error instanceof Error && (error as { userFacing?: unknown }).userFacing === true;
}
