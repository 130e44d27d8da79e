/** One audit entry as stored: both backends keep the same columns, hashed as they are stored. */
export interface AuditRow {
  seq: number;
  at: string;
  actor: string;
  role: string | null;
  action: string;
  target: string | null;
  outcome: string;
  status: number | null;
  /** The event's detail as the JSON text that was hashed. */
  detail: string | null;
  prev_hash: string;
  hash: string;
  /** Whether `hash` is an HMAC under the audit key (else a plain SHA-256). */
  keyed: boolean;
}

/** The chain's last entry as the store records it; `mac` signs it when the log is keyed. */
export interface ChainHead {
  seq: number;
  hash: string;
  mac: string | null;
}

/**
 * Where the audit chain's rows live. The chain itself (hashing, keying, verification, checkpoints)
 * is AuditLog's; a store only keeps rows and the head, and makes each append atomic.
 */
export interface AuditStore {
  /**
   * Reads the head, lets `seal` make the next entry from it, stores the entry and moves the head
   * to it, all in one transaction that holds the head against every other appender (other
   * processes included), so the chain never forks.
   */
  append(seal: (head: ChainHead | null) => { row: AuditRow; headMac: string | null }): Promise<AuditRow>;
  head(): Promise<ChainHead | null>;
  /** The newest entries first. */
  recent(limit: number): Promise<AuditRow[]>;
  /** Shows every entry in order to `visit`, then returns the head, all from one consistent read. */
  scan(visit: (row: AuditRow) => void): Promise<ChainHead | null>;
}
