export type { Runnable as Bench } from '../dispatch.js';

export { sharedDataDir } from '../../engine/paths.js';

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index]!;
}

/** Prints `label  value  target  ok` rows and returns whether all targets held. */
export function report(
  title: string,
  rows: ReadonlyArray<{ label: string; value: string; ok?: boolean; target?: string }>,
): boolean {
  process.stdout.write(`\n${title}\n`);
  const width = Math.max(...rows.map((r) => r.label.length));
  for (const row of rows) {
    const verdict = row.ok === undefined ? '' : row.ok ? '  ok' : '  MISSED';
    const target = row.target ? `  (target ${row.target})` : '';
    process.stdout.write(`  ${row.label.padEnd(width)}  ${row.value}${target}${verdict}\n`);
  }
  return rows.every((r) => r.ok !== false);
}
