import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SYSTEM_PRINCIPAL } from '../schema/index.js';
import { SqliteGraphStore } from '../store/sqlite.js';
import { openDatabase } from '../store/sqlite-db.js';

const here = dirname(fileURLToPath(import.meta.url));
const TOTAL = 60_000;
const BATCH = 1_000;

function runChild(
  db: string,
  file: string,
  killAfterProgress?: number,
): Promise<{ killed: boolean; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(here, 'testing', 'import-child.ts'), db, file, String(BATCH)],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let out = '';
    let seen = 0;
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      seen = out.split('\n').filter((l) => l.startsWith('progress')).length;
      if (killAfterProgress !== undefined && seen >= killAfterProgress) child.kill('SIGKILL');
    });
    let err = '';
    child.stderr.on('data', (chunk: Buffer) => {
      err += chunk.toString();
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve({ killed: true, out });
      else if (code === 0) resolve({ killed: false, out });
      else reject(new Error(`import child failed (${code}): ${err}`));
    });
  });
}

describe('import crash safety', () => {
  it('keeps only whole batches after a SIGKILL, and a re-run completes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ibrain-crash-'));
    const file = join(dir, 'nodes.jsonl');
    const lines: string[] = [];
    for (let i = 0; i < TOTAL; i++)
      lines.push(JSON.stringify({ type: 'Product', name: `产品${i}`, props: { n: i } }));
    writeFileSync(file, `${lines.join('\n')}\n`);
    const db = join(dir, 'ibrain.sqlite');

    const first = await runChild(db, file, 5);
    expect(first.killed).toBe(true);

    const database = openDatabase(db);
    expect(database.pragma('integrity_check', { simple: true })).toBe('ok');
    const store = SqliteGraphStore.open(database);
    const afterCrash = (await store.stats(SYSTEM_PRINCIPAL)).nodes;
    expect(afterCrash).toBeGreaterThan(0);
    expect(afterCrash).toBeLessThan(TOTAL);
    expect(afterCrash % BATCH).toBe(0);
    await store.close();
    database.close();

    const second = await runChild(db, file);
    expect(second.killed).toBe(false);
    expect(second.out).toContain(`done ${TOTAL - afterCrash}`);
    const reopened = SqliteGraphStore.open(openDatabase(db));
    expect((await reopened.stats(SYSTEM_PRINCIPAL)).nodes).toBe(TOTAL);
  });
});
