/**
 * A problem with one input file; the batch carries on and the summary lists it. `tooLarge` marks
 * a file refused by a limit (size, unpacked size, pages, characters, memory, a quota), which the
 * API answers with 413 rather than 422.
 */
export class IngestError extends Error {
  readonly userFacing = true;
  override readonly name = 'IngestError';

  constructor(
    readonly file: string,
    message: string,
    readonly tooLarge = false,
  ) {
    super(`${file}: ${message}`);
  }
}

/** A bad search request (empty query, bad filter). */
export class SearchError extends Error {
  readonly userFacing = true;
  override readonly name = 'SearchError';
}
