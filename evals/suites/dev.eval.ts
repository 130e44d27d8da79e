import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { report, sharedDataDir } from '../bench/bench.js';
import { devSetPath, loadDevSet } from '../dev/dataset.js';
import { type DevOutcome, runDevItems } from '../dev/run.js';
import { GATE_SUBSET } from '../dev/subset.js';
import type { Runnable } from '../dispatch.js';

/**
 * The independent development set (../shared/evals/qa-dev.jsonl, written apart from this code)
 * through the offline ask path, scored by the set's own rule. Prints accuracy per category,
 * language and dataset, then the failures. It is a development set: tuning on it is allowed, and
 * it is not evidence of how the product does on questions nobody here has seen.
 *
 * `--set FILE` runs another set of the same format instead (evals/shadow/qa-shadow.jsonl, the
 * in-house set), reported without the development set's targets.
 *
 * Args: [--set FILE] [--kind K] [--dataset D] [--id dev-001,dev-002] [--subset gate] [--combined]
 *       [--fresh] [--answers] (print every answer) [--json FILE]
 */

const TARGETS = { overall: 0.9, kind: 0.8, lang: 0.85 } as const;

type Outcome = DevOutcome;

const flag = (args: string[], name: string) =>
  args.includes(name) ? args[args.indexOf(name) + 1] : undefined;

const run: Runnable = async (args) => {
  const shared = sharedDataDir();
  const other = flag(args, '--set');
  const path = other ?? devSetPath(shared);
  if (!shared || !path) {
    process.stdout.write(
      'dev eval: ../shared/data or ../shared/evals/qa-dev.jsonl is absent; nothing to measure\n',
    );
    return true;
  }
  const ids = flag(args, '--id')?.split(',');
  const kind = flag(args, '--kind');
  const only = flag(args, '--dataset');
  const subset = flag(args, '--subset') === 'gate' ? new Set(GATE_SUBSET) : undefined;
  const items = loadDevSet(path).filter(
    (i) =>
      (!ids || ids.includes(i.id)) &&
      (!kind || i.kind === kind) &&
      (!only || i.dataset === only) &&
      (!subset || subset.has(i.id)),
  );
  const combined = args.includes('--combined');
  const outcomes = await runDevItems(shared, items, {
    combined,
    fresh: args.includes('--fresh'),
    log: (line) => process.stdout.write(`${line}\n`),
  });

  if (args.includes('--answers'))
    for (const o of outcomes)
      process.stdout.write(
        `\n${o.verdict.pass ? 'PASS' : 'FAIL'} ${o.item.id} ${o.item.question}\n${o.answer}\n`,
      );
  const failures = outcomes.filter((o) => !o.verdict.pass);
  if (failures.length) process.stdout.write(`\nfailures (${failures.length}):\n`);
  for (const o of failures)
    process.stdout.write(
      `  ${o.item.id} [${o.item.kind}/${o.item.dataset}/${o.item.lang}] ${o.item.question}\n    ${o.verdict.reason}; want ${o.item.min_hits} of ${o.item.expect_any_of.slice(0, 6).join(' | ')}\n    got: ${o.answer.replace(/\s+/g, ' ').slice(0, 240)}\n`,
    );

  const rate = (os: readonly Outcome[]) =>
    os.length ? os.filter((o) => o.verdict.pass).length / os.length : 1;
  const cell = (os: readonly Outcome[]) =>
    `${os.filter((o) => o.verdict.pass).length}/${os.length} (${(100 * rate(os)).toFixed(1)}%)`;
  const groups = (key: (o: Outcome) => string) => {
    const by = new Map<string, Outcome[]>();
    for (const o of outcomes) by.set(key(o), [...(by.get(key(o)) ?? []), o]);
    return [...by].sort(([a], [b]) => a.localeCompare(b));
  };
  const full = !ids && !kind && !only && !subset && !other;
  const rows: Array<{ label: string; value: string; target?: string; ok?: boolean }> = [];
  for (const [k, os] of groups((o) => o.item.kind))
    rows.push({
      label: `kind ${k}`,
      value: cell(os),
      ...(full ? { target: '≥ 80%', ok: rate(os) >= TARGETS.kind } : {}),
    });
  for (const [l, os] of groups((o) => o.item.lang)) {
    const gated = full && (l === 'zh' || l === 'en');
    rows.push({
      label: `lang ${l}`,
      value: cell(os),
      ...(gated ? { target: '≥ 85%', ok: rate(os) >= TARGETS.lang } : {}),
    });
  }
  for (const [d, os] of groups((o) => o.item.dataset)) rows.push({ label: `data ${d}`, value: cell(os) });
  const ms = outcomes.map((o) => o.ms).sort((a, b) => a - b);
  rows.push({
    label: 'answer time',
    value: `median ${ms[Math.floor(ms.length / 2)]?.toFixed(0) ?? '-'} ms, max ${ms.at(-1)?.toFixed(0) ?? '-'} ms`,
  });
  rows.push({
    label: 'overall',
    value: cell(outcomes),
    ...(full ? { target: '≥ 90%', ok: rate(outcomes) >= TARGETS.overall } : {}),
  });
  const out = flag(args, '--json');
  if (out) {
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(
      out,
      JSON.stringify(
        outcomes.map((o) => ({
          id: o.item.id,
          pass: o.verdict.pass,
          reason: o.verdict.reason,
          answer: o.answer,
        })),
        null,
        1,
      ),
    );
  }
  return report(
    `dev eval (offline ask, ${outcomes.length} questions of ${other ?? '../shared/evals/qa-dev.jsonl'}${combined ? ', all data in one directory' : ', one directory per dataset'})`,
    rows,
  );
};

export default run;
