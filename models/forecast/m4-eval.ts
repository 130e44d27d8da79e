import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Member, MEMBERS } from './ensemble.js';
import { forecastSeries, memberForecasts, type SeriesForecast } from './forecaster.js';
import { SEASON } from './frequency.js';
import { loadOnnxModel } from './global/onnx-runner.js';
import { readM4Csv } from './io/m4-csv.js';
import { intervalScore, mase, maseScale, smape } from './metrics.js';
import { ARCHITECTURES, describeConfig, trainingVariants } from './candidates.js';
import { selectConfig } from './select.js';
import { type TrainedForecaster, trainForecaster } from './training.js';
import type { CleanSeries, Frequency } from './types.js';

/**
 * The M4 runs score the baselines and the global model; the pooled and AR members came later, for
 * prices, and are not part of those runs.
 */
const M4_MEMBERS = MEMBERS.filter((m) => m !== 'pooled' && m !== 'ar');

/**
 * The M4 evaluation (used by `npm run bench -- m4` and `ibrain bench m4`): the model config
 * (two-stage grid of `candidates.ts`) and the ensemble weights are chosen on the last horizon of
 * each train series; the model then forecasts once from the end of the train file, and the test
 * file is read only after every forecast is made, to score. The global model is trained with
 * several seeds and the figures are reported as mean and range over them.
 */
export const M4_SPEC = {
  Weekly: { frequency: 'weekly', horizon: 13 },
  Hourly: { frequency: 'hourly', horizon: 48 },
} as const satisfies Record<string, { frequency: Frequency; horizon: number }>;

export type Score = { sMAPE: number; MASE: number; OWA: number };

/** One seed's run: the chosen config trained with that seed (validation carve as in selection). */
export interface SeedRun extends Score {
  seed: number;
  globalOWA: number;
  coverage80: number;
  coverage95: number;
  ensemble: Partial<Record<Member, number>>;
  trainSeconds: number;
}

export interface M4Result {
  freq: keyof typeof M4_SPEC;
  series: number;
  seconds: number;
  trainSeconds: number;
  /** Train series with suspected outliers replaced before training, and how many values. */
  outliers: { series: number; values: number };
  /** Means over the seeds. */
  sMAPE: number;
  MASE: number;
  OWA: number;
  owaRange: { min: number; max: number };
  coverage80: number;
  coverage95: number;
  seeds: SeedRun[];
  /** Baselines (deterministic), and the global model and the ensemble as means over the seeds. */
  methods: Partial<Record<Member | 'ensemble', Score>>;
  official: Record<string, Score>;
  /** How the config was chosen (seed 1): every candidate's validation figures (train data only). */
  selection: {
    chosen: string;
    trials: Array<{
      config: string;
      stage: string;
      ensembleScore: number;
      ensembleOWA: number;
      globalOWA?: number;
      seconds: number;
    }>;
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

const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

/**
 * Chooses the config on seed 1 (two-stage grid of `candidates.ts`, validation carve only), then
 * trains it with every seed, forecasts once per seed from the end of the train file and only then
 * reads the test file to score each seed.
 */
export async function runM4(
  dir: string,
  freq: keyof typeof M4_SPEC,
  options: { seeds?: readonly number[] } = {},
): Promise<M4Result> {
  const { frequency, horizon } = M4_SPEC[freq];
  const m = SEASON[frequency];
  const seeds = options.seeds ?? [1, 2, 3];
  const started = performance.now();
  const train: CleanSeries[] = readM4Csv(join(dir, `${freq}-train.csv`)).map((s) => ({
    name: s.id,
    frequency,
    values: s.values,
    notes: [],
  }));
  const architectures = ARCHITECTURES[frequency];
  if (!architectures) throw new Error(`no candidate configs for ${frequency}`);
  const selection = await selectConfig(train, frequency, architectures, {
    horizon,
    variants: trainingVariants,
  });
  const ends = train.map((s) => s.values.length);
  const runs: Array<{
    seed: number;
    trained: TrainedForecaster;
    members: Array<Partial<Record<Member, Float64Array>>>;
    ensemble: SeriesForecast[];
    trainSeconds: number;
  }> = [];
  let trainSeconds = (performance.now() - started) / 1000;
  for (const seed of seeds) {
    const t0 = performance.now();
    const config = { ...selection.chosen, train: { ...selection.chosen.train, seed } };
    const trained =
      seed === selection.chosen.train.seed
        ? selection.trained
        : await trainForecaster(train, frequency, { horizon, config });
    const seconds =
      seed === selection.chosen.train.seed ? trained.training.seconds : (performance.now() - t0) / 1000;
    if (seed !== selection.chosen.train.seed) trainSeconds += seconds;
    const model = await loadOnnxModel(trained.onnx, `${freq} global model (seed ${seed})`);
    const members = await memberForecasts(train, ends, horizon, M4_MEMBERS, model);
    const ensemble = await forecastSeries(train, { horizon, weights: trained.ensemble, model });
    await model.close();
    runs.push({ seed, trained, members, ensemble, trainSeconds: seconds });
  }
  const seconds = (performance.now() - started) / 1000;

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
  const first = runs[0]!;
  const naive2 = official.Naive2 ?? { ...score((i) => first.members[i]!.naive2!), OWA: 1 };
  const withOwa = (r: { sMAPE: number; MASE: number }): Score => ({
    ...r,
    OWA: 0.5 * (r.sMAPE / naive2.sMAPE + r.MASE / naive2.MASE),
  });
  const coverage = (ensemble: SeriesForecast[], level: number) => {
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
  const seedRuns: SeedRun[] = runs.map((r) => ({
    seed: r.seed,
    ...withOwa(score((i) => r.ensemble[i]!.points.map((p) => p.mean))),
    globalOWA: withOwa(score((i) => r.members[i]!.global ?? r.members[i]!.naive!)).OWA,
    coverage80: coverage(r.ensemble, 80),
    coverage95: coverage(r.ensemble, 95),
    ensemble: r.trained.ensemble,
    trainSeconds: r.trainSeconds,
  }));
  const methods: M4Result['methods'] = {};
  for (const member of M4_MEMBERS) {
    if (member === 'global') continue;
    methods[member] = withOwa(score((i) => first.members[i]![member]!));
  }
  const globals = runs.map((r) => withOwa(score((i) => r.members[i]!.global ?? r.members[i]!.naive!)));
  methods.global = {
    sMAPE: mean(globals.map((g) => g.sMAPE)),
    MASE: mean(globals.map((g) => g.MASE)),
    OWA: mean(globals.map((g) => g.OWA)),
  };
  const ens: Score = {
    sMAPE: mean(seedRuns.map((r) => r.sMAPE)),
    MASE: mean(seedRuns.map((r) => r.MASE)),
    OWA: mean(seedRuns.map((r) => r.OWA)),
  };
  methods.ensemble = ens;
  return {
    freq,
    series: train.length,
    seconds,
    trainSeconds,
    outliers: {
      series: selection.trained.outliers.length,
      values: selection.trained.outliers.reduce((a, o) => a + o.count, 0),
    },
    ...ens,
    owaRange: { min: Math.min(...seedRuns.map((r) => r.OWA)), max: Math.max(...seedRuns.map((r) => r.OWA)) },
    coverage80: mean(seedRuns.map((r) => r.coverage80)),
    coverage95: mean(seedRuns.map((r) => r.coverage95)),
    seeds: seedRuns,
    methods,
    official,
    selection: {
      chosen: describeConfig(selection.chosen),
      trials: selection.trials.map((t) => ({
        config: describeConfig(t.config),
        stage: t.stage,
        ensembleScore: t.ensembleScore,
        ensembleOWA: t.ensembleOWA,
        ...(t.globalOWA === undefined ? {} : { globalOWA: t.globalOWA }),
        seconds: t.seconds,
      })),
    },
  };
}
