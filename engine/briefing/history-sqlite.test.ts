import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../knowledge-graph/store/sqlite-db.js';
import { loadConfig } from '../config/load.js';
import { Engine } from '../container.js';
import { briefingHistoryContract } from './history-contract.test-suite.js';
import { SqliteBriefingHistory } from './history-sqlite.js';

briefingHistoryContract('SQLite', async () => new SqliteBriefingHistory(openDatabase(':memory:')));

describe("the engine's briefing history", () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  const open = (dataDir: string) => Engine.open(loadConfig({ env: {}, overrides: { dataDir } }));

  it('outlives a restart', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'ibrain-history-'));
    dirs.push(dataDir);
    let engine = await open(dataDir);
    await engine.state.briefingHistory.record({
      jobId: 'job_a',
      principalId: 'key:one',
      requester: 'analyst',
      scope: { kind: 'product', id: 'product:轮胎', name: '轮胎' },
      lang: 'zh',
      formats: ['md'],
    });
    await engine.close();
    engine = await open(dataDir);
    expect(
      (await engine.state.briefingHistory.list({ id: 'key:one', grants: [] })).map((e) => e.jobId),
    ).toEqual(['job_a']);
    await engine.close();
  });
});
