import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { buildProgram } from './program.js';

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

describe('every CLI write is audited', () => {
  it('imports, visibility changes, ingests and keys each leave an entry naming the OS user', async () => {
    const { writeFileSync } = await import('node:fs');
    const file = join(dir, 'graph.jsonl');
    const line = (visibility: string) =>
      [
        JSON.stringify({ type: 'Product', id: 'product:电芯', name: '电芯' }),
        JSON.stringify({ type: 'Product', id: 'product:隔膜', name: '隔膜' }),
        JSON.stringify({ type: 'MADE_FROM', from: 'product:电芯', to: 'product:隔膜', visibility }),
      ].join('\n');
    writeFileSync(file, line('public'));
    await run('import', 'jsonl', file);
    writeFileSync(file, line('enterprise:E9'));
    await run('import', 'jsonl', file);
    const doc = join(dir, 'note.md');
    writeFileSync(doc, '# 隔膜\n隔膜产能说明。\n');
    await run('ingest', doc);
    await run('keys', 'create', '--role', 'analyst');
    const db = new Database(join(dir, 'ibrain.sqlite'));
    const rows = db
      .prepare('SELECT actor, action, target, outcome, detail FROM audit_log ORDER BY seq')
      .all() as Array<{
      actor: string;
      action: string;
      target: string | null;
      outcome: string;
      detail: string | null;
    }>;
    db.close();
    expect(rows.map((r) => r.action)).toEqual([
      'import.jsonl',
      'import.jsonl',
      'visibility.change',
      'ingest',
      'keys.create',
    ]);
    expect(rows.every((r) => r.actor.startsWith('cli'))).toBe(true);
    expect(JSON.parse(rows[2]!.detail!)).toMatchObject({
      cause: 'import.jsonl',
      changes: [
        { kind: 'edge', id: 'MADE_FROM|product:电芯|product:隔膜', from: 'public', to: 'enterprise:E9' },
      ],
    });
    expect(JSON.parse(rows[3]!.detail!)).toMatchObject({ added: 1, failed: 0 });
    await expect(run('audit', 'verify')).resolves.toBeDefined();
  });

  it('records a failed import as failed', async () => {
    await expect(run('import', 'jsonl', join(dir, 'missing.jsonl'))).rejects.toThrow();
    const db = new Database(join(dir, 'ibrain.sqlite'));
    const row = db.prepare('SELECT action, outcome, detail FROM audit_log').get() as {
      outcome: string;
      detail: string;
    };
    db.close();
    expect(row).toMatchObject({ action: 'import.jsonl', outcome: 'failed' });
    expect(JSON.parse(row.detail).error).toMatch(/missing\.jsonl/);
  });
});
