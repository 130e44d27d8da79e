import type { Command } from 'commander';
import { type GlobalOptions, withEngine } from '../context.js';
import { UserError } from '../../engine/errors.js';

interface AskFlags {
  json?: boolean;
  lang?: string;
  as?: string;
  k: string;
}

/** `ibrain ask "<question>"`: a grounded answer with citations. The CLI runs as the operator unless --as names an enterprise. */
export function registerAskCommands(program: Command): void {
  program
    .command('ask <question>')
    .description('answer a question from the graph, the documents and the forecasts, with citations')
    .option('--lang <lang>', 'answer language: zh or en (default: the question’s)')
    .option('--as <principal>', 'answer as enterprise:<id> (public data plus that enterprise’s) or public')
    .option('--k <n>', 'documents to retrieve for policy questions', '5')
    .option('--json', 'print the whole result as JSON')
    .action(async (question: string, flags: AskFlags, cmd: Command) => {
      if (flags.lang && flags.lang !== 'zh' && flags.lang !== 'en')
        throw new UserError(`--lang must be zh or en, got ${flags.lang}`);
      const k = Number(flags.k);
      if (!Number.isInteger(k) || k < 1 || k > 50)
        throw new UserError(`--k must be a whole number from 1 to 50, got ${flags.k}`);
      const principal = principalOf(flags.as);
      const result = await withEngine(async (engine) => {
        const { askFor } = await import('../../engine/ask/index.js');
        return askFor(engine).ask(question, {
          principal,
          k,
          ...(flags.lang ? { lang: flags.lang as 'zh' | 'en' } : {}),
        });
      }, cmd.optsWithGlobals<GlobalOptions>());
      const { emit } = await import('../output.js');
      emit(result, flags.json, (r) =>
        [r.answer, '', ...r.citations.map((c) => `[${c.id}] ${c.source}: ${c.text}`)].join('\n').trimEnd(),
      );
    });
}

function principalOf(as: string | undefined): { id: string; grants: Array<'*' | `enterprise:${string}`> } {
  if (!as) return { id: 'cli', grants: ['*'] };
  if (as === 'public') return { id: 'cli-public', grants: [] };
  const match = /^enterprise:(\S+)$/.exec(as);
  if (!match) throw new UserError(`--as must be enterprise:<id> or public, got ${as}`);
  return { id: `cli-${as}`, grants: [`enterprise:${match[1]}`] };
}
