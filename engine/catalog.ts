import { hostname } from 'node:os';
import { HEARTBEAT_MS, type ImportCatalog, type NewImport } from '../knowledge-graph/import/catalog.js';
import type { ImportSummary } from '../knowledge-graph/import/report.js';
import type { Engine } from './container.js';

/** The engine's data catalog: in its SQLite file, or in the shared PostgreSQL when `state.adapter` is postgres. */
export function catalogOf(engine: Engine): Promise<ImportCatalog> {
  return engine.service('catalog', async () => {
    if (engine.postgres) {
      const { PostgresCatalog } = await import('../knowledge-graph/import/catalog-postgres.js');
      return PostgresCatalog.open(engine.postgres, `${hostname()}:${process.pid}`);
    }
    const { SqliteCatalog } = await import('../knowledge-graph/import/catalog-sqlite.js');
    return new SqliteCatalog(engine.db);
  });
}

/**
 * Runs one import as a catalog entry: `running` with a heartbeat while `work` runs (so other
 * processes and replicas see it alive), then `summarize` of what it returned, or its error.
 */
export async function cataloged<T>(
  engine: Engine,
  entry: NewImport,
  work: () => Promise<T>,
  summarize: (result: T) => ImportSummary,
): Promise<T> {
  const catalog = await catalogOf(engine);
  const id = await catalog.start(entry);
  // A failed beat only risks the entry being shown interrupted; the import itself carries on.
  const heartbeat = setInterval(() => void catalog.beat(id).catch(() => undefined), HEARTBEAT_MS);
  heartbeat.unref();
  try {
    const result = await work();
    await catalog.finish(id, summarize(result));
    return result;
  } catch (error) {
    await catalog.fail(id, (error as Error).message);
    throw error;
  } finally {
    clearInterval(heartbeat);
  }
}
