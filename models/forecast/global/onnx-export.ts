import onnxProto from 'onnx-proto';
import { CONTRACT_KEY, type ModelContract } from './contract.js';
import type { MlpWeights } from './mlp.js';

const { onnx } = onnxProto;

/** Row-major [rows, cols] → row-major [cols, rows], because ONNX MatMul computes x·W. */
function transpose(w: Float32Array, rows: number, cols: number): Float32Array {
  const out = new Float32Array(w.length);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) out[c * rows + r] = w[r * cols + c]!;
  return out;
}

function tensor(name: string, dims: number[], data: Float32Array): onnxProto.onnx.ITensorProto {
  return {
    name,
    dims,
    dataType: onnx.TensorProto.DataType.FLOAT,
    rawData: new Uint8Array(data.buffer, data.byteOffset, data.byteLength),
  };
}

function valueInfo(name: string, cols: number): onnxProto.onnx.IValueInfoProto {
  return {
    name,
    type: {
      tensorType: {
        elemType: onnx.TensorProto.DataType.FLOAT,
        shape: { dim: [{ dimParam: 'N' }, { dimValue: cols }] },
      },
    },
  };
}

/**
 * Builds the ONNX graph of the global MLP (opset 13: MatMul, Add, Relu) with the input contract
 * in its metadata, and returns the serialised model.
 */
export function exportMlpToOnnx(w: MlpWeights, contract: ModelContract, description: string): Uint8Array {
  const { inputs, hidden, outputs } = w;
  const { input, output } = contract;
  const graph: onnxProto.onnx.IGraphProto = {
    name: 'ibrain_global_mlp',
    input: [valueInfo(input, inputs)],
    output: [valueInfo(output, outputs)],
    initializer: [
      tensor('W1', [inputs, hidden], transpose(w.w1, hidden, inputs)),
      tensor('B1', [hidden], w.b1),
      tensor('W2', [hidden, outputs], transpose(w.w2, outputs, hidden)),
      tensor('B2', [outputs], w.b2),
      tensor('WS', [inputs, outputs], transpose(w.ws, outputs, inputs)),
    ],
    node: [
      { opType: 'MatMul', input: [input, 'W1'], output: ['h_lin'], name: 'hidden_matmul' },
      { opType: 'Add', input: ['h_lin', 'B1'], output: ['h_pre'], name: 'hidden_bias' },
      { opType: 'Relu', input: ['h_pre'], output: ['h'], name: 'hidden_relu' },
      { opType: 'MatMul', input: ['h', 'W2'], output: ['o_lin'], name: 'out_matmul' },
      { opType: 'Add', input: ['o_lin', 'B2'], output: ['o_mlp'], name: 'out_bias' },
      { opType: 'MatMul', input: [input, 'WS'], output: ['o_skip'], name: 'skip_matmul' },
      { opType: 'Add', input: ['o_mlp', 'o_skip'], output: [output], name: 'sum' },
    ],
  };
  const model = onnx.ModelProto.create({
    irVersion: 8,
    producerName: 'industry-brain',
    producerVersion: '0.1.0',
    docString: description,
    opsetImport: [{ domain: '', version: 13 }],
    graph,
    metadataProps: [{ key: CONTRACT_KEY, value: JSON.stringify(contract) }],
  });
  return onnx.ModelProto.encode(model).finish();
}

/** Reads the input contract back from a serialised model's metadata (undefined when absent). */
export function readContractJson(bytes: Uint8Array): string | undefined {
  const model = onnx.ModelProto.decode(bytes);
  return model.metadataProps.find((p) => p.key === CONTRACT_KEY)?.value ?? undefined;
}
