import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { ImportSummary } from './report.js';

export const CATALOG_STATUSES = ['running', 'completed', 'failed', 'interrupted'] as const;
export type CatalogStatus = (typeof CATALOG_STATUSES)[number];

export interface CatalogEntry {
  id: number;
  dataset: string;
  kind: string;
  source: string;
  contentHash: string;
  status: CatalogStatus;
  startedAt: string;
  finishedAt: string | null;
  summary: ImportSummary | null;
  error: string | null;
}

export interface NewImport {
  dataset: string;
  kind: string;
  source: string;
  contentHash: string;
}

/**
 * The data catalog (数据编目): one entry per import with its source, content hash, counts and
 * rejects. A running import beats (`beat`) while it works; `resolveStale` records as
 * `interrupted` the running entries whose importer is gone, which each adapter judges its own
 * way (a dead local pid, or a heartbeat older than the lease).
 */
export interface ImportCatalog {
  readonly kind: string;
  start(entry: NewImport): Promise<number>;
  /** The import is alive; renews its lease. */
  beat(id: number): Promise<void>;
  /** Marks abandoned `running` entries `interrupted`; returns how many. */
  resolveStale(now?: Date): Promise<number>;
  finish(id: number, summary: ImportSummary): Promise<void>;
  fail(id: number, error: string): Promise<void>;
  /** Every entry, oldest first. */
  list(): Promise<CatalogEntry[]>;
}

/** How often a running import renews its heartbeat, well inside every adapter's lease. */
export const HEARTBEAT_MS = 20_000;

const KEPT_CHANGES = 200;

/** The summary as stored: the audit log holds every visibility change, the catalog the first ones and the count. */
export function storedSummary(summary: ImportSummary): ImportSummary {
  const changes = summary.written.visibilityChanges;
  const kept = {
    ...summary,
    written: { ...summary.written, visibilityChanges: changes.slice(0, KEPT_CHANGES) },
  };
  if (changes.length > KEPT_CHANGES)
    kept.notes = [...kept.notes, `${changes.length} visibility changes (all in the audit log)`];
  return kept;
}

/** SHA-256 over a file, or over a directory's files in name order (names included). */
export async function contentHash(path: string): Promise<string> {
  const hash = createHash('sha256');
  const info = await stat(path);
  const files = info.isDirectory() ? (await readdir(path)).sort().map((name) => join(path, name)) : [path];
  for (const file of files) {
    if (!(await stat(file)).isFile()) continue;
    if (info.isDirectory()) hash.update(`${file.slice(path.length + 1)}\u0000`);
    for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  }
  return `sha256:${hash.digest('hex')}`;
}
