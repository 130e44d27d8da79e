import type { Command } from 'commander';
import { type GlobalOptions, withEngine } from '../context.js';
import { UserError } from '../../engine/errors.js';
import { emit } from '../output.js';

interface IngestFlags {
  visibility?: string;
  maxMb: string;
  encoding?: string;
  json?: boolean;
}

interface SearchFlags {
  k: string;
  json?: boolean;
  mode: string;
  source?: string;
  type?: string;
  from?: string;
  to?: string;
  grants?: string;
}

const ENCODINGS = ['utf-8', 'gb18030', 'utf-16le', 'utf-16be'] as const;
const MODES = ['hybrid', 'bm25', 'dense'] as const;

function list(value: string | undefined): string[] | undefined {
  const items = value
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return items?.length ? items : undefined;
}

/** `ibrain ingest <paths...>`, `ibrain search "<query>"` and `ibrain index check`: the document index. */
export function registerRetrievalCommands(program: Command): void {
  program
    .command('ingest <paths...>')
    .description(
      'index documents (.txt .md .html .docx .pdf .json; directories recursively); unchanged files are skipped',
    )
    .option('--visibility <v>', 'public, industry or enterprise:<id> (overrides the documents’ own)')
    .option('--max-mb <n>', 'refuse files larger than this', '20')
    .option('--encoding <name>', `force a text encoding (${ENCODINGS.join(', ')}); detected by default`)
    .option('--json', 'print the summary as JSON')
    .action(async (paths: string[], flags: IngestFlags, cmd: Command) => {
      const maxMb = Number(flags.maxMb);
      if (!(maxMb > 0)) throw new UserError(`--max-mb must be a positive number, got ${flags.maxMb}`);
      const encoding = flags.encoding?.toLowerCase();
      if (encoding && !(ENCODINGS as readonly string[]).includes(encoding)) {
        throw new UserError(`--encoding must be one of ${ENCODINGS.join(', ')}, got ${flags.encoding}`);
      }
      const summary = await withEngine(async (engine) => {
        const [{ retrievalFor }, { progressBar }, { auditedWrite, auditVisibilityChanges }] =
          await Promise.all([
            import('../../engine/retrieval.js'),
            import('../progress.js'),
            import('../../engine/audited-writes.js'),
          ]);
        const index = await retrievalFor(engine);
        let bar: import('../progress.js').Progress | undefined;
        const result = await auditedWrite(
          engine.state.audit,
          { action: 'ingest', target: paths.join(' '), detail: { visibility: flags.visibility ?? null } },
          () =>
            index.ingestPaths(paths, {
              ...(flags.visibility ? { visibility: flags.visibility } : {}),
              maxBytes: Math.round(maxMb * 1024 * 1024),
              ...(encoding ? { encoding: encoding as (typeof ENCODINGS)[number] } : {}),
              onFile: (r, i, total) => {
                bar ??= progressBar('ingest', total);
                bar.update(i + 1, r.file.split('/').pop());
                if (r.status === 'failed') process.stderr.write(`\r\x1b[2Kibrain: ${r.message}\n`);
              },
            }),
          (s) => ({
            files: s.files,
            added: s.added,
            updated: s.updated,
            unchanged: s.unchanged,
            duplicate: s.duplicate,
            failed: s.failed,
            documents: s.results.flatMap((r) =>
              r.docId && (r.status === 'added' || r.status === 'updated')
                ? [{ docId: r.docId, file: r.file, status: r.status }]
                : [],
            ),
          }),
        );
        await auditVisibilityChanges(engine.state.audit, result.visibilityChanges, {
          cause: 'ingest',
          target: paths.join(' '),
        });
        bar?.finish();
        return result;
      }, cmd.optsWithGlobals<GlobalOptions>());
      emit(summary, flags.json, (s) =>
        [
          `${s.files} files: ${s.added} added, ${s.updated} updated, ${s.unchanged} unchanged, ${s.duplicate} duplicate, ${s.failed} failed`,
          `${s.chunks} chunks, ${s.chars.toLocaleString()} characters indexed`,
          ...s.results.filter((r) => r.status === 'failed').map((r) => `  failed: ${r.message}`),
        ].join('\n'),
      );
      if (summary.failed > 0) process.exitCode = 2;
    });

  program
    .command('search <query>')
    .description('hybrid search (BM25 + embeddings + entity boost) over ingested documents')
    .option('--k <n>', 'number of hits', '10')
    .option('--mode <mode>', `${MODES.join(', ')}`, 'hybrid')
    .option('--source <names>', 'only these file names, comma-separated')
    .option('--type <formats>', 'only these formats (txt, md, html, docx, pdf, json), comma-separated')
    .option('--from <date>', 'documents dated on or after YYYY-MM-DD')
    .option('--to <date>', 'documents dated on or before YYYY-MM-DD')
    .option(
      '--grants <list>',
      'search as a principal holding only these grants (e.g. enterprise:601127; "public" for none)',
    )
    .option('--json', 'print hits as JSON')
    .action(async (query: string, flags: SearchFlags, cmd: Command) => {
      const k = Number(flags.k);
      if (!Number.isInteger(k) || k < 1 || k > 1000)
        throw new UserError(`--k must be a whole number from 1 to 1000, got ${flags.k}`);
      if (!(MODES as readonly string[]).includes(flags.mode))
        throw new UserError(`--mode must be one of ${MODES.join(', ')}`);
      for (const [name, value] of [
        ['--from', flags.from],
        ['--to', flags.to],
      ] as const) {
        if (value && !/^\d{4}-\d{2}-\d{2}$/.test(value))
          throw new UserError(`${name} must be a date YYYY-MM-DD, got ${value}`);
      }
      const grants = list(flags.grants)?.filter((g) => g !== 'public');
      const hits = await withEngine(async (engine) => {
        const [{ retrievalFor }, { PrincipalSchema }] = await Promise.all([
          import('../../engine/retrieval.js'),
          import('../../knowledge-graph/schema/visibility.js'),
        ]);
        const parsed = PrincipalSchema.safeParse({ id: 'cli', grants: grants ?? ['*'] });
        if (!parsed.success)
          throw new UserError(
            `--grants: ${parsed.error.issues[0]?.message}; use public, industry or enterprise:<id>`,
          );
        const index = await retrievalFor(engine);
        const sources = list(flags.source);
        const types = list(flags.type);
        return index.search(query, {
          principal: parsed.data,
          k,
          mode: flags.mode as (typeof MODES)[number],
          ...(sources ? { sources } : {}),
          ...(types ? { types } : {}),
          ...(flags.from ? { dateFrom: flags.from } : {}),
          ...(flags.to ? { dateTo: flags.to } : {}),
        });
      }, cmd.optsWithGlobals<GlobalOptions>());
      emit(hits, flags.json, (hs) =>
        hs.length === 0
          ? 'no hits'
          : hs
              .map(
                (h, i) =>
                  `${i + 1}. ${h.source}  ${h.section.slice(1).join(' › ') || h.title}  [${h.score.toFixed(4)}]\n   ${h.snippet.replace(/\s+/g, ' ')}`,
              )
              .join('\n'),
      );
    });

  program
    .command('index')
    .description('the document index itself')
    .command('check')
    .description(
      'check that every document is whole: chunks, postings and BM25 statistics agree, and every chunk has its vector',
    )
    .option('--json', 'print the report as JSON')
    .action(async (flags: { json?: boolean }, cmd: Command) => {
      const report = await withEngine(async (engine) => {
        const { retrievalFor } = await import('../../engine/retrieval.js');
        return (await retrievalFor(engine)).check();
      }, cmd.optsWithGlobals<GlobalOptions>());
      emit(report, flags.json, (r) =>
        [
          `${r.documents} documents, ${r.chunks} chunks, ${r.vectors} vectors`,
          r.problems.length ? r.problems.map((p) => `  problem: ${p}`).join('\n') : 'index ok',
        ].join('\n'),
      );
      if (report.problems.length) process.exitCode = 2;
    });
}
