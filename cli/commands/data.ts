import type { Command } from 'commander';
import type { ImportSummary } from '../../knowledge-graph/import/report.js';
import { type GlobalOptions, withEngine } from '../context.js';
import { UserError } from '../../engine/errors.js';
import { emit, table } from '../output.js';
import { progressBar } from '../progress.js';

interface ImportFlags {
  dataset?: string;
  batchSize?: string;
  json?: boolean;
}

export function describeSummary(s: ImportSummary): string {
  const rows: Array<[string, string | number]> = [
    ['dataset', s.dataset],
    ['source', s.source],
    ['records read', s.read],
    ['nodes created / updated', `${s.written.nodesCreated} / ${s.written.nodesUpdated}`],
    ['edges created / updated', `${s.written.edgesCreated} / ${s.written.edgesUpdated}`],
    ...(s.written.visibilityChanges.length
      ? [['visibility changed (audited)', s.written.visibilityChanges.length] as [string, number]]
      : []),
    ['skipped', s.skipped],
    ...Object.entries(s.reasons).map(([reason, n]): [string, number] => [`  ${reason}`, n]),
    ['seconds', s.seconds],
  ];
  const rejects = s.rejects.slice(0, 5).map((r) => `  ${r.file}:${r.line}: ${r.reason}`);
  return [
    table(rows),
    ...s.notes.map((n) => `note: ${n}`),
    ...(rejects.length ? ['first rejects:', ...rejects] : []),
  ].join('\n');
}

function batchSize(flag: string | undefined): number | undefined {
  if (flag === undefined) return undefined;
  const n = Number(flag);
  if (!Number.isInteger(n) || n < 1 || n > 100_000)
    throw new UserError(`--batch-size must be a whole number from 1 to 100000, got ${flag}`);
  return n;
}

/** `ibrain import <kind> <path>`, `ibrain catalog` and `ibrain init --demo`. */
export function registerDataCommands(program: Command): void {
  const imp = program
    .command('import')
    .description('import a dataset into the knowledge graph (and series, documents)');
  const kinds: Array<[string, string, string]> = [
    ['chainkg', '<dir>', 'the chainkg industry-chain graph (company, industry, product JSON lines)'],
    ['ickg', '<dir>', 'the ICKG temporal graph (entity2id, relation2id, time2id, train/valid/test)'],
    ['jsonl', '<file>', 'your own nodes and edges as JSON lines (docs/import-format.md)'],
    ['csv', '<file>', 'your own nodes and edges as CSV with a header row (docs/import-format.md)'],
  ];
  for (const [kind, arg, description] of kinds) {
    imp
      .command(`${kind} ${arg}`)
      .description(description)
      .option('--dataset <name>', 'dataset name recorded in provenance and the catalog')
      .option('--batch-size <n>', 'records per transaction (default 5000)')
      .option('--json', 'print the summary as JSON')
      .action(async (path: string, flags: ImportFlags, cmd: Command) => {
        const [{ runGraphImport }, { auditedWrite, auditVisibilityChanges }] = await Promise.all([
          import('../../engine/imports.js'),
          import('../../engine/audited-writes.js'),
        ]);
        const size = batchSize(flags.batchSize);
        const summary = await withEngine(async (engine) => {
          const bar = progressBar(`import ${kind}`, undefined);
          try {
            const s = await auditedWrite(
              engine.state.audit,
              { action: `import.${kind}`, target: path, detail: { dataset: flags.dataset ?? null } },
              () =>
                runGraphImport(engine, kind as 'chainkg', path, {
                  dataset: flags.dataset,
                  batchSize: size,
                  onProgress: (e) => bar.update(e.done, e.phase),
                }),
              (r) => ({
                read: r.read,
                skipped: r.skipped,
                nodesCreated: r.written.nodesCreated,
                nodesUpdated: r.written.nodesUpdated,
                edgesCreated: r.written.edgesCreated,
                edgesUpdated: r.written.edgesUpdated,
                visibilityChanges: r.written.visibilityChanges.length,
              }),
            );
            await auditVisibilityChanges(engine.state.audit, s.written.visibilityChanges, {
              cause: `import.${kind}`,
              target: path,
            });
            return s;
          } finally {
            bar.finish();
          }
        }, cmd.optsWithGlobals<GlobalOptions>());
        emit(summary, flags.json, describeSummary);
      });
  }

  imp
    .command('prices <csv>')
    .description('a wide CSV of time series (Date, then one column per series; empty = missing)')
    .option('--dataset <name>', 'dataset name recorded in provenance and the catalog')
    .option('--kind <kind>', 'price, demand, output or other', 'price')
    .option('--unit <unit>', 'unit of every column')
    .option(
      '--series-meta <csv>',
      'a description of the columns (column,code,name_zh,unit,description), e.g. imf-series.csv',
    )
    .option('--json', 'print the summary as JSON')
    .action(
      async (
        path: string,
        flags: { dataset?: string; kind: string; unit?: string; seriesMeta?: string; json?: boolean },
        cmd: Command,
      ) => {
        const kinds = ['price', 'demand', 'output', 'other'] as const;
        const kind = kinds.find((k) => k === flags.kind);
        if (!kind) throw new UserError(`--kind must be one of ${kinds.join(', ')}, got ${flags.kind}`);
        const [{ runPricesImport }, { auditedWrite }] = await Promise.all([
          import('../../engine/series.js'),
          import('../../engine/audited-writes.js'),
        ]);
        const summary = await withEngine(
          (engine) =>
            auditedWrite(
              engine.state.audit,
              { action: 'import.prices', target: path, detail: { dataset: flags.dataset ?? null, kind } },
              () =>
                runPricesImport(engine, path, {
                  kind,
                  ...(flags.dataset ? { dataset: flags.dataset, source: flags.dataset } : {}),
                  ...(flags.unit ? { unit: flags.unit } : {}),
                  ...(flags.seriesMeta ? { seriesMeta: flags.seriesMeta } : {}),
                }),
              (r) => ({ series: r.series.length, points: r.read }),
            ),
          cmd.optsWithGlobals<GlobalOptions>(),
        );
        emit(summary, flags.json, describeSummary);
      },
    );

  program
    .command('catalog')
    .description('list every import recorded in the data catalog (数据编目)')
    .option('--json', 'print JSON')
    .action(async (flags: { json?: boolean }, cmd: Command) => {
      const entries = await withEngine(
        async (engine) => engine.state.catalog.list(),
        cmd.optsWithGlobals<GlobalOptions>(),
      );
      emit(entries, flags.json, (list) =>
        list.length === 0
          ? 'the catalog is empty; import a dataset first (ibrain import --help)'
          : list
              .map((e) => {
                const s = e.summary;
                const counts = s
                  ? `read ${s.read}, nodes +${s.written.nodesCreated}, edges +${s.written.edgesCreated}, skipped ${s.skipped}`
                  : (e.error ?? '');
                return `#${e.id} ${e.startedAt} ${e.status.padEnd(11)} ${e.kind.padEnd(8)} ${e.dataset}  ${counts}\n    ${e.source} ${e.contentHash.slice(0, 19)}`;
              })
              .join('\n'),
      );
    });

  program
    .command('init')
    .description('prepare the data directory; --demo loads the shipped demo chain')
    .option('--demo', 'load the demo dataset (graph, policy documents, series)')
    .option('--json', 'print JSON')
    .action(async (flags: { demo?: boolean; json?: boolean }, cmd: Command) => {
      const [{ loadDemo }, { auditedWrite }] = await Promise.all([
        import('../../engine/demo.js'),
        import('../../engine/audited-writes.js'),
      ]);
      const result = await withEngine(
        async (engine) =>
          flags.demo
            ? auditedWrite(
                engine.state.audit,
                { action: 'init.demo' },
                () => loadDemo(engine, (line) => process.stderr.write(`${line}\n`)),
                (r) => ({ steps: r.steps.map((s) => `${s.step}: ${s.detail}`) }),
              )
            : { steps: [] },
        cmd.optsWithGlobals<GlobalOptions>(),
      );
      emit(result, flags.json, (r) =>
        r.steps.length
          ? r.steps.map((s) => `${s.step}: ${s.detail}`).join('\n')
          : 'data directory ready; run `ibrain init --demo` to load the demo chain',
      );
    });
}
