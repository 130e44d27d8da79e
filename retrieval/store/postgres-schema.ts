import type { Migration } from '../../knowledge-graph/store/postgres-db.js';

/**
 * The document store's tables on PostgreSQL. Chunk rids come from one identity sequence because
 * they are the vector ids all replicas share; `source` is unique so two replicas ingesting one
 * file cannot both keep a copy. Postings hold jieba's tokens as they are (no text-search parser
 * splits them again); the statistics rows change in the transaction that changes the postings.
 */
export const DOCUMENT_MIGRATIONS: readonly Migration[] = [
  {
    id: '001-documents',
    sql: `
CREATE TABLE documents (
  rid bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  id text NOT NULL UNIQUE,
  source text NOT NULL UNIQUE,
  name text NOT NULL,
  format text NOT NULL,
  hash text NOT NULL,
  title text NOT NULL,
  issuer text,
  doc_no text,
  date text,
  visibility text NOT NULL,
  text text NOT NULL,
  chars integer NOT NULL,
  ingested_at text NOT NULL,
  linked boolean NOT NULL DEFAULT false,
  chunk_count integer NOT NULL,
  token_count integer NOT NULL,
  link_dict text
);
CREATE INDEX documents_hash ON documents (hash);
CREATE INDEX documents_visibility ON documents (visibility);
CREATE TABLE document_chunks (
  rid bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  doc_rid bigint NOT NULL REFERENCES documents (rid) ON DELETE CASCADE,
  seq integer NOT NULL,
  start_at integer NOT NULL,
  end_at integer NOT NULL,
  section text NOT NULL,
  text text NOT NULL,
  length integer NOT NULL,
  UNIQUE (doc_rid, seq)
);
CREATE TABLE document_postings (
  term text NOT NULL,
  chunk_rid bigint NOT NULL REFERENCES document_chunks (rid) ON DELETE CASCADE,
  tf integer NOT NULL,
  PRIMARY KEY (term, chunk_rid)
);
CREATE INDEX document_postings_chunk ON document_postings (chunk_rid);
CREATE TABLE document_terms (
  term text PRIMARY KEY,
  df integer NOT NULL
);
CREATE TABLE document_stats (
  only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
  chunks bigint NOT NULL,
  total_length bigint NOT NULL
);
INSERT INTO document_stats (chunks, total_length) VALUES (0, 0);
CREATE TABLE document_mentions (
  entity_id text NOT NULL,
  chunk_rid bigint NOT NULL REFERENCES document_chunks (rid) ON DELETE CASCADE,
  PRIMARY KEY (entity_id, chunk_rid)
);
CREATE INDEX document_mentions_chunk ON document_mentions (chunk_rid);
CREATE TABLE document_meta (
  key text PRIMARY KEY,
  value text NOT NULL
);`,
  },
];
