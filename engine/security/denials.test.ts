import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../knowledge-graph/store/sqlite-db.js';
import { AuditLog } from './audit.js';
import { SqliteAuditStore } from './audit-sqlite.js';
import type { AuditStore } from './audit-store.js';
import { DenialLog } from './denials.js';

const denial = { actor: 'ip:203.0.113.7', action: 'authenticate', outcome: 'denied', status: 401 } as const;

describe('DenialLog', () => {
  it('counts repeats that arrive while the first denial is being written, and writes the count on flush', async () => {
    const audit = new AuditLog(SqliteAuditStore.open(openDatabase(':memory:')));
    const t = 1_000_000;
    const log = new DenialLog(audit, () => t);
    await Promise.all([log.record(denial), log.record({ ...denial, target: '/v1/a' }), log.record(denial)]);
    expect(await audit.recent(10)).toHaveLength(1);
    await log.flush(true);
    const [summary] = await audit.recent(1);
    expect(summary).toMatchObject({ seq: 2, detail: { repeated: 2, targets: ['/v1/a'] } });
    expect((await audit.verify()).ok).toBe(true);
  });

  it('hands a failed write to the caller instead of dropping it', async () => {
    const broken: AuditStore = {
      append: () => Promise.reject(new Error('the audit store is unreachable')),
      head: async () => null,
      recent: async () => [],
      scan: async () => null,
    };
    const log = new DenialLog(new AuditLog(broken));
    await expect(log.record(denial)).rejects.toThrow(/unreachable/);
  });
});
