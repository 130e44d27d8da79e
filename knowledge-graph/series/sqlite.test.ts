import { openDatabase } from '../store/sqlite-db.js';
import { seriesStoreContract } from './contract.test-suite.js';
import { SqliteSeriesStore } from './sqlite.js';

seriesStoreContract('SQLite', async () => SqliteSeriesStore.open(openDatabase(':memory:')));
