import type { Command } from 'commander';
import { type GlobalOptions, withEngine } from '../context.js';
import { UserError } from '../../engine/errors.js';
import { emit } from '../output.js';

/** The CLI runs as the local operator; the API passes each caller's principal instead. */
const OPERATOR = { id: 'cli', grants: ['*'] as '*'[] };

function wholeNumber(flag: string, name: string, min: number, max: number): number {
  const n = Number(flag);
  if (!Number.isInteger(n) || n < min || n > max)
    throw new UserError(`${name} must be a whole number from ${min} to ${max}, got ${flag}`);
  return n;
}

const collect = (value: string, previous: string[]): string[] => [...previous, value];
const fixed = (x: number, digits = 1): string => x.toFixed(digits);

/** `ibrain risk`, `scenario`, `gaps`, `alternatives` and `brief`: supply-risk analysis of the chain. */
export function registerRiskCommands(program: Command): void {
  program
    .command('risk')
    .description('supply-risk score (0–100) of a product, enterprise, industry or region, factor by factor')
    .requiredOption('--scope <scope>', 'product:<name>, enterprise:<name>, industry:<name> or region:<name>')
    .option('--tiers <n>', 'downstream tiers counted for criticality', '3')
    .option('--lang <lang>', 'language of explanations: zh or en', 'zh')
    .option('--json', 'print JSON')
    .action(async (flags: { scope: string; tiers: string; lang: string; json?: boolean }, cmd: Command) => {
      const lang = langOf(flags.lang);
      const tiers = wholeNumber(flags.tiers, '--tiers', 1, 10);
      const { riskReport } = await import('../../engine/risk/service.js');
      const report = await withEngine(
        (engine) => riskReport(engine, flags.scope, OPERATOR, { tiers }),
        cmd.optsWithGlobals<GlobalOptions>(),
      );
      emit(report, flags.json, (r) =>
        [
          `${r.scope.name} (${r.scope.id}): risk ${fixed(r.score)} / 100 (${r.level})`,
          ...r.factors.map(
            (f) =>
              `  ${fixed(f.contribution).padStart(5)}  ${f.label[lang]}: ${f.explanation[lang]}\n         evidence: ${f.evidence.slice(0, 3).join(', ') || '-'}`,
          ),
          ...r.omitted.map((o) => `      -  ${o.name}: ${o.reason[lang]}`),
          ...(r.products.length
            ? ['riskiest products:', ...r.products.map((p) => `  ${fixed(p.score).padStart(5)}  ${p.name}`)]
            : []),
          ...r.notes.map((n) => `note: ${n[lang]}`),
        ].join('\n'),
      );
    });

  program
    .command('scenario')
    .description('propagate what-if shocks downstream through the chain')
    .option(
      '--shock <spec>',
      'price:<product>:±x%, remove:enterprise:<name>, remove:region:<name>, capacity:<product>:-x%, capacity:enterprise:<name>:-x% (repeatable)',
      collect,
      [],
    )
    .option('--limit <n>', 'at most this many products and enterprises', '30')
    .option('--lang <lang>', 'language of notes: zh or en', 'zh')
    .option('--json', 'print JSON')
    .action(async (flags: { shock: string[]; limit: string; lang: string; json?: boolean }, cmd: Command) => {
      const lang = langOf(flags.lang);
      const limit = wholeNumber(flags.limit, '--limit', 1, 100_000);
      const { parseShocks, scenarioReport } = await import('../../engine/scenario/service.js');
      const shocks = parseShocks(flags.shock);
      const result = await withEngine(
        (engine) => scenarioReport(engine, shocks, OPERATOR, limit),
        cmd.optsWithGlobals<GlobalOptions>(),
      );
      emit(result, flags.json, (r) =>
        [
          `shocks: ${r.shocks.map((s) => s.description).join('; ')}`,
          `${r.totals.productsAffected} product(s) and ${r.totals.enterprisesAffected} enterprise(s) affected`,
          'products (price %, supply lost %, path):',
          ...r.products.map(
            (p) =>
              `  ${fixed(p.priceChangePct, 2).padStart(7)} ${fixed(p.supplyLossPct, 2).padStart(7)}  ${p.name}  ← ${p.path.join(' → ')}`,
          ),
          'enterprises (price exposure %, supply exposure %):',
          ...r.enterprises.map(
            (e) =>
              `  ${fixed(e.priceExposurePct, 2).padStart(7)} ${fixed(e.supplyExposurePct, 2).padStart(7)}  ${e.name} (${e.products.slice(0, 3).join(', ')})`,
          ),
          ...r.notes.map((n) => `note: ${n[lang]}`),
        ].join('\n'),
      );
    });

  program
    .command('gaps')
    .description(
      'chain gaps of a region (补链招商): inputs with few local producers, and who makes them elsewhere',
    )
    .requiredOption('--region <name>', 'region name')
    .requiredOption('--chain <product>', 'the chain’s end product')
    .option('--tiers <n>', 'input tiers above the product to inspect', '3')
    .option('--max-local <n>', 'an input with at most this many local producers is a gap', '1')
    .option('--lang <lang>', 'language of notes: zh or en', 'zh')
    .option('--json', 'print JSON')
    .action(
      async (
        flags: {
          region: string;
          chain: string;
          tiers: string;
          maxLocal: string;
          lang: string;
          json?: boolean;
        },
        cmd: Command,
      ) => {
        const lang = langOf(flags.lang);
        const options = {
          tiers: wholeNumber(flags.tiers, '--tiers', 1, 10),
          maxLocal: wholeNumber(flags.maxLocal, '--max-local', 0, 1_000),
        };
        const { gapReport } = await import('../../engine/gaps/service.js');
        const report = await withEngine(
          (engine) => gapReport(engine, flags.region, flags.chain, OPERATOR, options),
          cmd.optsWithGlobals<GlobalOptions>(),
        );
        emit(report, flags.json, (r) =>
          [
            `${r.region.name} × ${r.chain.name}: ${r.gaps.length} gap(s) among ${r.inputs} input(s) within ${r.tiers} tier(s)`,
            ...r.gaps.map(
              (x) =>
                `  ${fixed(x.criticality * 100, 0).padStart(3)}  ${x.name} (tier ${x.tier}, ${x.localProducers} local / ${x.outsideProducers} elsewhere)${x.candidates.length ? `\n       candidates: ${x.candidates.map((c) => `${c.name}${c.province ? `·${c.province}` : ''}`).join(', ')}` : ''}`,
            ),
            ...r.notes.map((n) => `note: ${n[lang]}`),
          ].join('\n'),
        );
      },
    );

  program
    .command('alternatives')
    .description('alternative producers of a product, ranked by fit (for a buying enterprise with --for)')
    .requiredOption('--product <name>', 'product name')
    .option('--for <enterprise>', 'the enterprise that buys the product')
    .option('--lang <lang>', 'language of notes: zh or en', 'zh')
    .option('--json', 'print JSON')
    .action(async (flags: { product: string; for?: string; lang: string; json?: boolean }, cmd: Command) => {
      const lang = langOf(flags.lang);
      const { alternativesReport } = await import('../../engine/gaps/service.js');
      const report = await withEngine(
        (engine) => alternativesReport(engine, flags.product, flags.for, OPERATOR),
        cmd.optsWithGlobals<GlobalOptions>(),
      );
      emit(report, flags.json, (r) =>
        [
          `alternative producers of ${r.product.name}${r.for ? ` for ${r.for.name}` : ''}: ${r.alternatives.length}`,
          ...r.alternatives.map(
            (a) =>
              `  ${fixed(a.fit * 100, 0).padStart(3)}  ${a.name}${a.province ? ` (${a.province})` : ''}  ${Object.entries(
                a.components,
              )
                .map(([k, v]) => `${k} ${fixed(v, 2)}`)
                .join(', ')}`,
          ),
          ...r.notes.map((n) => `note: ${n[lang]}`),
        ].join('\n'),
      );
    });

  program
    .command('brief')
    .description(
      'risk briefing (Markdown, HTML or Word) with ranked risks, outlooks, a dependency map and policies',
    )
    .requiredOption('--scope <scope>', 'product:<name>, enterprise:<name>, industry:<name> or region:<name>')
    .requiredOption('--out <file>', 'where to write the briefing')
    .option('--format <format>', 'md, html or docx (default: from the --out extension)')
    .option('--lang <lang>', 'zh or en', 'zh')
    .option('--json', 'print a JSON summary')
    .action(
      async (
        flags: { scope: string; out: string; format?: string; lang: string; json?: boolean },
        cmd: Command,
      ) => {
        const lang = langOf(flags.lang);
        const format = formatOf(flags.format ?? flags.out.split('.').pop() ?? '');
        const [{ writeBriefing }, { progressBar }] = await Promise.all([
          import('../../engine/briefing/service.js'),
          import('../progress.js'),
        ]);
        const bar = progressBar('brief', 100);
        const written = await withEngine(async (engine) => {
          try {
            return await writeBriefing(engine, flags.scope, { format, lang, out: flags.out }, OPERATOR, (p) =>
              bar.update(p.percent, p.stage),
            );
          } finally {
            bar.finish();
          }
        }, cmd.optsWithGlobals<GlobalOptions>());
        emit(written, flags.json, (w) => `wrote ${w.path} (${w.format}, ${w.bytes.toLocaleString()} bytes)`);
      },
    );
}

function langOf(flag: string): 'zh' | 'en' {
  if (flag !== 'zh' && flag !== 'en') throw new UserError(`--lang must be zh or en, got ${flag}`);
  return flag;
}

function formatOf(flag: string): 'md' | 'html' | 'docx' {
  if (flag === 'md' || flag === 'html' || flag === 'docx') return flag;
  throw new UserError(
    `--format must be md, html or docx (or give --out a .md, .html or .docx name), got "${flag}"`,
  );
}
