import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Member, MEMBERS } from './ensemble.js';
import { forecastSeries, memberForecasts } from './forecaster.js';
import { SEASON } from './frequency.js';
import { loadOnnxModel } from './global/onnx-runner.js';
import { readM4Csv } from './io/m4-csv.js';
import { intervalScore, mase, maseScale, smape } from './metrics.js';
import { CANDIDATES, describeConfig } from './candidates.js';
import { selectConfig } from './select.js';
import type { CleanSeries, Frequency } from './types.js';

/**
 * The M4 evaluation (used by `npm run bench -- m4` and `ibrain bench m4`): the model config
 * (from `CANDIDATES`) and the ensemble weights are chosen on the last horizon of each train
 * series; the model then forecasts once from the end of the train file, and the test file is read
 * only after every forecast is made, to score.
 */
export const M4_SPEC = {
  Weekly: { frequency: 'weekly', horizon: 13 },
  Hourly: { frequency: 'hourly', horizon: 48 },
} as const satisfies Record<string, { frequency: Frequency; horizon: number }>;

export type Score = { sMAPE: number; MASE: number; OWA: number };
export interface M4Result {
  freq: keyof typeof M4_SPEC;
  series: number;
  seconds: number;
  trainSeconds: number;
  sMAPE: number;
  MASE: number;
  OWA: number;
  coverage80: number;
  coverage95: number;
  ensemble: Partial<Record<Member, number>>;
  methods: Partial<Record<Member | 'ensemble', Score>>;
  official: Record<string, Score>;
  /** How the config was chosen: every candidate's validation OWA (train data only). */
  selection: {
    chosen: string;
    trials: Array<{ config: string; ensembleOWA: number; globalOWA?: number; seconds: number }>;
  };
}

function readOfficial(path: string, freq: string): Record<string, Score> {
  const [header, ...rows] = readFileSync(path, 'utf8').trim().split('\n');
  const cols = header!.split('\t');
  const key = freq.toLowerCase();
  const at = (name: string) => cols.indexOf(`${key}_${name}`);
  const out: Record<string, Score> = {};
  for (const row of rows) {
    const cells = row.split('\t');
    out[cells[0]!] = {
      sMAPE: Number(cells[at('sMAPE')]),
      MASE: Number(cells[at('MASE')]),
      OWA: Number(cells[at('OWA')]),
    };
  }
  return out;
}

export async function runM4(dir: string, freq: keyof typeof M4_SPEC): Promise<M4Result> {
  const { frequency, horizon } = M4_SPEC[freq];
  const m = SEASON[frequency];
  const started = performance.now();
  const train: CleanSeries[] = readM4Csv(join(dir, `${freq}-train.csv`)).map((s) => ({
    name: s.id,
    frequency,
    values: s.values,
    notes: [],
  }));
  const candidates = CANDIDATES[frequency];
  if (!candidates) throw new Error(`no candidate configs for ${frequency}`);
  const selection = await selectConfig(train, frequency, candidates, { horizon });
  const { trained } = selection;
  const trainSeconds = (performance.now() - started) / 1000;
  const model = await loadOnnxModel(trained.onnx, `${freq} global model`);
  const ends = train.map((s) => s.values.length);
  const members = await memberForecasts(train, ends, horizon, MEMBERS, model);
  const ensemble = await forecastSeries(train, { horizon, weights: trained.ensemble, model });
  const seconds = (performance.now() - started) / 1000;
  await model.close();

  const test = readM4Csv(join(dir, `${freq}-test.csv`));
  const official = readOfficial(join(dir, 'm4-official-point-forecast-results.tsv'), freq);
  const scales = train.map((s) => maseScale(s.values, m));
  const score = (f: (i: number) => ArrayLike<number>) => {
    let s = 0;
    let q = 0;
    test.forEach((t, i) => {
      s += smape(t.values, f(i));
      q += mase(t.values, f(i), scales[i]!);
    });
    return { sMAPE: s / test.length, MASE: q / test.length };
  };
  const naive2 = official.Naive2 ?? { ...score((i) => members[i]!.naive2!), OWA: 1 };
  const withOwa = (r: { sMAPE: number; MASE: number }): Score => ({
    ...r,
    OWA: 0.5 * (r.sMAPE / naive2.sMAPE + r.MASE / naive2.MASE),
  });
  const methods: M4Result['methods'] = {};
  for (const member of MEMBERS) methods[member] = withOwa(score((i) => members[i]![member]!));
  const ens = withOwa(score((i) => ensemble[i]!.points.map((p) => p.mean)));
  methods.ensemble = ens;
  const coverage = (level: number) => {
    let covered = 0;
    let count = 0;
    test.forEach((t, i) => {
      const pts = ensemble[i]!.points;
      const r = intervalScore(
        t.values,
        pts.map((p) => p[`lo${level}`]!),
        pts.map((p) => p[`hi${level}`]!),
      );
      covered += r.covered;
      count += r.count;
    });
    return covered / count;
  };
  return {
    freq,
    series: train.length,
    seconds,
    trainSeconds,
    ...ens,
    coverage80: coverage(80),
    coverage95: coverage(95),
    ensemble: trained.ensemble,
    methods,
    official,
    selection: {
      chosen: describeConfig(selection.chosen),
      trials: selection.trials.map((t) => ({
        config: describeConfig(t.config),
        ensembleOWA: t.ensembleOWA,
        ...(t.globalOWA === undefined ? {} : { globalOWA: t.globalOWA }),
        seconds: t.seconds,
      })),
    },
  };
}
