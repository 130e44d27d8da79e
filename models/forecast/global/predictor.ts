import type { ModelContract } from './contract.js';
import { type MlpWeights, mlpForward } from './mlp.js';

/** Anything that maps contract inputs to contract outputs: the ONNX session or the TS reference. */
export interface GlobalPredictor {
  contract: ModelContract;
  predict(x: Float32Array, rows: number): Promise<ArrayLike<number>>;
}

export function referencePredictor(weights: MlpWeights, contract: ModelContract): GlobalPredictor {
  return { contract, predict: async (x, rows) => mlpForward(weights, x, rows) };
}
