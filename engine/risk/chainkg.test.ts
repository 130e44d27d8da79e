import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sharedDataDir } from '../paths.js';
import { SYSTEM_PRINCIPAL } from '../../knowledge-graph/schema/index.js';
import { ConfigSchema } from '../config/schema.js';
import { Engine } from '../container.js';
import { runGraphImport } from '../imports.js';
import { parseShocks, scenarioReport } from '../scenario/service.js';
import { riskReport } from './service.js';

const shared = sharedDataDir();
if (!shared)
  describe('risk on chainkg', () => it.skip('../shared/data is not there; set IBRAIN_SHARED_DATA', () => {}));

describe.runIf(shared)('risk and scenarios on the imported chainkg', () => {
  let engine: Engine;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ibrain-risk-chainkg-'));
    engine = await Engine.open(ConfigSchema.parse({ dataDir: dir }));
    await runGraphImport(engine, 'chainkg', join(shared!, 'chainkg'));
  });
  afterAll(async () => {
    await engine?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a +30% price shock on 天然橡胶 reaches 轮胎', async () => {
    const r = await scenarioReport(engine, parseShocks(['price:天然橡胶:+30%']), SYSTEM_PRINCIPAL, 1_000);
    const tyre = r.products.find((p) => p.name === '轮胎');
    expect(tyre).toBeDefined();
    expect(tyre!.priceChangePct).toBeGreaterThan(0);
    expect(tyre!.path).toEqual(['天然橡胶', '轮胎']);
  });

  it('risk of 轮胎 has at least three explained factors with evidence', async () => {
    const r = await riskReport(engine, 'product:轮胎', SYSTEM_PRINCIPAL);
    expect(r.factors.length).toBeGreaterThanOrEqual(3);
    expect(r.score).toBeGreaterThan(0);
    for (const f of r.factors) expect(f.explanation.en.length).toBeGreaterThan(10);
    const concentration = r.factors.find((f) => f.name === 'concentration')!;
    expect(concentration.evidence[0]).toMatch(/^PRODUCES\|enterprise:.+\|product:轮胎$/);
    expect(r.omitted.map((o) => o.name)).toContain('price');
  });
});
