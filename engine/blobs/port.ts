import { UserError } from '../errors.js';

export interface StoredBlob {
  bytes: Buffer;
  contentType: string;
}

/**
 * Files the engine makes or receives (briefing renders, uploads) kept where every replica can
 * read them: the data directory on one machine, PostgreSQL when replicas share state.
 */
export interface BlobStore {
  readonly kind: string;
  /** Writes or replaces the blob at `key`. */
  put(key: string, bytes: Uint8Array, contentType: string): Promise<void>;
  /** The blob at `key`, or null when there is none. */
  get(key: string): Promise<StoredBlob | null>;
  /** Removes the blob; false when there was none. */
  delete(key: string): Promise<boolean>;
  /** Removes the blobs under `prefix` (a key ending in `/`) last written before `before`; how many. */
  purge(prefix: string, before: Date): Promise<number>;
}

// Segments of letters, digits, `.`, `_` and `-` joined by `/`: maps onto a path with no escape.
const SEGMENT = /^[A-Za-z0-9_-][A-Za-z0-9._-]*$/;

/** The key itself when safe as a relative path in any backend; throws what is wrong otherwise. */
export function checkBlobKey(key: string): string {
  const segments = key.split('/');
  const bad = segments.find((s) => !SEGMENT.test(s) || s === '.' || s === '..');
  if (key.length === 0 || key.length > 512 || bad !== undefined) {
    throw new UserError(
      `invalid blob key ${JSON.stringify(key)}: use segments of letters, digits, '.', '_' or '-' joined by '/', none starting with '.'`,
    );
  }
  return key;
}

/** A key prefix: a safe key followed by `/`, so a purge never reaches past its folder. */
export function checkBlobPrefix(prefix: string): string {
  if (!prefix.endsWith('/'))
    throw new UserError(`invalid blob prefix ${JSON.stringify(prefix)}: end it with '/'`);
  checkBlobKey(prefix.slice(0, -1));
  return prefix;
}
