import type { SeriesStore } from '../knowledge-graph/series/port.js';
import { PostgresSeriesStore } from '../knowledge-graph/series/postgres.js';
import { SqliteSeriesStore } from '../knowledge-graph/series/sqlite.js';
import type { Engine } from './container.js';

/**
 * The engine's one series store: the embedded tables in the engine's SQLite file, or the shared
 * PostgreSQL when `state.adapter` is postgres.
 */
export function seriesStoreOf(engine: Engine): SeriesStore {
  return engine.service('series', () =>
    engine.postgres ? new PostgresSeriesStore(engine.postgres) : SqliteSeriesStore.open(engine.db),
  );
}
