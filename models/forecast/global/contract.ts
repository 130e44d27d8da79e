import { z } from 'zod';
import { FREQUENCIES } from '../types.js';

/**
 * The input contract of a global forecasting model, stored in the ONNX file's metadata under
 * `ibrain.contract`. Input `x`: float32 [N, lags + calendar], the last `lags` values divided by
 * the window's mean absolute value minus 1, then the calendar features of the first forecast
 * step (`calendarFeatures`). Output `y`: float32 [N, horizon] on the same scale. Any ONNX model
 * honouring this can be dropped in through `forecast.onnxModel`.
 */
export const ContractSchema = z.object({
  frequency: z.enum(FREQUENCIES),
  lags: z.number().int().positive(),
  calendar: z.number().int().min(0),
  horizon: z.number().int().positive(),
  input: z.string().default('x'),
  output: z.string().default('y'),
});
export type ModelContract = z.infer<typeof ContractSchema>;

export const CONTRACT_KEY = 'ibrain.contract';
