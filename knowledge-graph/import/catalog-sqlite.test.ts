import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../engine/config/load.js';
import { Engine } from '../../engine/container.js';
import { openDatabase, type SqliteDatabase } from '../store/sqlite-db.js';
import { importCatalogContract } from './catalog-contract.test-suite.js';
import { SqliteCatalog } from './catalog-sqlite.js';

importCatalogContract('SQLite', async () => new SqliteCatalog(openDatabase(':memory:')));

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ibrain-catalog-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** The pid of a process that has already exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
  return Number(child.stdout.toString());
}

function statusOf(db: SqliteDatabase, id: number): { status: string; error: string | null } {
  return db.prepare('SELECT status, error FROM catalog WHERE id = ?').get(id) as {
    status: string;
    error: string | null;
  };
}

describe('the data catalog on start', () => {
  it('records imports whose process died as interrupted, in the table itself', async () => {
    const db = openDatabase(join(dir, 'ibrain.sqlite'));
    const catalog = new SqliteCatalog(db);
    const killed = await catalog.start({
      dataset: 'chainkg',
      kind: 'chainkg',
      source: '/x',
      contentHash: 'sha256:0',
    });
    db.prepare('UPDATE catalog SET pid = ? WHERE id = ?').run(deadPid(), killed);
    // A process that is alive but has not reported progress for an hour: its pid was reused.
    const silent = await catalog.start({
      dataset: 'ickg',
      kind: 'ickg',
      source: '/y',
      contentHash: 'sha256:1',
    });
    db.prepare('UPDATE catalog SET pid = ?, heartbeat_at = ? WHERE id = ?').run(
      process.ppid,
      new Date(Date.now() - 3_600_000).toISOString(),
      silent,
    );
    const live = await catalog.start({
      dataset: 'mine',
      kind: 'jsonl',
      source: '/z',
      contentHash: 'sha256:2',
    });
    db.close();

    const engine = await Engine.open(loadConfig({ env: {}, overrides: { dataDir: dir } }));
    try {
      expect(statusOf(engine.db, killed)).toMatchObject({
        status: 'interrupted',
        error: expect.stringMatching(/ended without finishing/),
      });
      expect(statusOf(engine.db, silent).status).toBe('interrupted');
      expect(statusOf(engine.db, live).status).toBe('running');
    } finally {
      await engine.close();
    }
  });
});
