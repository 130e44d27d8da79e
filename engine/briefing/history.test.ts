import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../config/load.js';
import { Engine } from '../container.js';
import { briefingHistoryOf } from './history.js';

describe('briefing history', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  const open = (dataDir: string) => Engine.open(loadConfig({ env: {}, overrides: { dataDir } }));
  const entry = (jobId: string, principalId: string, name: string) => ({
    jobId,
    principalId,
    requester: principalId,
    scope: { kind: 'product', id: `product:${name}`, name },
    lang: 'zh',
    formats: ['docx', 'html', 'md'],
  });

  it('lists each principal its own briefings, newest first, and everyone’s to an admin, after a restart', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'ibrain-history-'));
    dirs.push(dataDir);
    let engine = await open(dataDir);
    const history = briefingHistoryOf(engine);
    history.record(entry('job_a', 'key:one', '动力电池'));
    await new Promise((r) => setTimeout(r, 5));
    history.record(entry('job_b', 'key:one', '轮胎'));
    history.record(entry('job_c', 'key:two', '碳酸锂'));
    await engine.close();

    engine = await open(dataDir);
    const again = briefingHistoryOf(engine);
    const one = again.list({ id: 'key:one', grants: ['industry'] });
    expect(one.map((e) => e.jobId)).toEqual(['job_b', 'job_a']);
    expect(one[0]).toMatchObject({
      scope: { kind: 'product', id: 'product:轮胎', name: '轮胎' },
      formats: ['docx', 'html', 'md'],
    });
    expect(again.list({ id: 'key:two', grants: ['industry'] }).map((e) => e.jobId)).toEqual(['job_c']);
    expect(again.list({ id: 'key:nobody', grants: [] })).toEqual([]);
    expect(
      again
        .list({ id: 'key:admin', grants: ['*'] })
        .map((e) => e.jobId)
        .sort(),
    ).toEqual(['job_a', 'job_b', 'job_c']);
    await engine.close();
  });
});
