import { createHash, createHmac, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fieldsOf } from '../engine/security/audit.js';
import type { AuditRow } from '../engine/security/audit-store.js';
import { buildProgram } from './program.js';

/**
 * `ibrain audit verify` against someone who can write the database file but holds neither the
 * audit key nor the checkpoint files: every tampering below must fail verification.
 */
const KEY = 'k'.repeat(16) + randomBytes(24).toString('base64');
let dir: string;
const run = (...args: string[]) => buildProgram().parseAsync(['node', 'ibrain', '--data-dir', dir, ...args]);
const verify = () => run('audit', 'verify');

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ibrain-audit-tamper-'));
  vi.spyOn(process.stdout, 'write').mockReturnValue(true);
  vi.spyOn(process.stderr, 'write').mockReturnValue(true);
});
afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
  rmSync(dir, { recursive: true, force: true });
});

/** The database writer's tools: plain SQL on the file, and the hashing code (it is open source). */
function tamper(work: (db: Database.Database) => void): void {
  const db = new Database(join(dir, 'ibrain.sqlite'));
  try {
    work(db);
  } finally {
    db.close();
  }
}

/** Rewrites every hash (and the head) so the chain links again, with `hash` as the attacker's function. */
function recompute(db: Database.Database, hash: (fields: string) => string, keyed: boolean): void {
  const rows = db.prepare('SELECT * FROM audit_log ORDER BY seq').all() as AuditRow[];
  let prev = '0'.repeat(64);
  const update = db.prepare('UPDATE audit_log SET prev_hash = ?, hash = ?, keyed = ? WHERE seq = ?');
  for (const row of rows) {
    const fields = fieldsOf({ ...row, prev_hash: prev });
    const h = hash(fields);
    update.run(prev, h, keyed ? 1 : 0, row.seq);
    prev = h;
  }
  const last = rows.at(-1)!;
  db.prepare('UPDATE audit_head SET seq = ?, hash = ?, mac = NULL').run(last.seq, prev);
}

async function writeEntries(n: number): Promise<void> {
  for (let i = 0; i < n; i++) await run('keys', 'create', '--role', 'evaluator', '--label', `k${i}`);
}

describe('with IBRAIN_AUDIT_KEY set', () => {
  beforeEach(async () => {
    vi.stubEnv('IBRAIN_AUDIT_KEY', KEY);
    await writeEntries(5);
    await expect(verify()).resolves.toBeDefined();
  });

  it('fails after an edited row', async () => {
    tamper((db) => db.prepare(`UPDATE audit_log SET detail = '{"role":"admin"}' WHERE seq = 3`).run());
    await expect(verify()).rejects.toThrow(/entry 3 was edited or forged/);
  });

  it.each([
    ['first', 1],
    ['middle', 3],
  ])('fails after the %s row is deleted', async (_, seq) => {
    tamper((db) => db.prepare('DELETE FROM audit_log WHERE seq = ?').run(seq));
    await expect(verify()).rejects.toThrow(new RegExp(`entry ${seq} is missing`));
  });

  it('fails after the last row is deleted', async () => {
    tamper((db) => db.prepare('DELETE FROM audit_log WHERE seq = 5').run());
    await expect(verify()).rejects.toThrow(/head records entry 5/);
  });

  it('fails after the last row is deleted and the head moved to match', async () => {
    tamper((db) => {
      db.prepare('DELETE FROM audit_log WHERE seq = 5').run();
      db.prepare(
        'UPDATE audit_head SET seq = 4, hash = (SELECT hash FROM audit_log WHERE seq = 4) WHERE id = 1',
      ).run();
    });
    await expect(verify()).rejects.toThrow(/head \(entry 4\) carries no valid MAC|checkpoint/);
  });

  it('fails after the whole chain is recomputed without the key', async () => {
    tamper((db) => {
      db.prepare(`UPDATE audit_log SET actor = 'key:someone-else' WHERE seq = 2`).run();
      recompute(db, (f) => createHash('sha256').update(f).digest('hex'), false);
    });
    await expect(verify()).rejects.toThrow(/recomputed without the key|checkpoint/);
    tamper((db) =>
      recompute(
        db,
        (f) => createHmac('sha256', 'a guessed key of 32 bytes or more!').update(f).digest('hex'),
        true,
      ),
    );
    await expect(verify()).rejects.toThrow(/forged/);
  });

  it('fails after both tables are dropped', async () => {
    tamper((db) => db.exec('DROP TABLE audit_log; DROP TABLE audit_head;'));
    await expect(verify()).rejects.toThrow(/log ends at entry 0 but a checkpoint .* records entry/);
  });

  it('fails when the verifier holds another key', async () => {
    vi.stubEnv('IBRAIN_AUDIT_KEY', `${KEY}-rotated-without-telling-anyone`);
    await expect(verify()).rejects.toThrow(/HMAC|signature/);
  });
});

describe('without a key, checkpoints still catch a database writer', () => {
  beforeEach(async () => {
    vi.stubEnv('IBRAIN_AUDIT_CHECKPOINT_EVERY', '1');
    await writeEntries(4);
  });

  it('fails after the chain is recomputed over an edit', async () => {
    tamper((db) => {
      db.prepare(`UPDATE audit_log SET outcome = 'failed' WHERE seq = 2`).run();
      recompute(db, (f) => createHash('sha256').update(f).digest('hex'), false);
    });
    await expect(verify()).rejects.toThrow(/entry 2 is not the one checkpointed/);
  });

  it('fails after the last row is deleted and the head moved to match', async () => {
    tamper((db) => {
      db.prepare('DELETE FROM audit_log WHERE seq = 4').run();
      db.prepare(
        'UPDATE audit_head SET seq = 3, hash = (SELECT hash FROM audit_log WHERE seq = 3) WHERE id = 1',
      ).run();
    });
    await expect(verify()).rejects.toThrow(/log ends at entry 3 but a checkpoint/);
  });

  it('fails after both tables are dropped instead of reporting "ok: 0 entries"', async () => {
    tamper((db) => db.exec('DROP TABLE audit_log; DROP TABLE audit_head;'));
    await expect(verify()).rejects.toThrow(/checkpoint/);
  });
});

describe('the audit key setting', () => {
  it('is refused when shorter than 32 bytes, naming the variable but never the value', async () => {
    vi.stubEnv('IBRAIN_AUDIT_KEY', 'short-secret');
    await expect(verify()).rejects.toThrow(/IBRAIN_AUDIT_KEY.*at least 32 bytes/);
    await expect(verify()).rejects.not.toThrow(/short-secret/);
  });
});

describe('with a second checkpoint file outside the data directory', () => {
  let external: string;
  beforeEach(async () => {
    external = join(mkdtempSync(join(tmpdir(), 'ibrain-audit-external-')), 'checkpoints.jsonl');
    vi.stubEnv('IBRAIN_AUDIT_KEY', KEY);
    vi.stubEnv('IBRAIN_AUDIT_CHECKPOINT', external);
    await writeEntries(3);
    await expect(verify()).resolves.toBeDefined();
  });
  afterEach(() => rmSync(join(external, '..'), { recursive: true, force: true }));

  it('checks both: with the tables dropped and the data directory’s file deleted, the external one still tells', async () => {
    tamper((db) => db.exec('DROP TABLE audit_log; DROP TABLE audit_head;'));
    rmSync(join(dir, 'audit-checkpoints.jsonl'));
    vi.mocked(process.stdout.write).mockClear();
    await expect(run('audit', 'verify', '--json')).rejects.toThrow(/checkpoint/);
    const printed = vi
      .mocked(process.stdout.write)
      .mock.calls.map((c) => String(c[0]))
      .join('');
    const problems = (JSON.parse(printed) as { problems: Array<{ problem: string }> }).problems.map(
      (p) => p.problem,
    );
    expect(
      problems.some((p) => /the log ends at entry 0 but a checkpoint .* records entry [1-9]/.test(p)),
    ).toBe(true);
  });

  it('fails when the external file is missing', async () => {
    rmSync(external);
    await expect(verify()).rejects.toThrow(
      new RegExp(`no checkpoint file ${external.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}`),
    );
  });
});
