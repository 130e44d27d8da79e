import type { Database } from 'better-sqlite3';

/**
 * The document index's tables, in the engine's SQLite file so one transaction per document
 * covers the document, its chunks, its postings and (embedded store) its vectors: a killed
 * ingest leaves each document fully indexed or absent. Chunk rids use AUTOINCREMENT so a
 * vector id is never reused for another chunk.
 */
export const RETRIEVAL_SCHEMA = `
CREATE TABLE IF NOT EXISTS retrieval_docs (
  rid INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  source TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  format TEXT NOT NULL,
  hash TEXT NOT NULL,
  title TEXT NOT NULL,
  issuer TEXT,
  doc_no TEXT,
  date TEXT,
  visibility TEXT NOT NULL,
  text TEXT NOT NULL,
  chars INTEGER NOT NULL,
  ingested_at TEXT NOT NULL,
  linked INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS retrieval_docs_hash ON retrieval_docs(hash);
CREATE TABLE IF NOT EXISTS retrieval_chunks (
  rid INTEGER PRIMARY KEY AUTOINCREMENT,
  doc_rid INTEGER NOT NULL REFERENCES retrieval_docs(rid),
  seq INTEGER NOT NULL,
  start INTEGER NOT NULL,
  end INTEGER NOT NULL,
  section TEXT NOT NULL,
  text TEXT NOT NULL,
  length INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS retrieval_chunks_doc ON retrieval_chunks(doc_rid, seq);
CREATE TABLE IF NOT EXISTS retrieval_terms (
  tid INTEGER PRIMARY KEY,
  term TEXT NOT NULL UNIQUE
);
CREATE TABLE IF NOT EXISTS retrieval_postings (
  tid INTEGER NOT NULL,
  chunk_rid INTEGER NOT NULL,
  tf INTEGER NOT NULL,
  PRIMARY KEY (tid, chunk_rid)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS retrieval_postings_chunk ON retrieval_postings(chunk_rid);
CREATE TABLE IF NOT EXISTS retrieval_mentions (
  entity_id TEXT NOT NULL,
  chunk_rid INTEGER NOT NULL,
  PRIMARY KEY (entity_id, chunk_rid)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS retrieval_mentions_chunk ON retrieval_mentions(chunk_rid);
CREATE TABLE IF NOT EXISTS retrieval_meta (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
`;

/**
 * Columns added later: per-document chunk and token counts (ranking statistics over what a caller
 * may see), and the fingerprint of the entity names a document was linked with.
 */
const MIGRATIONS: Array<[column: string, sql: string]> = [
  ['chunk_count', 'ALTER TABLE retrieval_docs ADD COLUMN chunk_count INTEGER'],
  ['token_count', 'ALTER TABLE retrieval_docs ADD COLUMN token_count INTEGER'],
  ['link_dict', 'ALTER TABLE retrieval_docs ADD COLUMN link_dict TEXT'],
];

export function ensureSchema(db: Database): void {
  db.exec(RETRIEVAL_SCHEMA);
  const columns = new Set(
    (db.prepare('PRAGMA table_info(retrieval_docs)').all() as Array<{ name: string }>).map((c) => c.name),
  );
  for (const [column, sql] of MIGRATIONS) if (!columns.has(column)) db.exec(sql);
  db.exec(`UPDATE retrieval_docs SET
    chunk_count = (SELECT COUNT(*) FROM retrieval_chunks c WHERE c.doc_rid = retrieval_docs.rid),
    token_count = (SELECT COALESCE(SUM(length), 0) FROM retrieval_chunks c WHERE c.doc_rid = retrieval_docs.rid)
    WHERE chunk_count IS NULL OR token_count IS NULL`);
}

export function getMeta(db: Database, key: string): string | undefined {
  return (
    db.prepare('SELECT value FROM retrieval_meta WHERE key = ?').get(key) as { value: string } | undefined
  )?.value;
}

export function setMeta(db: Database, key: string, value: string): void {
  db.prepare(
    'INSERT INTO retrieval_meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
  ).run(key, value);
}
