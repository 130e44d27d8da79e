import neo4j, { type Driver } from 'neo4j-driver';
import { afterAll } from 'vitest';
import { graphStoreContract } from './contract.test-suite.js';
import { Neo4jGraphStore } from './neo4j.js';

/**
 * The shared contract against a live Neo4j 5 when NEO4J_URI is set. The stores use their own label
 * (TEST_LABEL instead of `Node`), and `open` empties only nodes carrying it, so pointing this at a
 * database that also holds real data never touches that data.
 */
const TEST_LABEL = 'IbrainContractTest';
const uri = process.env.NEO4J_URI;
const settings = {
  uri: uri ?? '',
  user: process.env.NEO4J_USER ?? 'neo4j',
  password: process.env.NEO4J_PASSWORD ?? '',
  database: process.env.NEO4J_DATABASE ?? 'neo4j',
};

let cleaner: Driver | undefined;

async function emptyTestLabel(): Promise<void> {
  cleaner ??= neo4j.driver(settings.uri, neo4j.auth.basic(settings.user, settings.password));
  await cleaner.executeQuery(`MATCH (n:${TEST_LABEL}) DETACH DELETE n`, {}, { database: settings.database });
}

async function open(): Promise<Neo4jGraphStore> {
  const store = await Neo4jGraphStore.connect(settings, { label: TEST_LABEL });
  await emptyTestLabel();
  return store;
}

afterAll(async () => {
  if (!cleaner) return;
  await emptyTestLabel();
  await cleaner.close();
});

graphStoreContract(
  'neo4j',
  open,
  uri ? undefined : 'set NEO4J_URI (and NEO4J_USER, NEO4J_PASSWORD, NEO4J_DATABASE) to run against Neo4j 5',
);
