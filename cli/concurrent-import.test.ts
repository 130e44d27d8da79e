import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { SYSTEM_PRINCIPAL } from '../knowledge-graph/schema/index.js';
import { SqliteGraphStore } from '../knowledge-graph/store/sqlite.js';
import { openDatabase } from '../knowledge-graph/store/sqlite-db.js';

const MAIN = fileURLToPath(new URL('./main.ts', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'ibrain-concurrent-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function cli(...args: string[]): Promise<{ code: number | null; err: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', MAIN, '--data-dir', dir, ...args], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let err = '';
    child.stderr.on('data', (chunk: Buffer) => {
      err += chunk.toString();
    });
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, err }));
  });
}

function records(prefix: string, n: number): string {
  const lines: string[] = [];
  for (let i = 0; i < n; i++) {
    lines.push(JSON.stringify({ type: 'Product', name: `${prefix}${i}`, aliases: [`${prefix}别名${i}`] }));
  }
  return `${lines.join('\n')}\n`;
}

describe('two imports at once into one data directory', () => {
  it('both finish: the second waits for the lock instead of dying on "database is locked"', async () => {
    const a = join(dir, 'a.jsonl');
    const b = join(dir, 'b.jsonl');
    writeFileSync(a, records('甲产品', 20_000));
    writeFileSync(b, records('乙产品', 20_000));
    // Small batches: many short write transactions from each process, interleaving all the way.
    const runs = await Promise.all([
      cli('import', 'jsonl', a, '--batch-size', '200'),
      cli('import', 'jsonl', b, '--batch-size', '200'),
      cli('import', 'jsonl', a, '--batch-size', '300', '--dataset', 'again'),
    ]);
    for (const run of runs) expect(run.err.split('\n').find((l) => l.startsWith('ibrain:')) ?? '').toBe('');
    expect(runs.map((r) => r.code)).toEqual([0, 0, 0]);
    const db = openDatabase(join(dir, 'ibrain.sqlite'));
    try {
      const store = SqliteGraphStore.open(db);
      expect((await store.stats(SYSTEM_PRINCIPAL)).nodes).toBe(40_000);
      const statuses = db.prepare('SELECT status FROM catalog').pluck().all();
      expect(statuses).toEqual(['completed', 'completed', 'completed']);
    } finally {
      db.close();
    }
  });
});
