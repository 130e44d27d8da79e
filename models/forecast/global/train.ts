import { ForecastInputError } from '../errors.js';
import { addPeriods } from '../frequency.js';
import type { ModelContract } from './contract.js';
import type { MlpWeights } from './mlp.js';
import { windowScale, writeInputRow } from './windows.js';

export interface TrainingSeries {
  values: ArrayLike<number>;
  /** Date of each value, when known (calendar features); undated series get zeros. */
  dates?: readonly string[];
}

export interface TrainOptions {
  hidden: number;
  epochs: number;
  samplesPerEpoch: number;
  batch: number;
  learningRate: number;
  seed: number;
  /** Season the skip path starts from (seasonal naive at this period; 1 = naive). */
  season: number;
  /** Points at the end of every series kept out of training (the validation carve). */
  holdout: number;
  onEpoch?: (epoch: number, loss: number) => void;
}

/** A seeded PRNG (mulberry32): training is reproducible, so cached models are too. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Trains the global MLP by minibatch Adam on the mean absolute error of scaled targets, over
 * windows drawn uniformly from every (series, origin) whose targets fall before the holdout.
 */
export function trainGlobalModel(
  series: readonly TrainingSeries[],
  contract: ModelContract,
  options: TrainOptions,
): MlpWeights {
  const { lags, horizon } = contract;
  const inputs = lags + contract.calendar;
  const { hidden } = options;
  const outputs = horizon;
  const random = rng(options.seed);
  const gauss = () => Math.sqrt(-2 * Math.log(random() + 1e-12)) * Math.cos(2 * Math.PI * random());

  // Every usable origin: a window needs at least one observed point and a full target horizon.
  const origins: Array<[number, number]> = [];
  series.forEach((s, si) => {
    const usable = s.values.length - options.holdout;
    const minEnd = Math.max(1, Math.min(lags, usable - horizon));
    for (let end = minEnd; end + horizon <= usable; end++) origins.push([si, end]);
  });
  if (origins.length === 0)
    throw new ForecastInputError(
      `no training windows: every series is shorter than horizon + holdout + 1 (${horizon + options.holdout + 1})`,
    );

  const sizes = [hidden * inputs, hidden, outputs * hidden, outputs, outputs * inputs];
  const total = sizes.reduce((a, b) => a + b, 0);
  const params = new Float64Array(total);
  const views: Float64Array[] = [];
  let at = 0;
  for (const size of sizes) {
    views.push(params.subarray(at, at + size));
    at += size;
  }
  const [w1, b1, w2, b2, ws] = views as [
    Float64Array,
    Float64Array,
    Float64Array,
    Float64Array,
    Float64Array,
  ];
  const he = Math.sqrt(2 / inputs);
  for (let i = 0; i < w1.length; i++) w1[i] = gauss() * he;
  for (let i = 0; i < w2.length; i++) w2[i] = gauss() * 0.01;
  const m = Math.max(1, Math.min(options.season, lags));
  for (let o = 0; o < outputs; o++) ws[o * inputs + lags - m + (o % m)] = 1;

  const grads = new Float64Array(total);
  const gviews: Float64Array[] = [];
  at = 0;
  for (const size of sizes) {
    gviews.push(grads.subarray(at, at + size));
    at += size;
  }
  const [g1, gb1, g2, gb2, gs] = gviews as [
    Float64Array,
    Float64Array,
    Float64Array,
    Float64Array,
    Float64Array,
  ];
  const adamM = new Float64Array(total);
  const adamV = new Float64Array(total);
  const beta1 = 0.9;
  const beta2 = 0.999;
  let step = 0;

  const x = new Float32Array(inputs);
  const target = new Float64Array(outputs);
  const h = new Float64Array(hidden);
  const y = new Float64Array(outputs);
  const gy = new Float64Array(outputs);
  const gh = new Float64Array(hidden);
  const steps = Math.max(1, Math.ceil(options.samplesPerEpoch / options.batch));
  const totalSteps = steps * options.epochs;

  for (let epoch = 0; epoch < options.epochs; epoch++) {
    let lossSum = 0;
    for (let s = 0; s < steps; s++) {
      grads.fill(0);
      for (let b = 0; b < options.batch; b++) {
        const [si, end] = origins[Math.floor(random() * origins.length)]!;
        const ser = series[si]!;
        const scale = windowScale(ser.values, end, lags);
        const firstDate = ser.dates
          ? (ser.dates[end] ?? addPeriods(ser.dates[end - 1]!, contract.frequency, 1))
          : undefined;
        writeInputRow(x, 0, ser.values, end, contract, firstDate, scale);
        for (let o = 0; o < outputs; o++) target[o] = ser.values[end + o]! / scale - 1;
        for (let j = 0; j < hidden; j++) {
          let acc = b1[j]!;
          const wo = j * inputs;
          for (let i = 0; i < inputs; i++) acc += w1[wo + i]! * x[i]!;
          h[j] = Math.max(acc, 0);
        }
        for (let o = 0; o < outputs; o++) {
          let acc = b2[o]!;
          const w2o = o * hidden;
          for (let j = 0; j < hidden; j++) acc += w2[w2o + j]! * h[j]!;
          const wso = o * inputs;
          for (let i = 0; i < inputs; i++) acc += ws[wso + i]! * x[i]!;
          y[o] = acc;
          const e = acc - target[o]!;
          lossSum += Math.abs(e);
          gy[o] = (e > 0 ? 1 : e < 0 ? -1 : 0) / (options.batch * outputs);
        }
        gh.fill(0);
        for (let o = 0; o < outputs; o++) {
          const g = gy[o]!;
          if (g === 0) continue;
          gb2[o] = gb2[o]! + g;
          const w2o = o * hidden;
          for (let j = 0; j < hidden; j++) {
            g2[w2o + j] = g2[w2o + j]! + g * h[j]!;
            gh[j] = gh[j]! + g * w2[w2o + j]!;
          }
          const wso = o * inputs;
          for (let i = 0; i < inputs; i++) gs[wso + i] = gs[wso + i]! + g * x[i]!;
        }
        for (let j = 0; j < hidden; j++) {
          if (h[j]! <= 0) continue;
          const g = gh[j]!;
          gb1[j] = gb1[j]! + g;
          const wo = j * inputs;
          for (let i = 0; i < inputs; i++) g1[wo + i] = g1[wo + i]! + g * x[i]!;
        }
      }
      step++;
      const lr = options.learningRate * (1 - 0.9 * (step / totalSteps));
      const c1 = 1 - beta1 ** step;
      const c2 = 1 - beta2 ** step;
      for (let i = 0; i < total; i++) {
        const g = grads[i]!;
        adamM[i] = beta1 * adamM[i]! + (1 - beta1) * g;
        adamV[i] = beta2 * adamV[i]! + (1 - beta2) * g * g;
        params[i] = params[i]! - (lr * (adamM[i]! / c1)) / (Math.sqrt(adamV[i]! / c2) + 1e-8);
      }
    }
    options.onEpoch?.(epoch, lossSum / (steps * options.batch * outputs));
  }
  return {
    inputs,
    hidden,
    outputs,
    w1: Float32Array.from(w1),
    b1: Float32Array.from(b1),
    w2: Float32Array.from(w2),
    b2: Float32Array.from(b2),
    ws: Float32Array.from(ws),
  };
}
