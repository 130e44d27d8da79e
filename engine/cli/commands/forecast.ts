import type { Command } from 'commander';
import type { Engine } from '../../container.js';
import type { Frequency } from '../../../models/forecast/types.js';
import { type GlobalOptions, withEngine } from '../context.js';

/**
 * `ibrain forecast`, `ibrain models train`, `ibrain bench m4`. Actions import the forecasting
 * stack lazily so `ibrain --help` loads commander only.
 */
export function registerForecastCommands(program: Command): void {
  program
    .command('forecast')
    .description('forecast a stored series with the ensemble, 80/95% intervals and a trend insight')
    .requiredOption('--series <name>', 'series name or id (see `ibrain import prices`)')
    .option('--horizon <n>', 'periods ahead', '12')
    .option('--level <list>', 'interval levels in percent', '80,95')
    .option('--retrain', 'retrain the global model first')
    .option('--json', 'print JSON')
    .action(async (raw: Record<string, unknown>, cmd: Command) => {
      const { z } = await import('zod');
      const { UserError } = await import('../errors.js');
      const parsed = z
        .object({
          series: z.string().min(1),
          horizon: z.coerce.number().int().min(1).max(1000),
          level: z
            .string()
            .transform((s) => s.split(',').map((x) => Number(x.trim())))
            .pipe(z.array(z.number().int().min(1).max(99)).min(1)),
          retrain: z.boolean().optional(),
          json: z.boolean().optional(),
        })
        .safeParse(raw);
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        throw new UserError(`forecast: --${issue.path.join('.')}: ${issue.message}`);
      }
      const opts = parsed.data;
      const result = await withEngine(
        (engine) => forecastStored(engine, opts),
        cmd.optsWithGlobals<GlobalOptions>(),
      );
      const { emit } = await import('../output.js');
      emit(result, opts.json, (r) =>
        [
          `${r.series} (${r.frequency}), ensemble ${JSON.stringify(r.ensemble)}`,
          ...r.points.map(
            (p) =>
              `  ${p.date ?? ''}  ${fmt(p.mean)}  [${opts.level.map((l) => `${fmt(p[`lo${l}`])}, ${fmt(p[`hi${l}`])}`).join(' | ')}]`,
          ),
          r.trend.sentence.zh,
          r.trend.sentence.en,
          ...r.notes.map((n) => `note: ${n}`),
        ].join('\n'),
      );
    });

  const models =
    program.commands.find((c) => c.name() === 'models') ??
    program.command('models').description('forecasting models');
  models
    .command('train')
    .description('retrain the global forecasting model of every frequency with stored public series')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }, cmd: Command) => {
      const result = await withEngine(trainStored, cmd.optsWithGlobals<GlobalOptions>());
      const { emit } = await import('../output.js');
      emit(result, opts.json, (r) =>
        r.models.length === 0
          ? 'no stored series to train on; run `ibrain import prices <csv>` first'
          : r.models.map((m) => `${m.frequency}: ${m.series} series → ${m.path}`).join('\n'),
      );
    });

  const bench =
    program.commands.find((c) => c.name() === 'bench') ?? program.command('bench').description('benchmarks');
  bench
    .command('m4')
    .description('train on the M4 train files and score on the test files (sMAPE, MASE, OWA)')
    .requiredOption(
      '--dir <dir>',
      'directory with <Freq>-train.csv, <Freq>-test.csv and the official results TSV',
    )
    .option('--freq <freq>', 'Weekly or Hourly', 'Weekly')
    .option('--json', 'print JSON')
    .action(async (opts: { dir: string; freq: string; json?: boolean }) => {
      const { UserError } = await import('../errors.js');
      const { existsSync } = await import('node:fs');
      if (opts.freq !== 'Weekly' && opts.freq !== 'Hourly')
        throw new UserError(`bench m4: --freq must be Weekly or Hourly, got "${opts.freq}"`);
      if (!existsSync(`${opts.dir}/${opts.freq}-train.csv`))
        throw new UserError(`bench m4: ${opts.dir}/${opts.freq}-train.csv not found`);
      const { runM4 } = await import('../../../models/forecast/m4-eval.js');
      const r = await runM4(opts.dir, opts.freq);
      const { emit, table } = await import('../output.js');
      emit(
        {
          freq: r.freq,
          series: r.series,
          sMAPE: r.sMAPE,
          MASE: r.MASE,
          OWA: r.OWA,
          seconds: r.seconds,
          methods: r.methods,
        },
        opts.json,
        (v) =>
          table([
            ['sMAPE', v.sMAPE.toFixed(3)],
            ['MASE', v.MASE.toFixed(3)],
            ['OWA', v.OWA.toFixed(3)],
            ['seconds', v.seconds.toFixed(1)],
          ]),
      );
    });
}

function fmt(x: number | undefined): string {
  return x === undefined ? '-' : x.toPrecision(6);
}

/** Public series of one frequency, cleaned: what the shared global model may learn from. */
async function trainingSet(engine: Engine, frequency: Frequency) {
  const { PUBLIC_PRINCIPAL } = await import('../../../knowledge-graph/schema/index.js');
  const { prepareSeries } = await import('../../../models/forecast/prepare.js');
  const { seriesStoreOf } = await import('../../series.js');
  const store = seriesStoreOf(engine);
  const nodes = await store.list({ frequency }, PUBLIC_PRINCIPAL);
  const out = [];
  for (const node of nodes) {
    const stored = await store.get(node.id, PUBLIC_PRINCIPAL);
    if (!stored?.points.some((p) => p.value !== null)) continue;
    out.push(
      prepareSeries({
        name: node.name,
        frequency,
        values: stored.points.map((p) => p.value),
        dates: stored.points.map((p) => p.date),
      }),
    );
  }
  return out;
}

async function forecastStored(
  engine: Engine,
  opts: { series: string; horizon: number; level: number[]; retrain?: boolean },
) {
  const { SYSTEM_PRINCIPAL } = await import('../../../knowledge-graph/schema/index.js');
  const { UserError } = await import('../errors.js');
  const { prepareSeries } = await import('../../../models/forecast/prepare.js');
  const { forecastSeries } = await import('../../../models/forecast/forecaster.js');
  const { readyModel } = await import('../../../models/forecast/model-cache.js');
  const { DEFAULT_WEIGHTS } = await import('../../../models/forecast/ensemble.js');
  const { trendInsight } = await import('../../../models/forecast/trend.js');
  const { seriesStoreOf } = await import('../../series.js');
  const store = seriesStoreOf(engine);
  // The CLI runs as the local operator; the API passes the caller's principal instead.
  const stored = await store.get(opts.series, SYSTEM_PRINCIPAL);
  if (!stored)
    throw new UserError(
      `forecast: no series "${opts.series}"; import one with \`ibrain import prices <csv>\``,
    );
  const frequency = stored.node.props.frequency;
  const clean = prepareSeries({
    name: stored.node.name,
    frequency,
    values: stored.points.map((p) => p.value),
    dates: stored.points.map((p) => p.date),
  });
  const notes: string[] = [];
  let ready: Awaited<ReturnType<typeof readyModel>> | undefined;
  try {
    ready = await readyModel(engine.dataDir, frequency, await trainingSet(engine, frequency), {
      retrain: opts.retrain,
      onnxModel: engine.config.forecast.onnxModel,
    });
  } catch (error) {
    if (!(error instanceof Error && (error as { userFacing?: unknown }).userFacing === true)) throw error;
    notes.push(`global model unavailable (${error.message}); baselines only`);
  }
  try {
    const [result] = await forecastSeries([clean], {
      horizon: opts.horizon,
      weights: ready?.ensemble ?? DEFAULT_WEIGHTS,
      levels: opts.level,
      ...(ready ? { model: ready.model } : {}),
    });
    const trend = trendInsight(clean.name, clean.values, result!.points, frequency);
    return {
      series: clean.name,
      frequency,
      ensemble: ready?.ensemble ?? DEFAULT_WEIGHTS,
      points: result!.points,
      trend,
      notes: [...notes, ...result!.notes],
    };
  } finally {
    await ready?.model.close();
  }
}

async function trainStored(engine: Engine) {
  const { FREQUENCIES } = await import('../../../models/forecast/types.js');
  const { readyModel } = await import('../../../models/forecast/model-cache.js');
  const models: Array<{ frequency: string; series: number; path: string }> = [];
  for (const frequency of FREQUENCIES) {
    const series = await trainingSet(engine, frequency);
    if (series.length === 0) continue;
    const ready = await readyModel(engine.dataDir, frequency, series, { retrain: true });
    await ready.model.close();
    models.push({ frequency, series: series.length, path: ready.path });
  }
  return { models };
}
