import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { buildProgram } from '../cli/program.js';

let dir: string;
const run = (...args: string[]) => buildProgram().parseAsync(['node', 'ibrain', '--data-dir', dir, ...args]);

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ibrain-audit-cli-'));
  vi.spyOn(process.stdout, 'write').mockReturnValue(true);
  vi.spyOn(process.stderr, 'write').mockReturnValue(true);
});
afterEach(() => {
  vi.restoreAllMocks();
  rmSync(dir, { recursive: true, force: true });
});

function tamper(sql: string): void {
  const db = new Database(join(dir, 'ibrain.sqlite'));
  db.prepare(sql).run();
  db.close();
}

describe('ibrain keys create and ibrain audit verify', () => {
  it('prints {"key": …} and passes on an untouched log', async () => {
    await run('keys', 'create', '--role', 'analyst', '--json');
    const printed = vi
      .mocked(process.stdout.write)
      .mock.calls.map((c) => String(c[0]))
      .join('');
    expect(JSON.parse(printed).key).toMatch(/^ibk_/);
    await expect(run('audit', 'verify')).resolves.toBeDefined();
  });

  it('fails after one row is edited, naming it', async () => {
    for (let i = 0; i < 3; i++) await run('keys', 'create', '--role', 'evaluator');
    tamper('UPDATE audit_log SET detail = \'{"role":"admin"}\' WHERE seq = 2');
    await expect(run('audit', 'verify')).rejects.toThrow(/entry 2 was edited/);
  });

  it('fails after one row is removed', async () => {
    for (let i = 0; i < 3; i++) await run('keys', 'create', '--role', 'evaluator');
    tamper('DELETE FROM audit_log WHERE seq = 2');
    await expect(run('audit', 'verify')).rejects.toThrow(/entry 2 is missing/);
  });
});
