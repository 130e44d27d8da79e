import { createHash } from 'node:crypto';
import type { Transaction } from 'better-sqlite3';
import type { SqliteDatabase } from '../../knowledge-graph/store/sqlite-db.js';

export type AuditOutcome = 'ok' | 'denied' | 'failed';

export interface AuditEvent {
  /** `key:<id>`, `anonymous`, or `cli`; never a secret. */
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
}

export interface AuditProblem {
  seq: number;
  problem: string;
}

export interface AuditVerification {
  ok: boolean;
  entries: number;
  problems: AuditProblem[];
}

const GENESIS = '0'.repeat(64);

const SCHEMA = `
CREATE TABLE IF NOT EXISTS audit_log (
  seq INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  role TEXT,
  action TEXT NOT NULL,
  target TEXT,
  outcome TEXT NOT NULL,
  status INTEGER,
  detail TEXT,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS audit_head (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  seq INTEGER NOT NULL,
  hash TEXT NOT NULL
);
`;

interface Row {
  seq: number;
  at: string;
  actor: string;
  role: string | null;
  action: string;
  target: string | null;
  outcome: string;
  status: number | null;
  detail: string | null;
  prev_hash: string;
  hash: string;
}

function entryHash(row: Omit<Row, 'hash'>): string {
  const fields = [
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
  ];
  return createHash('sha256').update(JSON.stringify(fields)).digest('hex');
}

/**
 * An append-only log kept as a hash chain: each entry's hash covers its fields and the previous
 * entry's hash, and a one-row head records the last sequence number and hash. Editing a row
 * breaks its hash, deleting or inserting one breaks the sequence or the next link, and removing
 * the tail disagrees with the head.
 */
export class AuditLog {
  private readonly appendTx: Transaction<(event: AuditEvent, at: string) => AuditEntry>;

  private constructor(private readonly db: SqliteDatabase) {
    const head = db.prepare('SELECT seq, hash FROM audit_head WHERE id = 1');
    const insert = db.prepare(
      `INSERT INTO audit_log(seq, at, actor, role, action, target, outcome, status, detail, prev_hash, hash)
       VALUES (@seq, @at, @actor, @role, @action, @target, @outcome, @status, @detail, @prev_hash, @hash)`,
    );
    const setHead = db.prepare(
      'INSERT INTO audit_head(id, seq, hash) VALUES (1, ?, ?) ON CONFLICT(id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash',
    );
    this.appendTx = db.transaction((event: AuditEvent, at: string) => {
      const last = head.get() as { seq: number; hash: string } | undefined;
      const unhashed = {
        seq: (last?.seq ?? 0) + 1,
        at,
        actor: event.actor,
        role: event.role ?? null,
        action: event.action,
        target: event.target ?? null,
        outcome: event.outcome,
        status: event.status ?? null,
        detail: event.detail ? JSON.stringify(event.detail) : null,
        prev_hash: last?.hash ?? GENESIS,
      };
      const row: Row = { ...unhashed, hash: entryHash(unhashed) };
      insert.run(row);
      setHead.run(row.seq, row.hash);
      return toEntry(row);
    });
  }

  static open(db: SqliteDatabase): AuditLog {
    db.exec(SCHEMA);
    return new AuditLog(db);
  }

  append(event: AuditEvent, at: Date = new Date()): AuditEntry {
    return this.appendTx.immediate(event, at.toISOString());
  }

  /** The newest entries first. */
  recent(limit = 50): AuditEntry[] {
    const rows = this.db.prepare('SELECT * FROM audit_log ORDER BY seq DESC LIMIT ?').all(limit) as Row[];
    return rows.map(toEntry);
  }

  verify(): AuditVerification {
    const problems: AuditProblem[] = [];
    let expectedSeq = 1;
    let prev = GENESIS;
    let entries = 0;
    for (const row of this.db.prepare('SELECT * FROM audit_log ORDER BY seq').iterate() as Iterable<Row>) {
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
      const { hash, ...unhashed } = row;
      if (entryHash(unhashed) !== hash) {
        problems.push({
          seq: row.seq,
          problem: `entry ${row.seq} was edited (its hash does not match its content)`,
        });
      }
      prev = row.hash;
      expectedSeq = row.seq + 1;
    }
    const head = this.db.prepare('SELECT seq, hash FROM audit_head WHERE id = 1').get() as
      | { seq: number; hash: string }
      | undefined;
    const lastSeq = expectedSeq - 1;
    if ((head?.seq ?? 0) !== lastSeq || (head?.hash ?? GENESIS) !== prev) {
      problems.push({
        seq: head?.seq ?? lastSeq,
        problem: `the log ends at entry ${lastSeq} but its head records entry ${head?.seq ?? 0} (entries were removed from or added to the end)`,
      });
    }
    return { ok: problems.length === 0, entries, problems };
  }
}

function toEntry(row: Row): AuditEntry {
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
  };
}
