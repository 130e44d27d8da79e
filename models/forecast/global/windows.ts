import { calendarFeatures } from '../frequency.js';
import type { ModelContract } from './contract.js';

/** Per-window scale: mean absolute value of the lag window (1 when it is all zeros). */
export function windowScale(values: ArrayLike<number>, end: number, lags: number): number {
  let s = 0;
  let count = 0;
  for (let i = Math.max(0, end - lags); i < end; i++) {
    s += Math.abs(values[i]!);
    count++;
  }
  const scale = count > 0 ? s / count : 0;
  return scale > 0 ? scale : 1;
}

/**
 * Writes one model input row for a forecast made after `values[end-1]` into `row` at `offset`.
 * Histories shorter than the window are padded on the left with their first value.
 */
export function writeInputRow(
  row: Float32Array,
  offset: number,
  values: ArrayLike<number>,
  end: number,
  contract: ModelContract,
  firstDate: string | undefined,
  scale: number,
): void {
  const { lags } = contract;
  for (let k = 0; k < lags; k++) {
    const i = end - lags + k;
    const v = i >= 0 ? values[i]! : values[0]!;
    row[offset + k] = v / scale - 1;
  }
  if (contract.calendar > 0) {
    const cal = calendarFeatures(firstDate, contract.frequency);
    for (let c = 0; c < contract.calendar; c++) row[offset + lags + c] = cal[c] ?? 0;
  }
}
