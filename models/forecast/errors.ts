/**
 * Input the caller can fix: the message names the series and what is wrong with it. Marked
 * `userFacing` so the CLI prints it as one line (exit 2) and the API maps it to a 4xx, without
 * models/ importing from engine/.
 */
export class ForecastInputError extends Error {
  readonly userFacing = true;
  override readonly name = 'ForecastInputError';
}

/** No cached global model where the caller asked not to train one; callers fall back to baselines. */
export class ModelNotTrainedError extends Error {
  readonly userFacing = true;
  override readonly name = 'ModelNotTrainedError';
}
