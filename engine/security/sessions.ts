import { createHash, randomBytes } from 'node:crypto';

/**
 * Portal sessions: the browser holds a random session id, never the API key; the store holds
 * only the id's hash, so a copy of the database cannot be replayed as cookies.
 */
export interface SessionStore {
  /** A new session id for the key, live for `ttlMs` from `now`. */
  create(keyId: string, ttlMs: number, now?: Date): Promise<string>;
  /** The key id behind a live session, or null when unknown or expired (an expired one is removed). */
  resolve(id: string, now?: Date): Promise<string | null>;
  destroy(id: string): Promise<void>;
  /** Removes every expired session; returns how many. */
  purgeExpired(now?: Date): Promise<number>;
}

/** A session as stored: both backends keep the same columns. */
export interface SessionRow {
  id_hash: string;
  key_id: string;
  created_at: string;
  expires_at: string;
}

export function hashSessionId(id: string): string {
  return createHash('sha256').update(id).digest('hex');
}

/** A new session id and the row to store for it. */
export function mintSession(keyId: string, ttlMs: number, now: Date): { id: string; row: SessionRow } {
  const id = randomBytes(32).toString('base64url');
  return {
    id,
    row: {
      id_hash: hashSessionId(id),
      key_id: keyId,
      created_at: now.toISOString(),
      expires_at: new Date(now.getTime() + ttlMs).toISOString(),
    },
  };
}
