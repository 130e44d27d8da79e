import { graphStoreContract } from './contract.test-suite.js';
import { SqliteGraphStore } from './sqlite.js';
import { openDatabase } from './sqlite-db.js';

graphStoreContract('sqlite', async () => SqliteGraphStore.open(openDatabase(':memory:')));
