import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AskResult } from '../engine/ask/index.js';
import { loadConfig } from '../engine/config/load.js';
import { Engine } from '../engine/container.js';
import { loadDemo } from '../engine/demo.js';
import { projectRoot } from '../engine/paths.js';
import { createApp } from './app.js';

/**
 * One question, one answer: `ibrain ask` and `POST /v1/ask` run the same plan for principals that
 * see the same data (the operator and an admin key; an enterprise through --as and through its key).
 */

const QUESTIONS = ['重庆有哪些汽车零部件企业？', '渝星动力的供应商有哪些？', '动力电池的上游原料有哪些？'];

let dir: string;
let engine: Engine;
let request: (question: string, key: string) => Promise<AskResult>;
let keys: { admin: string; d0001: string };

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ibrain-same-'));
  engine = await Engine.open(loadConfig({ env: {}, overrides: { dataDir: dir } }));
  await loadDemo(engine);
  const store = engine.state.keys;
  keys = {
    admin: (await store.create({ role: 'admin' })).key,
    d0001: (await store.create({ role: 'enterprise', enterpriseId: 'D0001' })).key,
  };
  const app = createApp(engine, { logger: pino({ level: 'silent' }) });
  request = async (question, key) => {
    const res = await app.request('/v1/ask', {
      method: 'POST',
      headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ question }),
    });
    expect(res.status).toBe(200);
    return (await res.json()) as AskResult;
  };
}, 120_000);

afterAll(async () => {
  await engine.close();
  rmSync(dir, { recursive: true, force: true });
});

function cli(question: string, as?: string): AskResult {
  const main = join(projectRoot(), 'cli', 'main.ts');
  const args = ['--import', 'tsx', main, 'ask', question, '--json', ...(as ? ['--as', as] : [])];
  const r = spawnSync(process.execPath, args, {
    encoding: 'utf8',
    env: { ...process.env, IBRAIN_DATA_DIR: dir },
  });
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as AskResult;
}

describe('the CLI and the API answer alike', () => {
  it('for the operator and an admin key', async () => {
    for (const q of QUESTIONS) {
      const [a, b] = [cli(q), await request(q, keys.admin)];
      expect(b.answer, q).toBe(a.answer);
      expect(b.citations, q).toEqual(a.citations);
      expect(b.plan, q).toEqual(a.plan);
    }
  }, 120_000);

  it('for one enterprise through --as and through its key', async () => {
    for (const q of QUESTIONS) {
      const [a, b] = [cli(q, 'enterprise:D0001'), await request(q, keys.d0001)];
      expect(b.answer, q).toBe(a.answer);
      expect(b.citations, q).toEqual(a.citations);
    }
  }, 120_000);

  it('lists the enterprises of a region and industry rather than refusing', async () => {
    const r = await request('重庆有哪些汽车零部件企业？', keys.admin);
    expect(r.answered).toBe(true);
    expect(r.plan.steps.map((s) => s.op)).toContain('relation');
    expect(r.answer).toMatch(/共\d+家/);
  });
});
