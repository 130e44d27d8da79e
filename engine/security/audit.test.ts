import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../knowledge-graph/store/sqlite-db.js';
import { AuditLog } from './audit.js';

function logWith(n: number) {
  const db = openDatabase(':memory:');
  const log = AuditLog.open(db);
  for (let i = 0; i < n; i++) {
    log.append({
      actor: `key:${i}`,
      role: 'admin',
      action: 'POST /v1/documents',
      outcome: 'ok',
      status: 201,
    });
  }
  return { db, log };
}

describe('AuditLog hash chain', () => {
  it('verifies an untouched log', () => {
    const { log } = logWith(5);
    expect(log.verify()).toMatchObject({ ok: true, entries: 5, problems: [] });
    expect(log.recent(1)[0]!.seq).toBe(5);
  });

  it('names the row whose content was edited', () => {
    const { db, log } = logWith(5);
    db.prepare("UPDATE audit_log SET outcome = 'denied' WHERE seq = 3").run();
    const result = log.verify();
    expect(result.ok).toBe(false);
    expect(result.problems).toEqual([{ seq: 3, problem: expect.stringMatching(/entry 3 was edited/) }]);
  });

  it('catches an edit whose hash was recomputed, at the next link', () => {
    const { db, log } = logWith(5);
    db.prepare(
      // The first hex digit is flipped to a different one: 'f' over an 'f' would change nothing.
      "UPDATE audit_log SET actor = 'key:forged', hash = (CASE substr(hash, 1, 1) WHEN 'f' THEN 'e' ELSE 'f' END) || substr(hash, 2) WHERE seq = 2",
    ).run();
    const problems = log.verify().problems.map((p) => p.seq);
    expect(problems).toContain(2);
    expect(problems).toContain(3);
  });

  it('fails when a row in the middle is removed', () => {
    const { db, log } = logWith(5);
    db.prepare('DELETE FROM audit_log WHERE seq = 2').run();
    const result = log.verify();
    expect(result.ok).toBe(false);
    expect(result.problems[0]).toMatchObject({
      seq: 2,
      problem: expect.stringMatching(/entry 2 is missing/),
    });
  });

  it('fails when the last row is removed', () => {
    const { db, log } = logWith(5);
    db.prepare('DELETE FROM audit_log WHERE seq = 5').run();
    expect(log.verify().problems).toEqual([
      { seq: 5, problem: expect.stringMatching(/head records entry 5/) },
    ]);
  });

  it('fails when a row is inserted', () => {
    const { db, log } = logWith(3);
    db.prepare('UPDATE audit_log SET seq = -seq WHERE seq >= 2').run();
    db.prepare('UPDATE audit_log SET seq = 1 - seq WHERE seq < 0').run();
    db.prepare(
      `INSERT INTO audit_log(seq, at, actor, action, outcome, prev_hash, hash)
       SELECT 2, at, 'key:intruder', action, outcome, hash, hash FROM audit_log WHERE seq = 1`,
    ).run();
    const result = log.verify();
    expect(result.ok).toBe(false);
    expect(result.problems.some((p) => p.seq === 2)).toBe(true);
  });

  it('keeps chaining after a restart', () => {
    const { db, log } = logWith(2);
    const reopened = AuditLog.open(db);
    reopened.append({ actor: 'cli', action: 'keys.create', outcome: 'ok' });
    expect(log.verify()).toMatchObject({ ok: true, entries: 3 });
  });
});
