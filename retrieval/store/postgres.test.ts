import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enterprisePrincipal, PUBLIC_PRINCIPAL } from '../../knowledge-graph/schema/index.js';
import { openPostgres, type PgPool } from '../../knowledge-graph/store/postgres-db.js';
import {
  postgresSkipReason,
  type ScratchDatabase,
  scratchDatabase,
} from '../../knowledge-graph/store/postgres.test-support.js';
import { openDatabase } from '../../knowledge-graph/store/sqlite-db.js';
import { Tokenizer } from '../tokenize.js';
import { documentStoreContract, ingestCorpus, QUERIES } from './contract.test-suite.js';
import type { DocumentStore } from './port.js';
import { PostgresDocumentStore } from './postgres.js';
import { SqliteDocumentStore } from './sqlite.js';

const skip = await postgresSkipReason();
let scratch: ScratchDatabase | undefined;
const pools: PgPool[] = [];

async function database(): Promise<ScratchDatabase> {
  scratch ??= await scratchDatabase();
  return scratch;
}

afterAll(async () => {
  for (const pool of pools) await pool.end();
  await scratch?.drop();
});

documentStoreContract(
  'postgres',
  async () => {
    const db = await database();
    const store = await PostgresDocumentStore.open(db.pool);
    await db.pool.query(
      `TRUNCATE documents, document_chunks, document_postings, document_terms, document_mentions, document_meta;
       UPDATE document_stats SET chunks = 0, total_length = 0`,
    );
    return {
      store,
      // Another replica: its own pool on the same database.
      twin: async () => {
        const pool = await openPostgres(db.url, { max: 4 });
        pools.push(pool);
        return PostgresDocumentStore.open(pool);
      },
    };
  },
  skip,
);

describe.skipIf(!!skip)('BM25 on PostgreSQL and on SQLite', () => {
  const tokenizer = new Tokenizer(['宗申动力', '忽米网']);
  const dir = mkdtempSync(join(tmpdir(), 'ibrain-bm25-'));
  const sqliteDb = openDatabase(join(dir, 'ibrain.sqlite'));
  let sqlite: DocumentStore;
  let postgres: DocumentStore;

  beforeAll(async () => {
    const db = await database();
    sqlite = new SqliteDocumentStore(sqliteDb);
    const pool = await openPostgres(db.url, { max: 2 });
    pools.push(pool);
    postgres = await PostgresDocumentStore.open(pool);
    await pool.query(
      `TRUNCATE documents, document_chunks, document_postings, document_terms, document_mentions, document_meta;
       UPDATE document_stats SET chunks = 0, total_length = 0`,
    );
    await ingestCorpus(sqlite);
    await ingestCorpus(postgres);
  });
  afterAll(() => {
    sqliteDb.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('rank the same documents with the same scores on a small Chinese corpus', async () => {
    let compared = 0;
    for (const principal of [PUBLIC_PRINCIPAL, enterprisePrincipal('001696')]) {
      for (const query of QUERIES) {
        const tokens = tokenizer.tokens(query);
        const ranked = async (store: DocumentStore) => {
          const hits = await store.score(tokens, { principal }, 10);
          const docs = await store.byRids(hits.map((h) => h.docRid));
          return hits.map((h) => ({ doc: docs.get(h.docRid)!.name, score: h.score }));
        };
        const [lite, pg] = await Promise.all([ranked(sqlite), ranked(postgres)]);
        compared += lite.length;
        expect(
          pg.map((h) => h.doc),
          query,
        ).toEqual(lite.map((h) => h.doc));
        pg.forEach((h, i) => {
          expect(h.score, query).toBeCloseTo(lite[i]!.score, 9);
        });
      }
    }
    expect(compared).toBeGreaterThan(20);
  });
});
