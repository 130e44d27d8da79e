import { join } from 'node:path';
import { parseWideCsv } from '../../knowledge-graph/series/import-prices.js';
import { type Member, MEMBERS } from '../../models/forecast/ensemble.js';
import { forecastSeries, memberForecasts } from '../../models/forecast/forecaster.js';
import { loadOnnxModel } from '../../models/forecast/global/onnx-runner.js';
import { rng } from '../../models/forecast/global/train.js';
import { intervalScore, mase, maseScale } from '../../models/forecast/metrics.js';
import { prepareSeries } from '../../models/forecast/prepare.js';
import { AdaptiveLevel } from '../../models/forecast/intervals.js';
import { CANDIDATES, describeConfig } from '../../models/forecast/candidates.js';
import { selectConfig } from '../../models/forecast/select.js';
import { trainForecaster } from '../../models/forecast/training.js';
import { trendInsight } from '../../models/forecast/trend.js';
import type { CleanSeries } from '../../models/forecast/types.js';
import { type Bench, report, sharedDataDir } from './bench.js';

/**
 * `npm run bench -- forecast`: (1) IMF monthly prices, rolling origins 2019-01…2023-01, horizon
 * 12: MASE per method and the ensemble's interval coverage. The global model's config (from
 * `CANDIDATES.monthly`, by validation OWA on the last 12…30 months before 2019-01), the model and
 * the ensemble weights use data before 2019-01 only. Intervals: scale-adaptive conformal
 * quantiles from each origin's own past, with the level steered by adaptive conformal inference
 * from the outcomes observed before each origin (never the origin's future). (2) Speed: 1,000 synthetic monthly series,
 * horizon 12, inference only (the model is trained before the clock starts).
 */
const H = 12;

function cut(s: CleanSeries, end: number): CleanSeries {
  return { ...s, values: s.values.subarray(0, end), ...(s.dates ? { dates: s.dates.slice(0, end) } : {}) };
}

async function imfBacktest(path: string) {
  const all = parseWideCsv(path, { frequency: 'monthly' }).series.map((p) =>
    prepareSeries({
      name: p.node.name,
      frequency: 'monthly',
      values: p.points.map((x) => x.value),
      dates: p.points.map((x) => x.date),
    }),
  );
  const before = (s: CleanSeries, date: string) => s.dates!.findIndex((d) => d >= date);
  const trainSet = all.map((s) => cut(s, before(s, '2019-01-01'))).filter((s) => s.values.length > 48);
  const selection = await selectConfig(trainSet, 'monthly', CANDIDATES.monthly ?? [], {
    horizon: H,
    validationOrigins: 4,
  });
  const { trained } = selection;
  const model = await loadOnnxModel(trained.onnx, 'IMF monthly model');
  const origins: string[] = [];
  for (let y = 2019; y <= 2023; y++)
    for (let m = 1; m <= 12; m++)
      if (y < 2023 || m === 1) origins.push(`${y}-${String(m).padStart(2, '0')}-01`);
  const sums: Partial<Record<Member | 'ensemble', number>> = {};
  let cases = 0;
  const cover = { 80: [0, 0], 95: [0, 0] } as Record<80 | 95, [number, number]>;
  const width = { 80: 0, 95: 0 };
  const aci = { 80: new AdaptiveLevel(0.8), 95: new AdaptiveLevel(0.95) };
  // Forecast points whose outcome the simulation has not reached yet: revealed to ACI only once
  // their date is before the current origin.
  let pending: Array<{
    date: string;
    actual: number;
    lo: Record<80 | 95, number>;
    hi: Record<80 | 95, number>;
  }> = [];
  for (const origin of origins) {
    const revealed = pending.filter((p) => p.date < origin);
    pending = pending.filter((p) => p.date >= origin);
    for (const level of [80, 95] as const) {
      const missed = revealed.filter((p) => p.actual < p.lo[level] || p.actual > p.hi[level]).length;
      aci[level].update(missed, revealed.length);
    }
    const batch = all
      .map((s) => ({ s, end: before(s, origin) }))
      .filter(({ s, end }) => end >= 36 && end + H <= s.values.length);
    const hist = batch.map(({ s, end }) => cut(s, end));
    const members = await memberForecasts(
      hist,
      hist.map((s) => s.values.length),
      H,
      MEMBERS,
      model,
    );
    const ens = await forecastSeries(hist, {
      horizon: H,
      weights: trained.ensemble,
      model,
      calibrationOrigins: 12,
      calibrationStride: 1,
      quantileLevels: { 80: aci[80].level, 95: aci[95].level },
    });
    batch.forEach(({ s, end }, i) => {
      const actual = s.values.subarray(end, end + H);
      const scale = maseScale(hist[i]!.values, 12);
      if (scale === 0) return;
      for (const m of MEMBERS) sums[m] = (sums[m] ?? 0) + mase(actual, members[i]![m]!, scale);
      const pts = ens[i]!.points;
      sums.ensemble =
        (sums.ensemble ?? 0) +
        mase(
          actual,
          pts.map((p) => p.mean),
          scale,
        );
      for (const level of [80, 95] as const) {
        const r = intervalScore(
          actual,
          pts.map((p) => p[`lo${level}`]!),
          pts.map((p) => p[`hi${level}`]!),
        );
        cover[level][0] += r.covered;
        cover[level][1] += r.count;
        width[level] += r.width / scale;
      }
      pts.forEach((p, k) => {
        pending.push({
          date: p.date!,
          actual: actual[k]!,
          lo: { 80: p.lo80!, 95: p.lo95! },
          hi: { 80: p.hi80!, 95: p.hi95! },
        });
      });
      cases++;
    });
  }
  await model.close();
  const maseBy = Object.fromEntries(Object.entries(sums).map(([k, v]) => [k, v / cases])) as Record<
    string,
    number
  >;
  const example = all.find((s) => s.name === 'Crude Oil petroleum') ?? all[0]!;
  return {
    origins: origins.length,
    cases,
    mase: maseBy,
    coverage80: cover[80][0] / cover[80][1],
    coverage95: cover[95][0] / cover[95][1],
    meanWidth80: width[80] / cases,
    meanWidth95: width[95] / cases,
    ensemble: trained.ensemble,
    selection: selection.trials.map((t) => ({
      config: describeConfig(t.config),
      chosen: t.config === selection.chosen,
      ensembleOWA: t.ensembleOWA,
      globalOWA: t.globalOWA,
    })),
    example,
  };
}

function syntheticMonthly(count: number, length: number): CleanSeries[] {
  const random = rng(7);
  return Array.from({ length: count }, (_, i) => {
    const level = 50 + random() * 100;
    const trend = (random() - 0.5) * 0.5;
    const amp = random() * 10;
    const values = new Float64Array(length);
    let noise = 0;
    for (let t = 0; t < length; t++) {
      noise = 0.7 * noise + (random() - 0.5) * 4;
      values[t] = level + trend * t + amp * Math.sin((2 * Math.PI * t) / 12) + noise;
    }
    const dates = Array.from(
      { length },
      (_, t) => `${2014 + Math.floor(t / 12)}-${String((t % 12) + 1).padStart(2, '0')}-01`,
    );
    return { name: `synthetic-${i}`, frequency: 'monthly', values, dates, notes: [] } satisfies CleanSeries;
  });
}

async function speed() {
  const series = syntheticMonthly(1000, 120);
  const trained = await trainForecaster(series.slice(0, 200), 'monthly', { horizon: H });
  const model = await loadOnnxModel(trained.onnx, 'synthetic monthly model');
  await forecastSeries(series.slice(0, 10), { horizon: H, weights: trained.ensemble, model });
  const t0 = performance.now();
  const out = await forecastSeries(series, { horizon: H, weights: trained.ensemble, model });
  const seconds = (performance.now() - t0) / 1000;
  await model.close();
  const finite = out.every((f) =>
    f.points.every((p) => Object.values(p).every((v) => typeof v !== 'number' || Number.isFinite(v))),
  );
  return { seconds, finite, ensemble: trained.ensemble };
}

const bench: Bench = async (args) => {
  const json = args.includes('--json');
  const rows: Array<{ label: string; value: string; ok?: boolean; target?: string }> = [];
  const shared = sharedDataDir();
  if (!shared) {
    process.stdout.write(
      'forecast: IMF backtest skipped — ../shared/data not found (set IBRAIN_SHARED_DATA)\n',
    );
  } else {
    const t0 = performance.now();
    const imf = await imfBacktest(join(shared, 'prices', 'imf-commodity-prices-monthly.csv'));
    const seconds = (performance.now() - t0) / 1000;
    if (json)
      process.stdout.write(`${JSON.stringify({ imf: { ...imf, example: undefined, seconds } }, null, 2)}\n`);
    rows.push({
      label: 'IMF origins × series',
      value: `${imf.origins} origins, ${imf.cases} forecasts, ${seconds.toFixed(1)} s`,
    });
    for (const [method, value] of Object.entries(imf.mase).sort((a, b) => a[1] - b[1])) {
      rows.push({ label: `IMF MASE ${method}`, value: value.toFixed(3) });
    }
    const beats = imf.mase.ensemble! <= Math.min(imf.mase.naive!, imf.mase.snaive!);
    rows.push({ label: 'IMF ensemble vs naive, snaive', value: beats ? 'better' : 'worse', ok: beats });
    rows.push({
      label: 'IMF 80% coverage',
      value: `${(imf.coverage80 * 100).toFixed(1)}%`,
      target: '75–85%',
      ok: imf.coverage80 >= 0.75 && imf.coverage80 <= 0.85,
    });
    rows.push({ label: 'IMF 95% coverage', value: `${(imf.coverage95 * 100).toFixed(1)}%` });
    rows.push({
      label: 'IMF mean 80% / 95% width (MASE units)',
      value: `${imf.meanWidth80.toFixed(2)} / ${imf.meanWidth95.toFixed(2)}`,
    });
    for (const t of imf.selection)
      rows.push({
        label: `IMF config ${t.chosen ? '*' : ' '} ${t.config}`,
        value: `validation OWA ensemble ${t.ensembleOWA.toFixed(3)}, global ${t.globalOWA?.toFixed(3) ?? '-'}`,
      });
    rows.push({ label: 'IMF ensemble weights', value: JSON.stringify(imf.ensemble) });
    const ex = imf.example;
    const [fc] = await forecastSeries([ex], { horizon: H, weights: imf.ensemble });
    const insight = trendInsight(ex.name, ex.values, fc!.points, 'monthly');
    process.stdout.write(`\n${insight.sentence.en}\n${insight.sentence.zh}\n`);
  }
  const s = await speed();
  rows.push({
    label: '1,000 monthly series × 12 (points + intervals)',
    value: `${s.seconds.toFixed(2)} s`,
    target: '≤ 2 s',
    ok: s.seconds <= 2 && s.finite,
  });
  return report('Forecast benchmark', rows);
};

export default bench;
