import { HEARTBEAT_MS, type ImportCatalog, type NewImport } from '../knowledge-graph/import/catalog.js';
import type { ImportSummary } from '../knowledge-graph/import/report.js';

/**
 * Runs one import as a catalog entry: `running` with a heartbeat while `work` runs (so other
 * processes and replicas see it alive), then `summarize` of what it returned, or its error.
 */
export async function cataloged<T>(
  catalog: ImportCatalog,
  entry: NewImport,
  work: () => Promise<T>,
  summarize: (result: T) => ImportSummary,
): Promise<T> {
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
