import pg from 'pg';
import type { Principal } from '../../knowledge-graph/schema/index.js';
import {
  inTransaction,
  migrate,
  type PgClient,
  type PgPool,
} from '../../knowledge-graph/store/postgres-db.js';
import type { PreparedDocument } from '../prepare.js';
import type { TransactionalVectorStore, VectorStore } from '../vectors/port.js';
import {
  BM25,
  type Bm25Hit,
  type ChunkRow,
  type DocumentInfo,
  type DocumentStore,
  type EmbeddableChunk,
  embedText,
  type SearchScope,
  type StoreReport,
  termWeights,
  type WriteResult,
} from './port.js';
import { DOCUMENT_MIGRATIONS } from './postgres-schema.js';

type Queryable = PgPool | PgClient;

/** bigint (rids, counts) and numeric (sums) arrive as numbers: rids stay far below 2^53. */
const NUMBERS: pg.CustomTypesConfig = {
  getTypeParser: (oid: number, format?: 'text' | 'binary') =>
    oid === 20 || oid === 1700 ? Number : pg.types.getTypeParser(oid, format),
};

async function rows<T>(db: Queryable, text: string, values: readonly unknown[] = []): Promise<T[]> {
  return (await db.query<T & pg.QueryResultRow>({ text, values: [...values], types: NUMBERS })).rows;
}

const docColumns = (d: string) =>
  `${d}.rid, ${d}.id, ${d}.source, ${d}.name, ${d}.format, ${d}.hash, ${d}.title, ${d}.issuer,
   ${d}.doc_no AS "docNo", ${d}.date, ${d}.visibility, ${d}.chars, ${d}.ingested_at AS "ingestedAt",
   ${d}.linked::int AS linked, ${d}.chunk_count AS "chunkCount", ${d}.token_count AS "tokenCount",
   ${d}.link_dict AS "linkDict"`;
const CHUNK_COLUMNS = `c.rid, c.doc_rid AS "docRid", c.seq, c.start_at AS start, c.end_at AS "end", c.section,
  c.text, c.length`;

/** SQL conditions on documents aliased `d`, their values appended to `params`. */
function visibleSql(principal: Principal, params: unknown[]): string {
  if (principal.grants.includes('*')) return 'true';
  params.push([...principal.grants]);
  return `(d.visibility = 'public' OR d.visibility = ANY($${params.length}::text[]))`;
}

function scopeSql(
  scope: SearchScope,
  params: unknown[],
  visible = visibleSql(scope.principal, params),
): string {
  const parts = [visible];
  const add = (sql: (n: number) => string, value: unknown) => {
    params.push(value);
    parts.push(sql(params.length));
  };
  if (scope.sources) add((n) => `d.name = ANY($${n}::text[])`, [...scope.sources]);
  if (scope.types) add((n) => `d.format = ANY($${n}::text[])`, [...scope.types]);
  if (scope.dateFrom || scope.dateTo) parts.push('d.date IS NOT NULL');
  if (scope.dateFrom) add((n) => `d.date >= $${n}`, scope.dateFrom);
  if (scope.dateTo) add((n) => `d.date <= $${n}`, scope.dateTo);
  return parts.join(' AND ');
}

/**
 * The DocumentStore on a shared PostgreSQL (postgres-schema.ts). A document's write takes an
 * advisory lock on its source and then the statistics row, so writers queue instead of
 * deadlocking on shared term rows, and each document with its chunks, postings, mentions and
 * statistics commits whole. Search filters visibility and scope in SQL; nothing loads every
 * document per request.
 */
export class PostgresDocumentStore implements DocumentStore {
  readonly kind = 'postgres';

  private addedSinceAnalyse = 0;
  private chunksAtAnalyse = 0;
  private analysing: Promise<void> | undefined;

  private constructor(private readonly pool: PgPool) {}

  static async open(pool: PgPool): Promise<PostgresDocumentStore> {
    await migrate(pool, 'documents', DOCUMENT_MIGRATIONS);
    return new PostgresDocumentStore(pool);
  }

  joins(_vectors: VectorStore): _vectors is TransactionalVectorStore {
    // No vector store shares PostgreSQL's transactions: vectors are written after the commit.
    return false;
  }

  private async docWhere(db: Queryable, where: string, value: unknown): Promise<DocumentInfo | undefined> {
    const [doc] = await rows<DocumentInfo>(db, `SELECT ${docColumns('d')} FROM documents d WHERE ${where}`, [
      value,
    ]);
    return doc;
  }

  bySource(source: string): Promise<DocumentInfo | undefined> {
    return this.docWhere(this.pool, 'd.source = $1', source);
  }

  byHash(hash: string): Promise<DocumentInfo | undefined> {
    return this.docWhere(this.pool, 'd.hash = $1 ORDER BY d.rid LIMIT 1', hash);
  }

  byId(id: string): Promise<DocumentInfo | undefined> {
    return this.docWhere(this.pool, 'd.id = $1', id);
  }

  async byRids(rids: readonly number[]): Promise<Map<number, DocumentInfo>> {
    const found = await rows<DocumentInfo>(
      this.pool,
      `SELECT ${docColumns('d')} FROM documents d WHERE d.rid = ANY($1::bigint[])`,
      [[...rids]],
    );
    return new Map(found.map((d) => [d.rid, d]));
  }

  list(): Promise<DocumentInfo[]> {
    return rows<DocumentInfo>(this.pool, `SELECT ${docColumns('d')} FROM documents d ORDER BY d.rid`);
  }

  readable(principal: Principal): Promise<DocumentInfo[]> {
    const params: unknown[] = [];
    const visible = visibleSql(principal, params);
    return rows<DocumentInfo>(
      this.pool,
      `SELECT ${docColumns('d')} FROM documents d WHERE ${visible} ORDER BY d.rid`,
      params,
    );
  }

  async charsOf(visibility: string, exceptSource: string): Promise<number> {
    const [row] = await rows<{ used: number }>(
      this.pool,
      'SELECT COALESCE(SUM(chars), 0) AS used FROM documents WHERE visibility = $1 AND source <> $2',
      [visibility, exceptSource],
    );
    return row?.used ?? 0;
  }

  async text(docRid: number): Promise<string> {
    return (await this.texts([docRid])).get(docRid) ?? '';
  }

  async texts(docRids: readonly number[]): Promise<Map<number, string>> {
    const found = await rows<{ rid: number; text: string }>(
      this.pool,
      'SELECT rid, text FROM documents WHERE rid = ANY($1::bigint[])',
      [[...docRids]],
    );
    return new Map(found.map((r) => [r.rid, r.text]));
  }

  chunksOf(docRid: number): Promise<ChunkRow[]> {
    return rows<ChunkRow>(
      this.pool,
      `SELECT ${CHUNK_COLUMNS} FROM document_chunks c WHERE c.doc_rid = $1 ORDER BY c.seq`,
      [docRid],
    );
  }

  async chunks(rids: readonly number[], scope?: SearchScope): Promise<Map<number, ChunkRow>> {
    const params: unknown[] = [[...rids]];
    const where = scope ? `AND ${scopeSql(scope, params)}` : '';
    const found = await rows<ChunkRow>(
      this.pool,
      `SELECT ${CHUNK_COLUMNS} FROM document_chunks c JOIN documents d ON d.rid = c.doc_rid
       WHERE c.rid = ANY($1::bigint[]) ${where}`,
      params,
    );
    return new Map(found.map((c) => [c.rid, c]));
  }

  async embeddable(afterRid: number, limit: number): Promise<EmbeddableChunk[]> {
    const found = await rows<Omit<EmbeddableChunk, 'embedText'> & { section: string; text: string }>(
      this.pool,
      `SELECT c.rid, c.section, c.text, d.id AS "docId", d.name, d.visibility
       FROM document_chunks c JOIN documents d ON d.rid = c.doc_rid
       WHERE c.rid > $1 ORDER BY c.rid LIMIT $2`,
      [afterRid, limit],
    );
    return found.map(({ section, text, ...rest }) => ({ ...rest, embedText: embedText(section, text) }));
  }

  async write(doc: PreparedDocument, ingestedAt: string): Promise<WriteResult> {
    const result = await inTransaction(this.pool, async (client): Promise<WriteResult> => {
      await lockForWriting(client, doc.source);
      const existing = await this.docWhere(client, 'd.source = $1', doc.source);
      if (existing?.hash === doc.hash) return { status: 'unchanged', existing };
      // Writers queue on the statistics row, so no other source can take this content meanwhile.
      const twin = await this.docWhere(client, 'd.hash = $1 ORDER BY d.rid LIMIT 1', doc.hash);
      if (twin) return { status: 'duplicate', twin };
      const removed = existing ? await deleteDocument(client, existing.rid) : [];
      const added = await insertDocument(client, doc, ingestedAt);
      return { status: 'written', added, removed, ...(existing ? { previous: existing } : {}) };
    });
    if (result.status === 'written') this.analyseAfter(result.added.length);
    return result;
  }

  /**
   * After a bulk ingest the planner knows nothing of the new rows until autovacuum gets to them,
   * and BM25 plans over the postings are then several times slower: the tables are analysed once
   * this process has added a fifth more chunks than there were at its last look (at least 1,000).
   */
  private analyseAfter(chunks: number): void {
    this.addedSinceAnalyse += chunks;
    if (this.analysing || this.addedSinceAnalyse < Math.max(1_000, this.chunksAtAnalyse / 5)) return;
    this.addedSinceAnalyse = 0;
    this.analysing = (async () => {
      this.chunksAtAnalyse = (await this.stats()).chunks;
      await this.pool.query('ANALYZE documents, document_chunks, document_postings, document_terms');
    })()
      .catch(() => {
        // Autovacuum analyses them later anyway; a failed early analyse only leaves plans slower.
      })
      .finally(() => {
        this.analysing = undefined;
      });
  }

  delete(id: string): Promise<number[] | undefined> {
    return inTransaction(this.pool, async (client) => {
      const doc = await this.docWhere(client, 'd.id = $1', id);
      if (!doc) return undefined;
      await lockForWriting(client, doc.source);
      // Another replica may have replaced or removed it while this one waited for the lock.
      const still = await this.docWhere(client, 'd.rid = $1', doc.rid);
      return still ? deleteDocument(client, still.rid) : undefined;
    });
  }

  async setLinked(id: string, linked: boolean, dictionary: string | null): Promise<void> {
    await this.pool.query('UPDATE documents SET linked = $1, link_dict = $2 WHERE id = $3', [
      linked,
      dictionary,
      id,
    ]);
  }

  chunkTexts(docRid: number): Promise<Array<{ rid: number; seq: number; text: string }>> {
    return rows(this.pool, 'SELECT rid, seq, text FROM document_chunks WHERE doc_rid = $1 ORDER BY seq', [
      docRid,
    ]);
  }

  async setMentions(chunks: ReadonlyArray<{ rid: number; entities: readonly string[] }>): Promise<void> {
    await inTransaction(this.pool, async (client) => {
      // Chunks first, as a delete takes them: a document another replica replaced meanwhile is
      // skipped instead of failing on its vanished chunks or deadlocking with that delete.
      const kept = await rows<{ rid: number }>(
        client,
        'SELECT rid FROM document_chunks WHERE rid = ANY($1::bigint[]) FOR SHARE',
        [chunks.map((c) => c.rid)],
      );
      const present = new Set(kept.map((r) => r.rid));
      const live = chunks.filter((c) => present.has(c.rid));
      await client.query('DELETE FROM document_mentions WHERE chunk_rid = ANY($1::bigint[])', [
        live.map((c) => c.rid),
      ]);
      await insertMentions(client, live);
    });
  }

  async mentioning(entityIds: readonly string[], within: readonly number[]): Promise<Map<number, number>> {
    const found = await rows<{ rid: number; n: number }>(
      this.pool,
      `SELECT chunk_rid AS rid, COUNT(*) AS n FROM document_mentions
       WHERE entity_id = ANY($1::text[]) AND chunk_rid = ANY($2::bigint[]) GROUP BY chunk_rid`,
      [[...entityIds], [...within]],
    );
    return new Map(found.map((r) => [r.rid, r.n]));
  }

  async getMeta(key: string): Promise<string | undefined> {
    const [row] = await rows<{ value: string }>(this.pool, 'SELECT value FROM document_meta WHERE key = $1', [
      key,
    ]);
    return row?.value;
  }

  async setMeta(key: string, value: string): Promise<void> {
    await this.pool.query(
      'INSERT INTO document_meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value',
      [key, value],
    );
  }

  async visibilities(principal: Principal): Promise<string[] | undefined> {
    if (principal.grants.includes('*')) return undefined;
    const params: unknown[] = [];
    const visible = visibleSql(principal, params);
    const found = await rows<{ visibility: string }>(
      this.pool,
      `SELECT DISTINCT d.visibility FROM documents d WHERE ${visible}`,
      params,
    );
    return found.map((r) => r.visibility);
  }

  async score(queryTokens: readonly string[], scope: SearchScope, limit: number): Promise<Bm25Hit[]> {
    const weights = termWeights(queryTokens);
    if (weights.size === 0) return [];
    const params: unknown[] = [[...weights.keys()], [...weights.values()], limit];
    const visible = visibleSql(scope.principal, params);
    const allowed = scopeSql(scope, params, visible);
    const { k1, b } = BM25;
    // The same Okapi BM25 as sqlite-bm25.ts, statistics over what the principal may read.
    return rows<Bm25Hit>(
      this.pool,
      `WITH q (term, qtf) AS (SELECT * FROM unnest($1::text[], $2::int[])),
       corpus AS (
         SELECT COALESCE(SUM(d.chunk_count), 0)::float8 AS n, COALESCE(SUM(d.token_count), 0)::float8 AS len
         FROM documents d WHERE ${visible}),
       hits AS (
         SELECT q.term, q.qtf, p.chunk_rid, p.tf, c.length, c.doc_rid, (${allowed}) AS allowed
         FROM q JOIN document_postings p ON p.term = q.term
         JOIN document_chunks c ON c.rid = p.chunk_rid
         JOIN documents d ON d.rid = c.doc_rid
         WHERE ${visible}),
       df AS (SELECT term, COUNT(*)::float8 AS df FROM hits GROUP BY term)
       SELECT h.chunk_rid AS "chunkRid", h.doc_rid AS "docRid",
         SUM(h.qtf * ln(1 + (corpus.n - df.df + 0.5) / (df.df + 0.5)) * (h.tf * ${k1 + 1})
             / (h.tf + ${k1} * (1 - ${b} + ${b} * h.length
                 / CASE WHEN corpus.len > 0 THEN corpus.len / corpus.n ELSE 1 END))) AS score
       FROM hits h JOIN df ON df.term = h.term CROSS JOIN corpus
       WHERE h.allowed
       GROUP BY h.chunk_rid, h.doc_rid
       ORDER BY score DESC, h.chunk_rid
       LIMIT $3`,
      params,
    );
  }

  async stats(): Promise<{ chunks: number; totalLength: number }> {
    const [row] = await rows<{ chunks: number; totalLength: number }>(
      this.pool,
      'SELECT chunks, total_length AS "totalLength" FROM document_stats',
    );
    return row ?? { chunks: 0, totalLength: 0 };
  }

  async check(): Promise<StoreReport> {
    const problems: string[] = [];
    const count = async (sql: string) => (await rows<{ n: number }>(this.pool, sql))[0]?.n ?? 0;
    const documents = await count('SELECT COUNT(*) AS n FROM documents');
    const chunks = await count('SELECT COUNT(*) AS n FROM document_chunks');
    const empty = await count(
      'SELECT COUNT(*) AS n FROM documents d WHERE NOT EXISTS (SELECT 1 FROM document_chunks c WHERE c.doc_rid = d.rid)',
    );
    if (empty) problems.push(`${empty} documents without chunks`);
    const unindexed = await count(
      'SELECT COUNT(*) AS n FROM document_chunks c WHERE c.length > 0 AND NOT EXISTS (SELECT 1 FROM document_postings p WHERE p.chunk_rid = c.rid)',
    );
    if (unindexed) problems.push(`${unindexed} chunks without postings`);
    const terms = await count(
      `SELECT COUNT(*) AS n FROM (SELECT term, COUNT(*) AS df FROM document_postings GROUP BY term) p
       FULL JOIN document_terms t ON t.term = p.term WHERE p.df IS DISTINCT FROM t.df`,
    );
    if (terms) problems.push(`${terms} terms whose document frequency disagrees with the postings`);
    const stats = await this.stats();
    const length = await count('SELECT COALESCE(SUM(length), 0) AS n FROM document_chunks');
    if (stats.chunks !== chunks || stats.totalLength !== length) {
      problems.push(
        `BM25 statistics (${stats.chunks} chunks, ${stats.totalLength} tokens) disagree with the table (${chunks}, ${length})`,
      );
    }
    return { documents, chunks, problems };
  }

  async close(): Promise<void> {
    // The pool is the engine's, shared with the other PostgreSQL adapters; an analyse under way ends first.
    await this.analysing;
  }
}

/**
 * Holds the source against other writers, then the statistics row: writers of different sources
 * queue on it rather than taking shared term rows in differing orders and deadlocking.
 */
async function lockForWriting(client: PgClient, source: string): Promise<void> {
  await client.query("SELECT pg_advisory_xact_lock(hashtext('ibrain.documents'), hashtext($1))", [source]);
  await client.query('SELECT 1 FROM document_stats FOR UPDATE');
}

async function insertDocument(
  client: PgClient,
  doc: PreparedDocument,
  ingestedAt: string,
): Promise<number[]> {
  const tokenCount = doc.chunks.reduce((n, c) => n + c.tokens.length, 0);
  const [inserted] = await rows<{ rid: number }>(
    client,
    `INSERT INTO documents (id, source, name, format, hash, title, issuer, doc_no, date, visibility, text, chars,
       ingested_at, chunk_count, token_count)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) RETURNING rid`,
    [
      doc.id,
      doc.source,
      doc.name,
      doc.format,
      doc.hash,
      doc.meta.title,
      doc.meta.issuer ?? null,
      doc.meta.docNo ?? null,
      doc.meta.date ?? null,
      doc.visibility,
      doc.text,
      doc.text.length,
      ingestedAt,
      doc.chunks.length,
      tokenCount,
    ],
  );
  const docRid = inserted!.rid;
  const made = await rows<{ rid: number; seq: number }>(
    client,
    `INSERT INTO document_chunks (doc_rid, seq, start_at, end_at, section, text, length)
     SELECT $1, * FROM unnest($2::int[], $3::int[], $4::int[], $5::text[], $6::text[], $7::int[])
     RETURNING rid, seq`,
    [
      docRid,
      doc.chunks.map((c) => c.seq),
      doc.chunks.map((c) => c.start),
      doc.chunks.map((c) => c.end),
      doc.chunks.map((c) => JSON.stringify(c.section)),
      doc.chunks.map((c) => c.text),
      doc.chunks.map((c) => c.tokens.length),
    ],
  );
  const ridOf = new Map(made.map((c) => [c.seq, c.rid]));
  const added = doc.chunks.map((c) => ridOf.get(c.seq)!);
  const postings = { terms: [] as string[], rids: [] as number[], tfs: [] as number[] };
  const df = new Map<string, number>();
  doc.chunks.forEach((c, i) => {
    for (const [term, tf] of termWeights(c.tokens)) {
      postings.terms.push(term);
      postings.rids.push(added[i]!);
      postings.tfs.push(tf);
      df.set(term, (df.get(term) ?? 0) + 1);
    }
  });
  await client.query(
    'INSERT INTO document_postings (term, chunk_rid, tf) SELECT * FROM unnest($1::text[], $2::bigint[], $3::int[])',
    [postings.terms, postings.rids, postings.tfs],
  );
  await client.query(
    `INSERT INTO document_terms (term, df) SELECT * FROM unnest($1::text[], $2::int[])
     ON CONFLICT (term) DO UPDATE SET df = document_terms.df + EXCLUDED.df`,
    [[...df.keys()], [...df.values()]],
  );
  await insertMentions(
    client,
    doc.chunks.map((c, i) => ({ rid: added[i]!, entities: c.entities })),
  );
  await client.query('UPDATE document_stats SET chunks = chunks + $1, total_length = total_length + $2', [
    doc.chunks.length,
    tokenCount,
  ]);
  return added;
}

/** Deletes a document (its chunks, postings and mentions cascade) and takes it out of the statistics. */
async function deleteDocument(client: PgClient, docRid: number): Promise<number[]> {
  const chunks = await rows<{ rid: number; length: number }>(
    client,
    'SELECT rid, length FROM document_chunks WHERE doc_rid = $1 ORDER BY rid',
    [docRid],
  );
  const removed = chunks.map((c) => c.rid);
  const gone = await rows<{ term: string; n: number }>(
    client,
    'SELECT term, COUNT(*) AS n FROM document_postings WHERE chunk_rid = ANY($1::bigint[]) GROUP BY term',
    [removed],
  );
  const terms = gone.map((g) => g.term);
  await client.query(
    `UPDATE document_terms t SET df = t.df - g.n FROM unnest($1::text[], $2::int[]) AS g (term, n)
     WHERE t.term = g.term`,
    [terms, gone.map((g) => g.n)],
  );
  await client.query('DELETE FROM document_terms WHERE term = ANY($1::text[]) AND df <= 0', [terms]);
  await client.query('DELETE FROM documents WHERE rid = $1', [docRid]);
  await client.query('UPDATE document_stats SET chunks = chunks - $1, total_length = total_length - $2', [
    chunks.length,
    chunks.reduce((n, c) => n + c.length, 0),
  ]);
  return removed;
}

async function insertMentions(
  client: PgClient,
  chunks: ReadonlyArray<{ rid: number; entities: readonly string[] }>,
): Promise<void> {
  const entities = chunks.flatMap((c) => c.entities);
  if (entities.length === 0) return;
  await client.query(
    `INSERT INTO document_mentions (entity_id, chunk_rid) SELECT * FROM unnest($1::text[], $2::bigint[])
     ON CONFLICT DO NOTHING`,
    [entities, chunks.flatMap((c) => c.entities.map(() => c.rid))],
  );
}
