import type { Command } from 'commander';
import { type GlobalOptions, withEngine } from '../context.js';

/**
 * `ibrain forecast`, `ibrain models train`, `ibrain bench m4`. Actions import the forecasting
 * stack lazily so `ibrain --help` loads commander only.
 */
export function registerForecastCommands(program: Command): void {
  program
    .command('forecast')
    .description(
      'forecast a stored series: methods chosen on its own past, 80/95% intervals, skill against the last value, a trend insight',
    )
    .requiredOption('--series <name>', 'series name, Chinese name, code or id (see `ibrain import prices`)')
    .option('--horizon <n>', 'periods ahead', '12')
    .option('--level <list>', 'interval levels in percent', '80,95')
    .option('--retrain', 'retrain the global model first')
    .option('--json', 'print JSON')
    .action(async (raw: Record<string, unknown>, cmd: Command) => {
      const { z } = await import('zod');
      const { UserError } = await import('../../engine/errors.js');
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
      const { forecastSeries } = await import('../../engine/forecast.js');
      const { SYSTEM_PRINCIPAL } = await import('../../knowledge-graph/schema/index.js');
      // The CLI runs as the local operator; the API passes the caller's principal instead.
      const result = await withEngine(
        (engine) =>
          forecastSeries(
            engine,
            opts.series,
            { horizon: opts.horizon, levels: opts.level, retrain: opts.retrain, globalModel: 'train' },
            SYSTEM_PRINCIPAL,
          ),
        cmd.optsWithGlobals<GlobalOptions>(),
      );
      const { emit } = await import('../output.js');
      emit(result, opts.json, (r) =>
        [
          `${r.series}${r.nameZh ? ` ${r.nameZh}` : ''} (${r.frequency}${r.unit ? `, ${r.unit}` : ''}), last ${fmt(r.last.value)}${r.last.date ? ` on ${r.last.date}` : ''}; methods ${JSON.stringify(r.ensemble)}`,
          `skill against the last value on ${r.skill.origins} past origin(s): ${r.skill.verdict}${r.skill.maeRatio === undefined ? '' : ` (MAE ×${r.skill.maeRatio})`}`,
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
      const { trainGlobalModels } = await import('../../engine/forecast.js');
      const result = await withEngine(trainGlobalModels, cmd.optsWithGlobals<GlobalOptions>());
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
      const { UserError } = await import('../../engine/errors.js');
      const { existsSync } = await import('node:fs');
      if (opts.freq !== 'Weekly' && opts.freq !== 'Hourly')
        throw new UserError(`bench m4: --freq must be Weekly or Hourly, got "${opts.freq}"`);
      if (!existsSync(`${opts.dir}/${opts.freq}-train.csv`))
        throw new UserError(`bench m4: ${opts.dir}/${opts.freq}-train.csv not found`);
      const { runM4 } = await import('../../models/forecast/m4-eval.js');
      const r = await runM4(opts.dir, opts.freq);
      const { emit, table } = await import('../output.js');
      emit(
        {
          freq: r.freq,
          series: r.series,
          sMAPE: r.sMAPE,
          MASE: r.MASE,
          OWA: r.OWA,
          owaRange: r.owaRange,
          seeds: r.seeds.map((x) => ({ seed: x.seed, OWA: x.OWA })),
          seconds: r.seconds,
          methods: r.methods,
        },
        opts.json,
        (v) =>
          table([
            ['sMAPE', v.sMAPE.toFixed(3)],
            ['MASE', v.MASE.toFixed(3)],
            ['OWA (mean over seeds)', v.OWA.toFixed(3)],
            ['OWA range', `${v.owaRange.min.toFixed(3)}–${v.owaRange.max.toFixed(3)}`],
            ['seconds', v.seconds.toFixed(1)],
          ]),
      );
    });
}

function fmt(x: number | undefined): string {
  return x === undefined ? '-' : x.toPrecision(6);
}
