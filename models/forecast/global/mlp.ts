/**
 * The global model: one ReLU hidden layer plus a linear skip path from the inputs,
 * y = W2·relu(W1·x + b1) + b2 + Ws·x. The skip path starts as seasonal naive, so training
 * learns corrections to a strong baseline. Weights are row-major float32, as exported to ONNX.
 */
export interface MlpWeights {
  inputs: number;
  hidden: number;
  outputs: number;
  w1: Float32Array; // hidden × inputs
  b1: Float32Array;
  w2: Float32Array; // outputs × hidden
  b2: Float32Array;
  ws: Float32Array; // outputs × inputs
}

/** The TypeScript reference forward pass (float64 accumulation), for inference and parity. */
export function mlpForward(w: MlpWeights, x: Float32Array, rows: number): Float64Array {
  const { inputs, hidden, outputs } = w;
  const out = new Float64Array(rows * outputs);
  const h = new Float64Array(hidden);
  for (let r = 0; r < rows; r++) {
    const xo = r * inputs;
    for (let j = 0; j < hidden; j++) {
      let s = w.b1[j]!;
      const wo = j * inputs;
      for (let i = 0; i < inputs; i++) s += w.w1[wo + i]! * x[xo + i]!;
      h[j] = Math.max(s, 0);
    }
    for (let o = 0; o < outputs; o++) {
      let s = w.b2[o]!;
      const w2o = o * hidden;
      for (let j = 0; j < hidden; j++) s += w.w2[w2o + j]! * h[j]!;
      const wso = o * inputs;
      for (let i = 0; i < inputs; i++) s += w.ws[wso + i]! * x[xo + i]!;
      out[r * outputs + o] = s;
    }
  }
  return out;
}
