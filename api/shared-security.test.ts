import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../engine/config/load.js';
import { Engine } from '../engine/container.js';
import {
  postgresSkipReason,
  type ScratchDatabase,
  scratchDatabase,
} from '../knowledge-graph/store/postgres.test-support.js';
import { createApp } from './app.js';
import type { ApiEnv } from './env.js';

/** Two API replicas on one PostgreSQL: keys, portal sessions and the audit chain are theirs jointly. */
const skip = await postgresSkipReason();

interface Replica {
  dir: string;
  engine: Engine;
  app: OpenAPIHono<ApiEnv>;
}

let db: ScratchDatabase;
const replicas: Replica[] = [];
const ORIGIN = 'http://localhost';
const metrics = (r: Replica, headers: Record<string, string>) => r.app.request('/metrics', { headers });

describe.skipIf(skip !== undefined)('two API replicas on one PostgreSQL', () => {
  beforeAll(async () => {
    db = await scratchDatabase();
    for (let i = 0; i < 2; i++) {
      const dir = mkdtempSync(join(tmpdir(), `ibrain-replica-${i}-`));
      const env = { IBRAIN_STATE: 'postgres', DATABASE_URL: db.url };
      const engine = await Engine.open(loadConfig({ env, overrides: { dataDir: dir } }));
      replicas.push({ dir, engine, app: createApp(engine, { logger: pino({ level: 'silent' }) }) });
    }
  });
  afterAll(async () => {
    for (const r of replicas) {
      await r.engine.close();
      rmSync(r.dir, { recursive: true, force: true });
    }
    await db?.drop();
  });

  it('a key made through one replica works on the other, and a revocation through either stops both at once', async () => {
    const [a, b] = replicas as [Replica, Replica];
    const { key, record } = await a.engine.state.keys.create({ role: 'admin' });
    const bearer = { Authorization: `Bearer ${key}` };
    expect((await metrics(b, bearer)).status).toBe(200);
    expect(await b.engine.state.keys.revoke(record.id)).toBe(true);
    expect((await metrics(a, bearer)).status).toBe(401);
    expect((await metrics(b, bearer)).status).toBe(401);
  });

  it('a portal login on one replica is a session on the other, and a logout on either ends it', async () => {
    const [a, b] = replicas as [Replica, Replica];
    const { key } = await b.engine.state.keys.create({ role: 'admin' });
    const login = await a.app.request('/login', {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: ORIGIN },
      body: new URLSearchParams({ key }).toString(),
    });
    expect(login.status).toBe(303);
    const session = login.headers.get('set-cookie')!.split(';')[0]!;
    expect((await metrics(b, { Cookie: session })).status).toBe(200);
    await b.app.request('/logout', { method: 'POST', headers: { Cookie: session, Origin: ORIGIN } });
    expect((await metrics(a, { Cookie: session })).status).toBe(401);
  });

  it('audits both replicas into one chain', async () => {
    const [a, b] = replicas as [Replica, Replica];
    const entries = await b.engine.state.audit.recent(100);
    expect(entries.map((e) => e.action)).toEqual(expect.arrayContaining(['session.login', 'session.logout']));
    expect(await a.engine.state.audit.verify()).toMatchObject({ ok: true, entries: entries.length });
  });
});
if (skip) describe('two API replicas on one PostgreSQL', () => it.skip(skip, () => {}));
