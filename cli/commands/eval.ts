import type { Command } from 'commander';
import type { ItemError } from '../../evals/dataset/load.js';
import type { EvalItem } from '../../evals/dataset/schema.js';
import type { Judge } from '../../evals/metrics/judge.js';
import type { ScoreResult } from '../../evals/score.js';
import type { JudgeSummary } from '../../evals/summary.js';
import { type GlobalOptions, withEngine } from '../context.js';
import { UserError } from '../../engine/errors.js';
import { emit, table } from '../output.js';

interface RunFlags {
  json?: boolean;
  out?: string;
  split?: string;
  limit?: string;
  judge?: boolean;
}

interface ScoreFlags {
  input: string;
  json?: boolean;
  out?: string;
  judge?: boolean;
}

const JUDGE_HELP =
  'also score each answer with the configured LLM (LLM_PROVIDER…), beside the offline metrics';

/**
 * The judge grades with the user's configured LLM even when the suite runs on a fresh offline
 * engine, so it is built from the user's config, and before any work: a missing LLM fails fast.
 */
async function judgeFor(globals: GlobalOptions): Promise<Judge> {
  const [{ loadConfig }, { judgeFromConfig }] = await Promise.all([
    import('../../engine/config/load.js'),
    import('../../evals/llm-judge.js'),
  ]);
  return judgeFromConfig(loadConfig({ file: globals.config }).llm);
}

/** `ibrain eval run <suite>` and `ibrain eval score --input items.jsonl`: evaluation suites and scoring. */
export function registerEvalCommands(program: Command): void {
  const evalCmd = program
    .command('eval')
    .description('evaluation: run a suite through the engine, or score given answers');

  evalCmd
    .command('run <suite>')
    .description(
      'run the engine over a suite (demo, demo-retrieval, qa-demo, retrieval, qa) and score its answers',
    )
    .option('--json', 'print {items: [{id, scores}], summary} as JSON')
    .option('--out <file>', 'also write a self-contained HTML report')
    .option('--split <tag>', 'only items with this tag (e.g. heldout, ci)')
    .option('--limit <n>', 'only the first n items')
    .option('--judge', JUDGE_HELP)
    .action(async (name: string, flags: RunFlags, cmd: Command) => {
      const limit = flags.limit === undefined ? undefined : Number(flags.limit);
      if (limit !== undefined && !(Number.isInteger(limit) && limit > 0)) {
        throw new UserError(`--limit must be a positive integer, got ${flags.limit}`);
      }
      const [{ runSuite, suiteNamed }, { withSuiteEngine }] = await Promise.all([
        import('../../evals/runner.js'),
        import('../../evals/prepare.js'),
      ]);
      const suite = suiteNamed(name);
      const globals = cmd.optsWithGlobals<GlobalOptions>();
      const judge = flags.judge ? await judgeFor(globals) : undefined;
      const run = await withSuiteEngine(
        suite,
        (engine) =>
          runSuite(
            engine,
            suite,
            { ...(flags.split ? { split: flags.split } : {}), ...(limit ? { limit } : {}) },
            {
              ...(judge ? { judge } : {}),
              onItem: (done, total) => process.stderr.write(`\r${suite.name}: ${done}/${total}`),
            },
          ),
        (fn) => withEngine(fn, globals),
      );
      process.stderr.write('\n');
      await writeOutputs(run.answered, run, run.skipped, flags, `eval ${suite.name}`, suite.name);
    });

  evalCmd
    .command('score')
    .description(
      'score given answers (JSON lines of {id, question, reference?, answer?, contexts?, citations?, tags}) without running the engine',
    )
    .requiredOption('--input <file>', 'the items, one JSON object per line')
    .option('--json', 'print {items: [{id, scores}], summary} as JSON')
    .option('--out <file>', 'also write a self-contained HTML report')
    .option('--judge', JUDGE_HELP)
    .action(async (flags: ScoreFlags, cmd: Command) => {
      const { existsSync } = await import('node:fs');
      if (!existsSync(flags.input)) throw new UserError(`--input ${flags.input} does not exist`);
      const judge = flags.judge ? await judgeFor(cmd.optsWithGlobals<GlobalOptions>()) : undefined;
      const [{ loadItems }, { scoreItems }] = await Promise.all([
        import('../../evals/dataset/load.js'),
        import('../../evals/score.js'),
      ]);
      const { items, errors } = await loadItems(flags.input);
      for (const e of errors)
        process.stderr.write(`ibrain: ${flags.input}:${e.line}: skipped: ${e.message}\n`);
      if (items.length === 0)
        throw new UserError(`${flags.input} holds no valid items (${errors.length} lines skipped)`);
      const result = await scoreItems(items, {}, judge);
      await writeOutputs(items, result, errors, flags, `eval score ${flags.input}`);
    });
}

async function writeOutputs(
  items: readonly EvalItem[],
  result: ScoreResult,
  skipped: readonly ItemError[],
  flags: { json?: boolean; out?: string },
  title: string,
  suite?: string,
): Promise<void> {
  const [{ jsonReport }, { renderHtml }, { writeFileSync }] = await Promise.all([
    import('../../evals/report/json.js'),
    import('../../evals/report/html.js'),
    import('node:fs'),
  ]);
  if (flags.out) writeFileSync(flags.out, renderHtml({ title, items, result, skipped }));
  emit(jsonReport(result, skipped, suite), flags.json, (r) =>
    [
      `${r.summary.count} items scored${r.skipped.length ? `, ${r.skipped.length} lines skipped` : ''}`,
      table(
        Object.entries(r.summary.metrics).map(([metric, mean]) => [
          metric,
          `${mean.toFixed(4)}  (n=${r.summary.n[metric]})`,
        ]),
      ),
      ...(r.summary.judge ? [judgeLine(r.summary.judge)] : []),
      ...(flags.out ? [`report written to ${flags.out}`] : []),
    ].join('\n'),
  );
}

function judgeLine(j: JudgeSummary): string {
  const mean = j.mean === null ? '–' : j.mean.toFixed(4);
  const tokens = j.usage ? `; ${j.usage.inputTokens} input + ${j.usage.outputTokens} output tokens` : '';
  const failed = j.failed ? `; ${j.failed} calls failed (${j.error})` : '';
  return `LLM judge${j.model ? ` ${j.model}` : ''}: ${mean}  (scored ${j.scored} of ${j.asked} answered${failed}${tokens})`;
}
