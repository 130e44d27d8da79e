import { join } from 'node:path';
import type { Member } from '../../models/forecast/ensemble.js';
import { M4_SPEC, type M4Result, runM4, type Score } from '../../models/forecast/m4-eval.js';
import { type Bench, report, sharedDataDir } from './bench.js';

/**
 * M4 Weekly and Hourly against the official figures, with the OWA targets.
 * `npm run bench -- m4 [--dir <m4 dir>] [--freq Weekly|Hourly] [--seeds 1,2,3] [--json]`.
 */
const TARGETS: Record<string, number> = { Weekly: 0.9, Hourly: 0.6 };

const OFFICIAL_NAMES: Partial<Record<Member, string>> = {
  naive: 'Naive',
  snaive: 'sNaive',
  naive2: 'Naive2',
  ses: 'SES',
  holt: 'Holt',
  damped: 'Damped',
  theta: 'Theta',
  com: 'Com',
};

function printTable(r: M4Result): void {
  const f = (x: number | undefined) => (x === undefined ? '     -' : x.toFixed(3).padStart(6));
  process.stdout.write(
    `\nM4 ${r.freq} (${r.series} series; ${r.outliers.values} suspected outliers in ${r.outliers.series} of them replaced before training): ours vs official\n`,
  );
  process.stdout.write(`  ${'method'.padEnd(10)}  sMAPE    MASE     OWA  | official sMAPE    MASE     OWA\n`);
  for (const [name, s] of Object.entries(r.methods) as Array<[Member | 'ensemble', Score]>) {
    const o = name === 'ensemble' ? undefined : r.official[OFFICIAL_NAMES[name as Member] ?? ''];
    process.stdout.write(
      `  ${name.padEnd(10)} ${f(s.sMAPE)}  ${f(s.MASE)}  ${f(s.OWA)}  |          ${f(o?.sMAPE)}  ${f(o?.MASE)}  ${f(o?.OWA)}\n`,
    );
  }
  for (const [name, o] of Object.entries(r.official)) {
    if (Object.values(OFFICIAL_NAMES).includes(name)) continue;
    process.stdout.write(
      `  ${name.slice(0, 34).padEnd(34)}|          ${f(o.sMAPE)}  ${f(o.MASE)}  ${f(o.OWA)}\n`,
    );
  }
  process.stdout.write(
    '  seeds (the chosen config trained with each; ensemble weights chosen on validation per seed):\n',
  );
  for (const run of r.seeds)
    process.stdout.write(
      `    seed ${run.seed}: ensemble OWA ${f(run.OWA)} (sMAPE ${f(run.sMAPE)}, MASE ${f(run.MASE)}), global OWA ${f(run.globalOWA)}, coverage ${(run.coverage80 * 100).toFixed(1)}% / ${(run.coverage95 * 100).toFixed(1)}%, weights ${JSON.stringify(run.ensemble)}, ${run.trainSeconds.toFixed(1)} s\n`,
    );
  process.stdout.write(
    '  config selection on seed 1 (validation = last horizon of each train series; objective = geometric mean of per-series ratios to Naive2):\n',
  );
  for (const t of r.selection.trials) {
    const mark = t.config === r.selection.chosen ? '*' : ' ';
    process.stdout.write(
      `   ${mark} ${t.stage.padEnd(12)} ${t.config.padEnd(52)} objective ${f(t.ensembleScore)}  ensemble OWA ${f(t.ensembleOWA)}  global OWA ${f(t.globalOWA)}  ${t.seconds.toFixed(1)} s\n`,
    );
  }
}

const bench: Bench = async (args) => {
  const flag = (name: string) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const shared = sharedDataDir();
  const dir = flag('--dir') ?? (shared ? join(shared, 'm4') : undefined);
  if (!dir) {
    process.stdout.write(
      'm4: skipped — ../shared/data/m4 not found (set IBRAIN_SHARED_DATA or pass --dir)\n',
    );
    return true;
  }
  const only = flag('--freq');
  const freqs = (only ? [only] : ['Weekly', 'Hourly']).filter((f): f is keyof typeof M4_SPEC => f in M4_SPEC);
  if (freqs.length === 0) {
    process.stderr.write(`m4: --freq must be Weekly or Hourly, got "${only}"\n`);
    return false;
  }
  const seedsFlag = flag('--seeds');
  const seeds = seedsFlag ? seedsFlag.split(',').map(Number) : [1, 2, 3];
  if (seeds.length === 0 || seeds.some((x) => !Number.isInteger(x) || x < 1)) {
    process.stderr.write(`m4: --seeds must be whole numbers from 1, e.g. 1,2,3; got "${seedsFlag}"\n`);
    return false;
  }
  const results: M4Result[] = [];
  for (const freq of freqs) results.push(await runM4(dir, freq, { seeds }));
  if (args.includes('--json')) {
    process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
  } else {
    results.forEach(printTable);
  }
  return report(
    'M4 targets (ensemble OWA)',
    results.flatMap((r) => [
      {
        label: `${r.freq} OWA, mean [range] over ${r.seeds.length} seeds`,
        value: `${r.OWA.toFixed(3)} [${r.owaRange.min.toFixed(3)}–${r.owaRange.max.toFixed(3)}]`,
        target: `≤ ${TARGETS[r.freq]}`,
        ok: r.owaRange.max <= TARGETS[r.freq]!,
      },
      { label: `${r.freq} sMAPE / MASE`, value: `${r.sMAPE.toFixed(3)} / ${r.MASE.toFixed(3)}` },
      {
        label: `${r.freq} 80% / 95% coverage`,
        value: `${(r.coverage80 * 100).toFixed(1)}% / ${(r.coverage95 * 100).toFixed(1)}%`,
      },
      {
        label: `${r.freq} seconds (config selection, seeds, forecasts)`,
        value: `${r.seconds.toFixed(1)} wall (selection and training ${r.trainSeconds.toFixed(1)})`,
      },
    ]),
  );
};

export default bench;
