/** A problem with one input file; the batch carries on and the summary lists it. */
export class IngestError extends Error {
  readonly userFacing = true;
  override readonly name = 'IngestError';

  constructor(
    readonly file: string,
    message: string,
  ) {
    super(`${file}: ${message}`);
  }
}

/** A bad search request (empty query, bad filter). */
export class SearchError extends Error {
  readonly userFacing = true;
  override readonly name = 'SearchError';
}
