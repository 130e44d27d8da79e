/**
 * What kind of mistake an error reports. The CLI prints every kind as one line and exits 2; the
 * API answers each kind with its own status. Layers below engine/ (knowledge-graph, retrieval,
 * models) mark their own error classes with `userFacing = true` and a `kind` instead of importing
 * this module, so the dependency direction stays one way.
 */
export const ERROR_KINDS = [
  'invalid',
  'bad-request',
  'not-found',
  'conflict',
  'too-large',
  'unavailable',
] as const;
export type ErrorKind = (typeof ERROR_KINDS)[number];

/** An error the user can fix (bad flag, missing file, invalid config, bad record, unknown name). */
export class UserError extends Error {
  readonly userFacing = true;
  override readonly name = 'UserError';

  constructor(
    message: string,
    readonly kind: ErrorKind = 'invalid',
  ) {
    super(message);
  }
}

export function isUserFacing(error: unknown): error is Error {
  return error instanceof Error && (error as { userFacing?: unknown }).userFacing === true;
}

/** The kind an error declares; a user-facing error that declares none is invalid input. */
export function errorKindOf(error: Error): ErrorKind {
  const kind = (error as { kind?: unknown }).kind;
  return (ERROR_KINDS as readonly unknown[]).includes(kind) ? (kind as ErrorKind) : 'invalid';
}
