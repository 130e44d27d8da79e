import type { InferenceSession } from 'onnxruntime-node';
import { ContractSchema, type ModelContract } from './contract.js';
import { readContractJson } from './onnx-export.js';

/** A loaded ONNX forecasting model: its contract and a batch predict on contract inputs. */
export interface OnnxModel {
  contract: ModelContract;
  predict(x: Float32Array, rows: number): Promise<Float32Array>;
  close(): Promise<void>;
}

export class ModelContractError extends Error {
  readonly userFacing = true;
  override readonly name = 'ModelContractError';
}

/**
 * Loads a model from bytes with onnxruntime-node. The contract comes from the model's metadata,
 * or from `fallback` for a dropped-in model that carries none.
 */
export async function loadOnnxModel(
  bytes: Uint8Array,
  source: string,
  fallback?: ModelContract,
): Promise<OnnxModel> {
  let json: string | undefined;
  try {
    json = readContractJson(bytes);
  } catch (error) {
    throw new ModelContractError(
      `${source}: not an ONNX model (${error instanceof Error ? error.message : String(error)})`,
    );
  }
  let contract: ModelContract;
  if (json !== undefined) {
    const parsed = ContractSchema.safeParse(JSON.parse(json));
    if (!parsed.success)
      throw new ModelContractError(
        `${source}: metadata ibrain.contract invalid: ${parsed.error.issues[0]?.message}`,
      );
    contract = parsed.data;
  } else if (fallback) {
    contract = fallback;
  } else {
    throw new ModelContractError(
      `${source}: no ibrain.contract metadata; give the model's contract in config`,
    );
  }
  const ort = await import('onnxruntime-node');
  const session: InferenceSession = await ort.InferenceSession.create(bytes, {
    intraOpNumThreads: 1,
    interOpNumThreads: 1,
  });
  if (!session.inputNames.includes(contract.input) || !session.outputNames.includes(contract.output)) {
    throw new ModelContractError(
      `${source}: expected input "${contract.input}" and output "${contract.output}", model has ${session.inputNames.join(',')} → ${session.outputNames.join(',')}`,
    );
  }
  const width = contract.lags + contract.calendar;
  return {
    contract,
    async predict(x, rows) {
      const feeds = { [contract.input]: new ort.Tensor('float32', x, [rows, width]) };
      const result = await session.run(feeds);
      const out = result[contract.output];
      if (!out || !(out.data instanceof Float32Array) || out.data.length !== rows * contract.horizon) {
        throw new ModelContractError(
          `${source}: output "${contract.output}" is not float32 [${rows}, ${contract.horizon}]`,
        );
      }
      return out.data;
    },
    close: () => session.release(),
  };
}
