import { addPeriods } from '../frequency.js';
import type { CleanSeries } from '../types.js';
import type { GlobalPredictor } from './predictor.js';
import { windowScale, writeInputRow } from './windows.js';

/**
 * The global model's forecasts for each series from origin `ends[i]` (the series cut after that
 * many points), in one batch. Series of another frequency, and rows whose output is not finite,
 * get `undefined`; steps past the model's horizon are not forecast.
 */
export async function predictGlobal(
  series: readonly CleanSeries[],
  ends: readonly number[],
  h: number,
  model: GlobalPredictor,
): Promise<Array<Float64Array | undefined>> {
  const { contract } = model;
  const out: Array<Float64Array | undefined> = series.map(() => undefined);
  const rows = series.map((_s, i) => i).filter((i) => series[i]!.frequency === contract.frequency);
  if (rows.length === 0) return out;
  const width = contract.lags + contract.calendar;
  const x = new Float32Array(rows.length * width);
  const scales = rows.map((i, r) => {
    const s = series[i]!;
    const end = ends[i]!;
    const scale = windowScale(s.values, end, contract.lags);
    const firstDate = s.dates?.[end] ?? (s.dates ? addPeriods(s.dates[end - 1]!, s.frequency, 1) : undefined);
    writeInputRow(x, r * width, s.values, end, contract, firstDate, scale);
    return scale;
  });
  const y = await model.predict(x, rows.length);
  const steps = Math.min(h, contract.horizon);
  rows.forEach((i, r) => {
    const f = new Float64Array(steps);
    for (let k = 0; k < steps; k++) f[k] = (y[r * contract.horizon + k]! + 1) * scales[r]!;
    if (f.every(Number.isFinite)) out[i] = f;
  });
  return out;
}
