import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { openDatabase, type SqliteDatabase } from '../../knowledge-graph/store/sqlite-db.js';
import { documentStoreContract } from './contract.test-suite.js';
import { SqliteDocumentStore } from './sqlite.js';

const dirs: string[] = [];
const connections: SqliteDatabase[] = [];

function connect(file: string): SqliteDocumentStore {
  const db = openDatabase(file);
  connections.push(db);
  return new SqliteDocumentStore(db);
}

afterAll(() => {
  for (const db of connections) db.close();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

documentStoreContract('sqlite', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ibrain-docstore-'));
  dirs.push(dir);
  const file = join(dir, 'ibrain.sqlite');
  return { store: connect(file), twin: async () => connect(file) };
});
