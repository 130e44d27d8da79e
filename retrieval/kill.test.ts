import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { openHarness } from './harness.test-support.js';

const CHILD = fileURLToPath(new URL('./kill-child.test-support.ts', import.meta.url));

describe('ingest killed mid-batch', () => {
  it('leaves every document fully indexed or absent', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ibrain-kill-'));
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dir], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let added = 0;
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        added += (chunk.toString().match(/added/g) ?? []).length;
        if (added >= 20 && !child.killed) child.kill('SIGKILL');
      });
      child.on('exit', () => resolve());
      child.on('error', reject);
    });
    expect(added).toBeGreaterThanOrEqual(20);
    const h = await openHarness(dir);
    try {
      const report = await h.index.check();
      expect(report.problems).toEqual([]);
      expect(report.documents).toBeGreaterThanOrEqual(20);
      expect(report.documents).toBeLessThan(400);
      expect(report.vectors).toBe(report.chunks);
      // A rerun finishes the batch, skipping what was committed.
      const summary = await h.index.ingestPaths([join(dir, 'docs')]);
      expect(summary.unchanged).toBe(report.documents);
      expect(summary.added + summary.unchanged).toBe(400);
      expect((await h.index.check()).problems).toEqual([]);
    } finally {
      await h.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
