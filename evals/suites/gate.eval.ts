import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AskUnavailableError } from '../answerers.js';
import { report, sharedDataDir } from '../bench/bench.js';
import { devSetPath, loadDevSet } from '../dev/dataset.js';
import { runDevItems } from '../dev/run.js';
import { GATE_SUBSET } from '../dev/subset.js';
import type { Runnable } from '../dispatch.js';
import { type Baseline, BaselineSchema, baselineOf, compare } from '../gate.js';
import { withSuiteEngine } from '../prepare.js';
import { runSuite, type SuiteRun, suiteNamed } from '../runner.js';

/**
 * The CI eval gate: runs the fast suites over the shipped demo data (no ../shared needed) on
 * their `ci` items and fails when a headline metric falls more than the baseline's margin below
 * evals/baselines/ci.json, naming the questions that regressed. Suites that need the ask engine
 * are skipped, saying so, while the build has none; with ../shared beside the project, a sample of
 * the independent development set is gated too. `--update` rewrites the baseline from this run.
 */
const GATED = ['demo-retrieval', 'demo'] as const;
const DEV_SUITE = 'dev-subset';
const SPLIT = 'ci';
const DEFAULT_MARGIN = 0.02;
const BASELINE = join(dirname(fileURLToPath(import.meta.url)), '..', 'baselines', 'ci.json');
/** Regressed questions printed per suite; the rest are counted. */
const SHOW = 30;

const run: Runnable = async (args) => {
  const update = args.includes('--update');
  const baseline: Baseline = existsSync(BASELINE)
    ? BaselineSchema.parse(JSON.parse(readFileSync(BASELINE, 'utf8')))
    : { margin: DEFAULT_MARGIN, suites: {} };
  const next: Baseline = { margin: baseline.margin, suites: {} };
  let ok = true;
  for (const name of GATED) {
    const suite = suiteNamed(name);
    let result: SuiteRun;
    try {
      result = await withSuiteEngine(suite, (engine) => runSuite(engine, suite, { split: SPLIT }));
    } catch (error) {
      if (!(error instanceof AskUnavailableError)) throw error;
      process.stdout.write(`\n${name}: skipped, ${error.message}\n`);
      const kept = baseline.suites[name];
      if (kept) next.suites[name] = kept;
      continue;
    }
    if (result.skipped.length) {
      for (const e of result.skipped)
        process.stdout.write(`  ${name} dataset line ${e.line}: ${e.message}\n`);
      ok = false;
    }
    next.suites[name] = baselineOf(result);
    if (update) {
      process.stdout.write(
        `\n${name}: ${result.items.length} items in ${result.seconds} s, baseline recorded\n`,
      );
      continue;
    }
    ok = gateSuite(name, result, baseline) && ok;
  }
  ok = (await gateDevSubset(baseline, next, update)) && ok;
  if (update) writeFileSync(BASELINE, `${JSON.stringify(next, null, 2)}\n`);
  return ok;
};

/**
 * A fixed sample of the independent development set (every eighth item, all kinds and datasets)
 * through the offline ask path: a drop in how well the answer layer generalises fails CI, naming
 * the questions it now gets wrong. Needs ../shared; without it, says so and passes.
 */
async function gateDevSubset(baseline: Baseline, next: Baseline, update: boolean): Promise<boolean> {
  const shared = sharedDataDir();
  const path = devSetPath(shared);
  const kept = baseline.suites[DEV_SUITE];
  if (!shared || !path) {
    process.stdout.write(`\n${DEV_SUITE}: skipped, ../shared/evals/qa-dev.jsonl is absent\n`);
    if (kept) next.suites[DEV_SUITE] = kept;
    return true;
  }
  const subset = new Set(GATE_SUBSET);
  const started = performance.now();
  const outcomes = await runDevItems(
    shared,
    loadDevSet(path).filter((i) => subset.has(i.id)),
  );
  const passed = outcomes.filter((o) => o.verdict.pass).length;
  const rate = outcomes.length ? passed / outcomes.length : 0;
  next.suites[DEV_SUITE] = {
    count: outcomes.length,
    metrics: { pass_rate: Math.round(rate * 1e4) / 1e4 },
    items: Object.fromEntries(outcomes.map((o) => [o.item.id, { pass: o.verdict.pass ? 1 : 0 }])),
  };
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  if (update) {
    process.stdout.write(`\n${DEV_SUITE}: ${outcomes.length} items in ${seconds} s, baseline recorded\n`);
    return true;
  }
  if (!kept) {
    process.stdout.write(
      `\n${DEV_SUITE}: NOT GATED, no baseline in ${BASELINE}; run \`npm run eval -- gate --update\`\n`,
    );
    return true;
  }
  const before = kept.metrics.pass_rate ?? 0;
  const held = report(`eval gate: ${DEV_SUITE}, ${outcomes.length} items in ${seconds} s`, [
    {
      label: 'pass_rate',
      value: `${rate.toFixed(4)} (baseline ${before.toFixed(4)})`,
      target: `≥ ${(before - baseline.margin).toFixed(4)}`,
      ok: rate >= before - baseline.margin,
    },
  ]);
  const regressed = outcomes.filter((o) => !o.verdict.pass && kept.items[o.item.id]?.pass === 1);
  if (regressed.length) process.stdout.write(`  now failing (${regressed.length}):\n`);
  for (const o of regressed.slice(0, SHOW))
    process.stdout.write(`    ${o.item.id} [${o.item.kind}] ${o.item.question}: ${o.verdict.reason}\n`);
  return held;
}

function gateSuite(name: string, result: SuiteRun, baseline: Baseline): boolean {
  const before = baseline.suites[name];
  if (!before) {
    process.stdout.write(
      `\n${name}: NOT GATED, no baseline in ${BASELINE}; run \`npm run eval -- gate --update\` and commit it\n`,
    );
    return true;
  }
  const outcome = compare(result, before, baseline.margin);
  const rows = Object.entries(before.metrics).map(([metric, value]) => {
    const now = result.summary.metrics[metric];
    const drop = outcome.drops.some((d) => d.metric === metric);
    return {
      label: metric,
      value: `${now === undefined ? '–' : now.toFixed(4)} (baseline ${value.toFixed(4)})`,
      target: `≥ ${(value - baseline.margin).toFixed(4)}`,
      ok: !drop,
    };
  });
  const held = report(
    `eval gate: ${name}, ${result.items.length} ${SPLIT} items in ${result.seconds} s`,
    rows,
  );
  for (const metric of outcome.ungated)
    process.stdout.write(`  ${metric}: not in the baseline, not gated (run with --update)\n`);
  if (!held) {
    process.stdout.write(`  regressed questions (${outcome.regressed.length}):\n`);
    for (const r of outcome.regressed.slice(0, SHOW)) {
      process.stdout.write(
        `    ${r.id}  ${r.metric} ${r.baseline.toFixed(3)} → ${r.current === null ? 'none' : r.current.toFixed(3)}\n`,
      );
    }
    if (outcome.regressed.length > SHOW)
      process.stdout.write(`    … ${outcome.regressed.length - SHOW} more\n`);
  }
  return held;
}

export default run;
