import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Engine } from '../engine/container.js';
import { UserError } from '../engine/errors.js';
import type { Suite } from './catalog.js';

/**
 * Runs `fn` on an engine holding the suite's corpus: a fresh data directory loaded with the demo
 * data or the shared policies (so a score never depends on what a user's data directory holds),
 * or the configured engine `configured` opens for suites over whatever it holds.
 */
export async function withSuiteEngine<T>(
  suite: Suite,
  fn: (engine: Engine) => Promise<T>,
  configured?: <R>(fn: (engine: Engine) => Promise<R>) => Promise<R>,
): Promise<T> {
  if (suite.corpus === 'configured') {
    if (!configured) throw new UserError(`suite ${suite.name} runs on a configured engine; none was given`);
    return configured(fn);
  }
  const corpus = await corpusPath(suite);
  const [{ loadConfig }, { Engine: EngineClass }, { retrievalFor }] = await Promise.all([
    import('../engine/config/load.js'),
    import('../engine/container.js'),
    import('../engine/retrieval.js'),
  ]);
  const dir = mkdtempSync(join(tmpdir(), `ibrain-eval-${suite.name}-`));
  try {
    const engine = await EngineClass.open(loadConfig({ env: {}, overrides: { dataDir: dir } }));
    try {
      // ask links entities against the graph; search alone needs only the documents.
      if (suite.corpus === 'demo' && suite.mode === 'ask') {
        const { loadDemo } = await import('../engine/demo.js');
        await loadDemo(engine);
      }
      const summary = await (await retrievalFor(engine)).ingestPaths([corpus]);
      if (summary.failed > 0)
        throw new Error(`${summary.failed} corpus files of suite ${suite.name} failed to ingest`);
      return await fn(engine);
    } finally {
      await engine.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function corpusPath(suite: Suite): Promise<string> {
  if (suite.corpus === 'demo') {
    const { demoDataDir } = await import('../engine/paths.js');
    return join(demoDataDir(), 'policies');
  }
  const { sharedDataDir } = await import('./bench/bench.js');
  const shared = sharedDataDir();
  if (!shared)
    throw new UserError(
      `suite ${suite.name} needs ../shared/data (or $IBRAIN_SHARED_DATA), which is not present`,
    );
  return join(shared, 'policies');
}
