import type { Command } from 'commander';
import { type GlobalOptions, withEngine } from '../context.js';
import { UserError } from '../../engine/errors.js';
import { emit, table } from '../output.js';

const SYSTEM = { id: 'cli', grants: ['*'] as '*'[] };

function depthOf(flag: string): number {
  const n = Number(flag);
  if (!Number.isInteger(n)) throw new UserError(`--depth must be a whole number, got ${flag}`);
  return n;
}

/** `ibrain graph …`: entity, neighbours, upstream, downstream, path, stats. The CLI runs as the operator. */
export function registerGraphCommands(program: Command): void {
  const graph = program.command('graph').description('query the knowledge graph');
  const run = <T>(
    cmd: Command,
    fn: (
      views: typeof import('../../engine/graph-views.js'),
      engine: import('../../engine/container.js').Engine,
    ) => Promise<T>,
  ) =>
    withEngine(
      async (engine) => fn(await import('../../engine/graph-views.js'), engine),
      cmd.optsWithGlobals<GlobalOptions>(),
    );

  graph
    .command('entity <name>')
    .description(
      'one entity by name, alias, stock code or id, with its provenance, edge counts and (products) price series',
    )
    .option('--json', 'print JSON')
    .action(async (name: string, flags: { json?: boolean }, cmd: Command) => {
      const view = await run(cmd, (v, e) => v.entityWithPrices(e, name, SYSTEM));
      emit(view, flags.json, (n) =>
        table([
          ['id', n.id],
          ['type', n.type],
          ['name', n.name],
          ['aliases', n.aliases.join(', ') || '-'],
          ...Object.entries(n.props).map(([k, val]): [string, string] => [k, String(val)]),
          ['sources', n.sources.join(', ')],
          [
            'edges',
            Object.entries(n.edgeCounts)
              .map(([k, c]) => `${k} ${c}`)
              .join(', ') || '-',
          ],
          ...('sameName' in n && n.sameName
            ? [['same name', n.sameName.map((x) => `${x.type} ${x.id}`).join(', ')] as [string, string]]
            : []),
          ...('priceSeries' in n && n.priceSeries
            ? [
                [
                  'price series',
                  n.priceSeries
                    .map((p) => `${p.name}${p.nameZh ? ` ${p.nameZh}` : ''} (${p.method} ${p.confidence})`)
                    .join('; ') || '-',
                ] as [string, string],
              ]
            : []),
        ]),
      );
    });

  graph
    .command('neighbors <name>')
    .alias('neighbours')
    .description('the entities linked to one entity')
    .option('--rel <types>', 'edge types, comma-separated (e.g. PRODUCES,SUPPLIES)')
    .option('--dir <dir>', 'up (inputs, suppliers, producers), down, in, out or both', 'both')
    .option('--limit <n>', 'at most this many', '200')
    .option('--json', 'print JSON')
    .action(
      async (
        name: string,
        flags: { rel?: string; dir: string; limit: string; json?: boolean },
        cmd: Command,
      ) => {
        const view = await run(cmd, (v, e) =>
          v.neighboursView(
            e.graph,
            name,
            { rel: flags.rel, dir: flags.dir, limit: Number(flags.limit) },
            SYSTEM,
          ),
        );
        emit(view, flags.json, (r) =>
          [
            `${r.entity.name} (${r.entity.id}): ${r.total} neighbours`,
            ...r.neighbours.map(
              (n) =>
                `  ${n.direction === 'out' ? '→' : '←'} ${n.relation.padEnd(16)} ${n.node.name} (${n.node.id})`,
            ),
          ].join('\n'),
        );
      },
    );

  for (const direction of ['upstream', 'downstream'] as const) {
    graph
      .command(`${direction} <product>`)
      .description(
        direction === 'upstream'
          ? 'inputs of a product or industry, tier by tier'
          : 'what is made from a product or industry, tier by tier',
      )
      .option('--depth <n>', 'tiers to follow', '1')
      .option('--json', 'print JSON')
      .action(async (name: string, flags: { depth: string; json?: boolean }, cmd: Command) => {
        const view = await run(cmd, (v, e) =>
          v.chainView(e.graph, name, direction, depthOf(flags.depth), SYSTEM),
        );
        emit(view, flags.json, (r) =>
          [
            `${r.entity.name}: ${r.nodes.length} ${direction} within ${r.depth} tier(s)`,
            ...r.nodes.map(
              (n) =>
                `  ${'  '.repeat(n.depth - 1)}${n.depth}. ${n.name}${n.via.share !== undefined ? ` (share ${n.via.share})` : ''}`,
            ),
          ].join('\n'),
        );
      });
  }

  graph
    .command('path <a> <b>')
    .description('shortest paths between two entities')
    .option('--max-depth <n>', 'longest path to look for', '4')
    .option('--json', 'print JSON')
    .action(async (a: string, b: string, flags: { maxDepth: string; json?: boolean }, cmd: Command) => {
      const view = await run(cmd, (v, e) => v.pathView(e.graph, a, b, depthOf(flags.maxDepth), SYSTEM));
      emit(view, flags.json, (r) =>
        r.paths.length === 0
          ? `no path between ${r.from.name} and ${r.to.name} within the depth limit`
          : r.paths
              .map((p) =>
                p.nodes.map((n, i) => (i === 0 ? n.name : `-[${p.edges[i - 1]!.type}]- ${n.name}`)).join(' '),
              )
              .join('\n'),
      );
    });

  graph
    .command('stats')
    .description('node and edge counts by type')
    .option('--json', 'print JSON')
    .action(async (flags: { json?: boolean }, cmd: Command) => {
      const stats = await withEngine(
        (engine) => engine.graph.stats(SYSTEM),
        cmd.optsWithGlobals<GlobalOptions>(),
      );
      emit(stats, flags.json, (s) =>
        table([
          ['nodes', s.nodes],
          ...Object.entries(s.nodesByType).map(([k, n]): [string, number] => [`  ${k}`, n]),
          ['edges', s.edges],
          ...Object.entries(s.edgesByType).map(([k, n]): [string, number] => [`  ${k}`, n]),
        ]),
      );
    });
}
