import { describe, expect, it } from 'vitest';
import { readContractJson, exportMlpToOnnx } from './onnx-export.js';
import { loadOnnxModel } from './onnx-runner.js';
import { mlpForward } from './mlp.js';
import { trainGlobalModel } from './train.js';
import type { ModelContract } from './contract.js';

const contract: ModelContract = {
  frequency: 'hourly',
  lags: 48,
  calendar: 4,
  horizon: 24,
  input: 'x',
  output: 'y',
};
const series = Array.from({ length: 6 }, (_, i) => ({
  values: Float64Array.from(
    { length: 200 },
    (_, t) => 50 + 10 * i + 8 * Math.sin((2 * Math.PI * t) / 24) + (t % 7),
  ),
}));
const weights = trainGlobalModel(series, contract, {
  hidden: 8,
  epochs: 2,
  samplesPerEpoch: 512,
  batch: 32,
  learningRate: 1e-3,
  seed: 3,
  season: 24,
  holdout: 24,
});

describe('global model', () => {
  it('trains reproducibly from a seed', () => {
    const again = trainGlobalModel(series, contract, {
      hidden: 8,
      epochs: 2,
      samplesPerEpoch: 512,
      batch: 32,
      learningRate: 1e-3,
      seed: 3,
      season: 24,
      holdout: 24,
    });
    expect([...again.w1.slice(0, 20)]).toEqual([...weights.w1.slice(0, 20)]);
  });

  it('ONNX output equals the TypeScript reference within 1e-5', async () => {
    const rows = 5;
    const x = new Float32Array(rows * (contract.lags + contract.calendar));
    for (let i = 0; i < x.length; i++) x[i] = Math.sin(i * 0.37) * 0.8;
    const reference = mlpForward(weights, x, rows);
    const bytes = exportMlpToOnnx(weights, contract, 'parity test');
    const model = await loadOnnxModel(bytes, 'parity test');
    const onnx = await model.predict(x, rows);
    await model.close();
    expect(onnx).toHaveLength(reference.length);
    let worst = 0;
    for (let i = 0; i < onnx.length; i++) worst = Math.max(worst, Math.abs(onnx[i]! - reference[i]!));
    expect(worst).toBeLessThan(1e-5);
  });

  it('carries its input contract in the ONNX metadata', () => {
    const bytes = exportMlpToOnnx(weights, contract, 'meta');
    expect(JSON.parse(readContractJson(bytes)!)).toEqual(contract);
  });

  it('rejects bytes that are not a model with an error naming the source', async () => {
    await expect(loadOnnxModel(new Uint8Array([8, 1, 18, 3]), 'bad.onnx')).rejects.toThrow(/bad\.onnx/);
  });
});
