import type { Command } from 'commander';
import { type GlobalOptions, withEngine } from '../context.js';

/** `ibrain serve`, `ibrain keys …`, `ibrain audit verify`: the API and its security state. */
export function registerServeCommands(program: Command): void {
  program
    .command('serve')
    .description('serve the REST API, its OpenAPI document and the portal')
    .option('--port <port>', 'port to listen on (default server.port, 8080)')
    .option('--host <host>', 'address to listen on (default server.host, 127.0.0.1)')
    .option('--demo', 'load the demo chain on first run')
    .action(async (flags: { port?: string; host?: string; demo?: boolean }, cmd: Command) => {
      const { z } = await import('zod');
      const { UserError } = await import('../../engine/errors.js');
      const port = z.coerce.number().int().min(0).max(65_535).optional().safeParse(flags.port);
      if (!port.success)
        throw new UserError(`--port must be a whole number from 0 to 65535, got ${flags.port}`);
      await withEngine(async (engine) => {
        const [
          { demoLoaded, loadDemo },
          { cliActor, UNKEYED_AUDIT_WARNING },
          { sharedStateWarnings },
          { startServer },
          { provideEvals },
        ] = await Promise.all([
          import('../../engine/demo.js'),
          import('../../engine/security/index.js'),
          import('../../engine/config/shared.js'),
          import('../../api/server.js'),
          import('../../engine/evals-port.js'),
        ]);
        // The composition point: the one place engine code reaches into evals/, so api/ need not. Loaded
        // after the API, whose zod-openapi import must extend zod before any schema is built.
        const { evalService } = await import('../../evals/service.js');
        const say = (line: string) => process.stdout.write(`${line}\n`);
        if (flags.demo && !(await demoLoaded(engine))) {
          say('first run: loading the demo chain…');
          const { auditedWrite } = await import('../../engine/audited-writes.js');
          await auditedWrite(
            engine.state.audit,
            { action: 'init.demo' },
            () => loadDemo(engine, say),
            (r) => ({ steps: r.steps.map((s) => `${s.step}: ${s.detail}`) }),
          );
        }
        const keys = engine.state.keys;
        if ((await keys.count()) === 0) {
          const { key, record } = await keys.create({ role: 'admin', label: 'first run' });
          await engine.state.audit.append({
            actor: cliActor(),
            action: 'keys.create',
            target: `key:${record.id}`,
            outcome: 'ok',
            detail: { role: 'admin' },
          });
          say(`first run: created an admin API key; it is shown only this once:\n\n  ${key}\n`);
        }
        if (!engine.config.audit.key) process.stderr.write(`ibrain: warning: ${UNKEYED_AUDIT_WARNING}\n`);
        for (const warning of sharedStateWarnings(engine.config))
          process.stderr.write(`ibrain: warning: ${warning}\n`);
        provideEvals(engine, evalService(engine));
        const host = flags.host ?? engine.config.server.host;
        const server = await startServer(engine, { host, port: port.data ?? engine.config.server.port });
        say(
          `产业大脑 Industry Brain listening on ${server.url}  (portal ${server.url}/login, API docs ${server.url}/docs)`,
        );
        await new Promise<void>((resolve) => {
          const stop = () => resolve();
          process.once('SIGINT', stop);
          process.once('SIGTERM', stop);
        });
        say('shutting down…');
        await server.close();
      }, cmd.optsWithGlobals<GlobalOptions>());
    });

  const keys = program.command('keys').description('API keys');
  keys
    .command('create')
    .description('create an API key; the key is printed once and stored only as a hash')
    .requiredOption('--role <role>', 'admin, analyst, enterprise or evaluator')
    .option(
      '--enterprise <id>',
      'the enterprise an enterprise key belongs to (e.g. D0001 or enterprise:D0001)',
    )
    .option('--label <text>', 'a note to recognise the key by')
    .option('--json', 'print JSON {"key": …}')
    .action(
      async (flags: { role: string; enterprise?: string; label?: string; json?: boolean }, cmd: Command) => {
        const [{ UserError }, security, { SYSTEM_PRINCIPAL }] = await Promise.all([
          import('../../engine/errors.js'),
          import('../../engine/security/index.js'),
          import('../../knowledge-graph/schema/index.js'),
        ]);
        const role = security.RoleSchema.safeParse(flags.role);
        if (!role.success)
          throw new UserError(`--role must be ${security.ROLES.join(', ')}; got ${flags.role}`);
        await withEngine(async (engine) => {
          if (flags.enterprise) {
            const id = `enterprise:${security.normaliseEnterpriseId(flags.enterprise)}`;
            if (!(await engine.graph.getNode(id, SYSTEM_PRINCIPAL))) {
              throw new UserError(
                `no enterprise ${id} in the graph; check the id or import the data first`,
                'not-found',
              );
            }
          }
          const { key, record } = await engine.state.keys.create({
            role: role.data,
            enterpriseId: flags.enterprise,
            label: flags.label,
          });
          await engine.state.audit.append({
            actor: security.cliActor(),
            action: 'keys.create',
            target: `key:${record.id}`,
            outcome: 'ok',
            detail: { role: record.role, enterpriseId: record.enterpriseId },
          });
          process.stdout.write(
            flags.json
              ? `${JSON.stringify({ key, id: record.id, role: record.role, enterpriseId: record.enterpriseId })}\n`
              : `${key}\n(${record.role}${record.enterpriseId ? ` for enterprise:${record.enterpriseId}` : ''}, id ${record.id}; shown only once)\n`,
          );
        }, cmd.optsWithGlobals<GlobalOptions>());
      },
    );

  keys
    .command('list')
    .description('list keys (ids and roles; secrets are never stored)')
    .option('--json', 'print JSON')
    .action(async (flags: { json?: boolean }, cmd: Command) => {
      const { emit } = await import('../output.js');
      await withEngine(async (engine) => {
        emit(await engine.state.keys.list(), flags.json, (list) =>
          list.length === 0
            ? 'no keys yet; create one with `ibrain keys create --role admin`'
            : list
                .map(
                  (k) =>
                    `${k.id}  ${k.role.padEnd(10)} ${k.enterpriseId ?? '-'}  ${k.createdAt}${k.revokedAt ? `  revoked ${k.revokedAt}` : ''}${k.label ? `  ${k.label}` : ''}`,
                )
                .join('\n'),
        );
      }, cmd.optsWithGlobals<GlobalOptions>());
    });

  keys
    .command('revoke <id>')
    .description('revoke a key by its id')
    .action(async (id: string, _flags: unknown, cmd: Command) => {
      const [{ UserError }, { cliActor }] = await Promise.all([
        import('../../engine/errors.js'),
        import('../../engine/security/index.js'),
      ]);
      await withEngine(async (engine) => {
        if (!(await engine.state.keys.revoke(id)))
          throw new UserError(`no live key with id ${id}; see \`ibrain keys list\``, 'not-found');
        await engine.state.audit.append({
          actor: cliActor(),
          action: 'keys.revoke',
          target: `key:${id}`,
          outcome: 'ok',
        });
        process.stdout.write(`revoked ${id}\n`);
      }, cmd.optsWithGlobals<GlobalOptions>());
    });

  const audit = program.command('audit').description('the audit log of writes and denied accesses');
  audit
    .command('verify')
    .description(
      'check the audit log: its hash chain (an HMAC chain under IBRAIN_AUDIT_KEY), its head and every checkpoint file',
    )
    .option('--json', 'print JSON')
    .action(async (flags: { json?: boolean }, cmd: Command) => {
      const { UserError } = await import('../../engine/errors.js');
      const result = await withEngine(
        async (engine) => engine.state.audit.verify(),
        cmd.optsWithGlobals<GlobalOptions>(),
      );
      if (flags.json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
      else for (const w of result.warnings) process.stderr.write(`ibrain: warning: ${w}\n`);
      if (result.ok) {
        const files = Object.values(result.checkpoints).reduce((n, c) => n + c, 0);
        if (!flags.json)
          process.stdout.write(
            `audit log ok: ${result.entries} entries, chain intact, ${files} checkpoints agree\n`,
          );
        return;
      }
      if (!flags.json) for (const p of result.problems) process.stderr.write(`  ${p.problem}\n`);
      const more = result.problems.length > 1 ? ` (and ${result.problems.length - 1} more)` : '';
      throw new UserError(`audit log verification failed: ${result.problems[0]!.problem}${more}`);
    });
  audit
    .command('checkpoint')
    .description('verify the chain, then record its head in the checkpoint files now')
    .option('--json', 'print JSON')
    .action(async (flags: { json?: boolean }, cmd: Command) => {
      const [{ UserError }, { cliActor }, { emit }] = await Promise.all([
        import('../../engine/errors.js'),
        import('../../engine/security/index.js'),
        import('../output.js'),
      ]);
      const checkpoint = await withEngine(async (engine) => {
        const log = engine.state.audit;
        try {
          return await log.checkpointNow({ actor: cliActor(), action: 'audit.checkpoint', outcome: 'ok' });
        } catch (error) {
          throw new UserError((error as Error).message);
        }
      }, cmd.optsWithGlobals<GlobalOptions>());
      emit(
        checkpoint,
        flags.json,
        (c) => `checkpoint written: entry ${c.seq}${c.mac ? ', signed' : ', unsigned (no IBRAIN_AUDIT_KEY)'}`,
      );
    });
}
