import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  postgresSkipReason,
  type ScratchDatabase,
  scratchDatabase,
} from '../knowledge-graph/store/postgres.test-support.js';
import { buildProgram } from './program.js';

/**
 * `ibrain keys` and `ibrain audit` on shared state: two data directories stand for two replicas
 * of one PostgreSQL, which holds the keys and the one audit chain both append to.
 */
const skip = await postgresSkipReason();
let db: ScratchDatabase;
let root: string;
const replica =
  (name: string) =>
  (...args: string[]) =>
    buildProgram().parseAsync(['node', 'ibrain', '--data-dir', join(root, name), ...args]);
const printed = () =>
  vi
    .mocked(process.stdout.write)
    .mock.calls.map((c) => String(c[0]))
    .join('');

describe.skipIf(skip !== undefined)('ibrain keys and audit on PostgreSQL state', () => {
  beforeAll(async () => {
    db = await scratchDatabase();
  });
  afterAll(() => db?.drop());
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'ibrain-audit-pg-'));
    vi.stubEnv('IBRAIN_STATE', 'postgres');
    vi.stubEnv('DATABASE_URL', db.url);
    vi.stubEnv('IBRAIN_AUDIT_KEY', randomBytes(48).toString('base64'));
    vi.stubEnv('IBRAIN_AUDIT_CHECKPOINT', join(root, 'shared', 'audit-checkpoints.jsonl'));
    vi.spyOn(process.stdout, 'write').mockReturnValue(true);
    vi.spyOn(process.stderr, 'write').mockReturnValue(true);
  });
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.restoreAllMocks();
    rmSync(root, { recursive: true, force: true });
  });

  it('shares keys and verifies one chain written by both replicas, then catches a truncation', async () => {
    const a = replica('a');
    const b = replica('b');
    await a('keys', 'create', '--role', 'analyst', '--json');
    const { id } = JSON.parse(printed()) as { id: string };
    await b('keys', 'revoke', id);
    await a('keys', 'list', '--json');
    expect(printed()).toMatch(/"revokedAt": ?"\d{4}-/);
    await b('audit', 'checkpoint');
    await a('audit', 'verify');
    expect(printed()).toMatch(/audit log ok: 3 entries, chain intact, [1-9]\d* checkpoints agree/);

    await db.pool.query('DELETE FROM audit_log WHERE seq = 3');
    await db.pool.query(
      'UPDATE audit_head SET seq = 2, hash = (SELECT hash FROM audit_log WHERE seq = 2) WHERE id = 1',
    );
    await expect(b('audit', 'verify')).rejects.toThrow(/head \(entry 2\) carries no valid MAC/);
  });

  it('says the audit tables are missing when they were dropped, rather than a database error', async () => {
    const a = replica('a');
    await a('keys', 'create', '--role', 'analyst', '--json');
    await db.pool.query('DROP TABLE audit_log, audit_head');
    await expect(a('audit', 'verify')).rejects.toThrow(
      /audit tables are missing .*restore audit_log and audit_head/,
    );
  });
});
if (skip) describe('ibrain keys and audit on PostgreSQL state', () => it.skip(skip, () => {}));
