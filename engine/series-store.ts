import type { SeriesStore } from '../knowledge-graph/series/port.js';
import { SqliteSeriesStore } from '../knowledge-graph/series/sqlite.js';
import type { Engine } from './container.js';

/** The engine's one series store: the embedded tables in the engine's SQLite file. */
export function seriesStoreOf(engine: Engine): SeriesStore {
  return engine.service('series', () => SqliteSeriesStore.open(engine.db));
}
