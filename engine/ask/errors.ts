/** A question the ask layer cannot take (empty, too long, bad options): the CLI exits 2, the API answers 400. */
export class AskError extends Error {
  readonly userFacing = true;
  readonly kind = 'bad-request';
  override readonly name = 'AskError';
}
