import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { AuditLog, type AuditOptions } from './audit.js';
import type { AuditStore } from './audit-store.js';
import type { SecurityBackend, SecurityState } from './backends.test-support.js';

const KEY = 'contract-audit-key-'.padEnd(40, 'x');
const OTHER_KEY = 'another-audit-key-'.padEnd(40, 'y');

async function appendN(log: AuditLog, n: number, actor = 'key:a'): Promise<void> {
  for (let i = 0; i < n; i++) {
    await log.append({
      actor: `${actor}${i}`,
      role: 'admin',
      action: 'POST /v1/documents',
      outcome: 'ok',
      status: 201,
    });
  }
}

/**
 * What every AuditStore adapter gives the audit log: one chain whatever the number of appenders,
 * and every edit a database writer can make without the audit code caught by `verify`.
 */
export function auditStoreContract(backend: SecurityBackend): void {
  describe(`${backend.name} AuditStore contract`, () => {
    if (backend.skip) {
      it.skip(backend.skip, () => {});
      return;
    }
    let state: SecurityState;
    let store: AuditStore;
    const logWith = async (n: number, options: AuditOptions = {}) => {
      const log = new AuditLog(store, options);
      await appendN(log, n);
      return log;
    };
    beforeEach(async () => {
      state = await backend.fresh();
      store = (await state.replica()).audit;
    });

    it('verifies an untouched log and reads it back newest first, detail included', async () => {
      const log = await logWith(4);
      const last = await log.append({
        actor: 'cli:ops',
        action: 'keys.create',
        target: 'key:1',
        outcome: 'ok',
        detail: { role: 'enterprise', enterpriseId: '甲乙', n: 2 },
      });
      expect(await log.verify()).toMatchObject({ ok: true, entries: 5, problems: [] });
      const recent = await log.recent(2);
      expect(recent.map((e) => e.seq)).toEqual([5, 4]);
      expect(recent[0]).toEqual(last);
      expect(recent[0]).toMatchObject({ detail: { enterpriseId: '甲乙' }, prevHash: recent[1]!.hash });
    });

    it('names the entry whose content was edited', async () => {
      const log = await logWith(5);
      await state.sql("UPDATE audit_log SET outcome = 'denied' WHERE seq = 3");
      const result = await log.verify();
      expect(result.ok).toBe(false);
      expect(result.problems).toEqual([{ seq: 3, problem: expect.stringMatching(/entry 3 was edited/) }]);
    });

    it('catches an edit whose hash was recomputed, at the next link', async () => {
      const log = await logWith(5);
      await state.sql(
        // The first hex digit is flipped to a different one: 'f' over an 'f' would change nothing.
        "UPDATE audit_log SET actor = 'key:forged', hash = (CASE substr(hash, 1, 1) WHEN 'f' THEN 'e' ELSE 'f' END) || substr(hash, 2) WHERE seq = 2",
      );
      const problems = (await log.verify()).problems.map((p) => p.seq);
      expect(problems).toContain(2);
      expect(problems).toContain(3);
    });

    it('fails when an entry in the middle is removed', async () => {
      const log = await logWith(5);
      await state.sql('DELETE FROM audit_log WHERE seq = 2');
      const result = await log.verify();
      expect(result.ok).toBe(false);
      expect(result.problems[0]).toMatchObject({
        seq: 2,
        problem: expect.stringMatching(/entry 2 is missing/),
      });
    });

    it('fails when the last entry is removed', async () => {
      const log = await logWith(5);
      await state.sql('DELETE FROM audit_log WHERE seq = 5');
      expect((await log.verify()).problems).toEqual([
        { seq: 5, problem: expect.stringMatching(/head records entry 5/) },
      ]);
    });

    it('fails when an entry is inserted', async () => {
      const log = await logWith(3);
      await state.sql('UPDATE audit_log SET seq = -seq WHERE seq >= 2');
      await state.sql('UPDATE audit_log SET seq = 1 - seq WHERE seq < 0');
      await state.sql(
        `INSERT INTO audit_log(seq, at, actor, action, outcome, prev_hash, hash)
         SELECT 2, at, 'key:intruder', action, outcome, hash, hash FROM audit_log WHERE seq = 1`,
      );
      const result = await log.verify();
      expect(result.ok).toBe(false);
      expect(result.problems.some((p) => p.seq === 2)).toBe(true);
    });

    it('with a key, catches the head moved back over deleted entries, and a verifier holding another key', async () => {
      const log = await logWith(5, { key: KEY });
      expect(await log.verify()).toMatchObject({ ok: true, entries: 5 });
      expect((await new AuditLog(store, { key: OTHER_KEY }).verify()).problems[0]).toMatchObject({
        seq: 1,
        problem: expect.stringMatching(/edited or forged/),
      });
      await state.sql('DELETE FROM audit_log WHERE seq = 5');
      await state.sql(
        'UPDATE audit_head SET seq = 4, hash = (SELECT hash FROM audit_log WHERE seq = 4) WHERE id = 1',
      );
      expect((await log.verify()).problems).toEqual([
        { seq: 4, problem: expect.stringMatching(/carries no valid MAC/) },
      ]);
    });

    it('checkpoints the head to a file that catches a truncation the database alone would hide', async () => {
      const checkpointFile = join(mkdtempSync(join(tmpdir(), 'ibrain-audit-cp-')), 'checkpoints.jsonl');
      const log = await logWith(5, { checkpointFile });
      expect(
        await log.checkpointNow({ actor: 'cli:ops', action: 'audit.checkpoint', outcome: 'ok' }),
      ).toMatchObject({ seq: 6 });
      expect(await log.verify()).toMatchObject({
        ok: true,
        entries: 6,
        checkpoints: { [checkpointFile]: 2 },
      });
      await state.sql('DELETE FROM audit_log WHERE seq = 6');
      await state.sql(
        'UPDATE audit_head SET seq = 5, hash = (SELECT hash FROM audit_log WHERE seq = 5) WHERE id = 1',
      );
      expect((await log.verify()).problems).toEqual([
        { seq: 6, problem: expect.stringMatching(/a checkpoint of .* records entry 6/) },
      ]);
    });

    it('refuses a checkpoint with nowhere to write it, before recording one', async () => {
      const log = await logWith(2);
      await expect(
        log.checkpointNow({ actor: 'cli:ops', action: 'audit.checkpoint', outcome: 'ok' }),
      ).rejects.toThrow(/set IBRAIN_AUDIT_CHECKPOINT/);
      expect(await log.verify()).toMatchObject({ ok: true, entries: 2 });
    });

    it('keeps one chain after a restart and after many appends', async () => {
      await logWith(2);
      const reopened = new AuditLog((await state.replica()).audit);
      await appendN(reopened, 298);
      const result = await reopened.verify();
      expect(result).toMatchObject({ ok: true, entries: 300, problems: [] });
    });

    it('keeps one chain when two replicas append at once', async () => {
      const a = new AuditLog((await state.replica()).audit, { key: KEY });
      const b = new AuditLog((await state.replica()).audit, { key: KEY });
      const writes = Array.from({ length: 50 }, (_, i) => [
        a.append({ actor: `key:a${i}`, action: 'POST /v1/documents', outcome: 'ok' }),
        b.append({ actor: `key:b${i}`, action: 'POST /v1/documents', outcome: 'ok' }),
      ]).flat();
      const entries = await Promise.all(writes);
      expect(entries.map((e) => e.seq).sort((x, y) => x - y)).toEqual(
        Array.from({ length: 100 }, (_, i) => i + 1),
      );
      expect(await a.verify()).toMatchObject({ ok: true, entries: 100, problems: [] });
      expect(await b.verify()).toMatchObject({ ok: true, entries: 100, problems: [] });
    });
  });
}
