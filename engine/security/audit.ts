import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { AuditRow, AuditStore, ChainHead } from './audit-store.js';
import { type Checkpoint, CheckpointFiles } from './checkpoints.js';

export type AuditOutcome = 'ok' | 'denied' | 'failed';

export interface AuditEvent {
  /** `key:<id>`, `anonymous`, `cli:<user>` or `ip:<address>`; never a secret. */
  actor: string;
  role?: string | null;
  /** What was attempted, e.g. `POST /v1/documents`, `keys.create`, `session.login`. */
  action: string;
  target?: string | null;
  outcome: AuditOutcome;
  status?: number | null;
  detail?: Record<string, unknown>;
}

export interface AuditEntry extends Required<Omit<AuditEvent, 'detail'>> {
  seq: number;
  at: string;
  detail: Record<string, unknown> | null;
  prevHash: string;
  hash: string;
  /** Whether the entry's hash is an HMAC under the audit key (else a plain SHA-256). */
  keyed: boolean;
}

export interface AuditProblem {
  seq: number;
  problem: string;
}

export interface AuditVerification {
  ok: boolean;
  entries: number;
  problems: AuditProblem[];
  /** Weaknesses that are not tampering: no key set, entries from before the key, unsigned checkpoints. */
  warnings: string[];
  /** How many checkpoints were checked, per file. */
  checkpoints: Record<string, number>;
}

export interface AuditOptions {
  /** IBRAIN_AUDIT_KEY: keys every entry's hash and every checkpoint (HMAC-SHA256); ≥ 32 bytes. */
  key?: string;
  /** The data directory's checkpoint file. */
  checkpointFile?: string;
  /** A second checkpoint file outside the data directory (another volume, a write-once mount). */
  externalCheckpointFile?: string;
  /** A checkpoint is written after this many entries or this many seconds, whichever comes first. */
  checkpointEvery?: number;
  checkpointSeconds?: number;
  /** Where problems writing a checkpoint are reported (they never fail the audited request). */
  onWarning?: (message: string) => void;
}

export const MIN_KEY_BYTES = 32;
const NO_CHECKPOINT_FILE =
  'no audit checkpoint file is configured, so nothing outside the database vouches for the head; set IBRAIN_AUDIT_CHECKPOINT (audit.checkpointPath) to a file on a volume every replica shares';
const GENESIS = '0'.repeat(64);

/** The text an entry's hash covers, in one fixed order (a verifier or a tamper test must agree on it). */
export function fieldsOf(row: Omit<AuditRow, 'hash' | 'keyed'>): string {
  return JSON.stringify([
    row.seq,
    row.at,
    row.actor,
    row.role,
    row.action,
    row.target,
    row.outcome,
    row.status,
    row.detail,
    row.prev_hash,
  ]);
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function sameHex(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && x.length > 0 && timingSafeEqual(x, y);
}

/** Refuses a key too short to resist guessing; the message never contains the key. */
export function checkAuditKey(key: string): void {
  const bytes = Buffer.byteLength(key, 'utf8');
  if (bytes < MIN_KEY_BYTES) {
    throw new Error(
      `IBRAIN_AUDIT_KEY is ${bytes} bytes; it must be at least ${MIN_KEY_BYTES} (e.g. openssl rand -base64 48)`,
    );
  }
}

/**
 * An append-only log kept as a hash chain: each entry's hash covers its fields and the previous
 * entry's hash, and a one-row head records the last sequence number and hash. With an audit key
 * the hashes are HMACs and the head carries a MAC, so someone who can write the database but does
 * not hold the key can neither recompute the chain after an edit nor move the head back after
 * deleting the newest entries. Signed checkpoints of the head, appended to files outside the
 * database, catch what a database writer could still do: drop the tables, or rewrite the chain
 * of a log kept without a key.
 */
export class AuditLog {
  private readonly mac: ((text: string) => string) | null;
  private readonly checkpoints: CheckpointFiles;
  private sinceCheckpoint = 0;
  private lastCheckpointAt = 0;
  private pendingCheckpoint: { seq: number; hash: string } | null = null;

  constructor(
    private readonly store: AuditStore,
    private readonly options: AuditOptions = {},
  ) {
    const key = options.key;
    if (key !== undefined) checkAuditKey(key);
    this.mac = key === undefined ? null : (text) => createHmac('sha256', key).update(text).digest('hex');
    this.checkpoints = new CheckpointFiles(
      [options.checkpointFile, options.externalCheckpointFile].flatMap((f) => (f ? [f] : [])),
      this.mac,
    );
  }

  get keyed(): boolean {
    return this.mac !== null;
  }

  private headMac(seq: number, hash: string): string | null {
    return this.mac ? this.mac(JSON.stringify(['head', seq, hash])) : null;
  }

  /** The next entry after the head, hashed (or keyed) over its fields and the head's hash. */
  private seal(
    event: AuditEvent,
    at: string,
    head: ChainHead | null,
  ): { row: AuditRow; headMac: string | null } {
    const unhashed = {
      seq: (head?.seq ?? 0) + 1,
      at,
      actor: event.actor,
      role: event.role ?? null,
      action: event.action,
      target: event.target ?? null,
      outcome: event.outcome,
      status: event.status ?? null,
      detail: event.detail ? JSON.stringify(event.detail) : null,
      prev_hash: head?.hash ?? GENESIS,
    };
    const fields = fieldsOf(unhashed);
    const row: AuditRow = {
      ...unhashed,
      hash: this.mac ? this.mac(fields) : sha256(fields),
      keyed: this.mac !== null,
    };
    return { row, headMac: this.headMac(row.seq, row.hash) };
  }

  async append(event: AuditEvent, at: Date = new Date()): Promise<AuditEntry> {
    const entry = toEntry(await this.store.append((head) => this.seal(event, at.toISOString(), head)));
    this.sinceCheckpoint++;
    // Appends from one process may settle out of order; the checkpoint follows the furthest.
    if (!this.pendingCheckpoint || entry.seq > this.pendingCheckpoint.seq) {
      this.pendingCheckpoint = { seq: entry.seq, hash: entry.hash };
    }
    const every = this.options.checkpointEvery ?? 50;
    const seconds = this.options.checkpointSeconds ?? 30;
    if (
      !this.checkpoints.any() ||
      this.sinceCheckpoint >= every ||
      Date.now() - this.lastCheckpointAt >= seconds * 1000
    ) {
      this.flushCheckpoint();
    }
    return entry;
  }

  /** Writes a checkpoint of the newest entry this process appended, if not written yet. */
  flushCheckpoint(): void {
    const pending = this.pendingCheckpoint;
    if (!pending) return;
    this.writeCheckpoint(pending);
  }

  /**
   * Appends `recordAs` (so the checkpoint covers the entry that records it), checks the chain, then
   * records the head it checked as a checkpoint (`ibrain audit checkpoint`); a log written before
   * checkpoints existed gets its first one this way.
   */
  async checkpointNow(recordAs?: AuditEvent): Promise<Checkpoint> {
    if (!this.checkpoints.configured) throw new Error(NO_CHECKPOINT_FILE);
    if (recordAs) await this.append(recordAs);
    const { result, head } = await this.check({ ignoreMissingCheckpoints: true });
    if (!result.ok) {
      throw new Error(
        `the audit log does not verify, so no checkpoint was written: ${result.problems[0]!.problem}`,
      );
    }
    // The head the check read, not a newer one: another replica may have appended since.
    return this.writeCheckpoint(head ?? { seq: 0, hash: GENESIS });
  }

  private writeCheckpoint(head: { seq: number; hash: string }): Checkpoint {
    const checkpoint = this.checkpoints.make(head.seq, head.hash);
    for (const failure of this.checkpoints.append(checkpoint)) {
      this.options.onWarning?.(`could not write the audit checkpoint ${failure.file}: ${failure.message}`);
    }
    this.pendingCheckpoint = null;
    this.sinceCheckpoint = 0;
    this.lastCheckpointAt = Date.now();
    return checkpoint;
  }

  /** The newest entries first. */
  async recent(limit = 50): Promise<AuditEntry[]> {
    return (await this.store.recent(limit)).map(toEntry);
  }

  async verify(options: { ignoreMissingCheckpoints?: boolean } = {}): Promise<AuditVerification> {
    return (await this.check(options)).result;
  }

  private async check(options: {
    ignoreMissingCheckpoints?: boolean;
  }): Promise<{ result: AuditVerification; head: ChainHead | null }> {
    const problems: AuditProblem[] = [];
    const warnings: string[] = [];
    let expectedSeq = 1;
    let prev = GENESIS;
    let entries = 0;
    let unkeyed = 0;
    let firstKeyed: number | null = null;
    const hashAt = new Map<number, string>();
    const head = await this.store.scan((row) => {
      entries++;
      if (row.seq > expectedSeq) {
        const gap = row.seq - 1 === expectedSeq ? `${expectedSeq}` : `${expectedSeq}-${row.seq - 1}`;
        problems.push({ seq: expectedSeq, problem: `entry ${gap} is missing (deleted)` });
      }
      if (row.prev_hash !== prev) {
        problems.push({
          seq: row.seq,
          problem: `entry ${row.seq} does not link to the entry before it (an entry was inserted, removed or rewritten)`,
        });
      }
      const fields = fieldsOf(row);
      if (row.keyed) {
        firstKeyed ??= row.seq;
        if (!this.mac) {
          problems.push({
            seq: row.seq,
            problem: `entry ${row.seq} is keyed: set IBRAIN_AUDIT_KEY to the log's key to verify it`,
          });
        } else if (!sameHex(this.mac(fields), row.hash)) {
          problems.push({
            seq: row.seq,
            problem: `entry ${row.seq} was edited or forged (its HMAC does not match its content under the audit key)`,
          });
        }
      } else {
        unkeyed++;
        if (firstKeyed !== null) {
          problems.push({
            seq: row.seq,
            problem: `entry ${row.seq} is not keyed but follows keyed entries (the chain was recomputed without the key)`,
          });
        } else if (sha256(fields) !== row.hash) {
          problems.push({
            seq: row.seq,
            problem: `entry ${row.seq} was edited (its hash does not match its content)`,
          });
        }
      }
      hashAt.set(row.seq, row.hash);
      prev = row.hash;
      expectedSeq = row.seq + 1;
    });
    const lastSeq = expectedSeq - 1;
    this.checkHead(head, lastSeq, prev, hashAt.size > 0 && firstKeyed !== null, problems);
    const checked = this.checkpoints.verify(lastSeq, hashAt, problems, warnings, options);
    if (!this.checkpoints.configured) warnings.push(NO_CHECKPOINT_FILE);
    if (!this.mac) {
      warnings.push(
        'IBRAIN_AUDIT_KEY is not set: entries are hash-chained but not keyed, so a database writer could rewrite entries made after the last checkpoint',
      );
    } else if (unkeyed > 0 && firstKeyed === null && entries > 0) {
      warnings.push(`all ${unkeyed} entries predate the audit key: they are hash-chained but not keyed`);
    } else if (unkeyed > 0 && firstKeyed !== null && firstKeyed > 1) {
      warnings.push(`entries 1-${firstKeyed - 1} predate the audit key: they are hash-chained but not keyed`);
    }
    return { result: { ok: problems.length === 0, entries, problems, warnings, checkpoints: checked }, head };
  }

  private checkHead(
    head: ChainHead | null,
    lastSeq: number,
    lastHash: string,
    lastKeyed: boolean,
    problems: AuditProblem[],
  ): void {
    if ((head?.seq ?? 0) !== lastSeq || (head?.hash ?? GENESIS) !== lastHash) {
      problems.push({
        seq: head?.seq ?? lastSeq,
        problem: `the log ends at entry ${lastSeq} but its head records entry ${head?.seq ?? 0} (entries were removed from or added to the end)`,
      });
      return;
    }
    if (head && this.mac && lastKeyed) {
      const expected = this.headMac(head.seq, head.hash)!;
      if (!head.mac || !sameHex(expected, head.mac)) {
        problems.push({
          seq: head.seq,
          problem: `the head (entry ${head.seq}) carries no valid MAC under the audit key: it was moved or forged (e.g. after deleting the newest entries)`,
        });
      }
    }
  }
}

function toEntry(row: AuditRow): AuditEntry {
  return {
    seq: row.seq,
    at: row.at,
    actor: row.actor,
    role: row.role,
    action: row.action,
    target: row.target,
    outcome: row.outcome as AuditOutcome,
    status: row.status,
    detail: row.detail ? (JSON.parse(row.detail) as Record<string, unknown>) : null,
    prevHash: row.prev_hash,
    hash: row.hash,
    keyed: row.keyed,
  };
}
