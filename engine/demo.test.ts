import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PUBLIC_PRINCIPAL, SYSTEM_PRINCIPAL } from '../knowledge-graph/schema/index.js';
import { loadConfig } from './config/load.js';
import { Engine } from './container.js';
import { demoLoaded, loadDemo } from './demo.js';
import { chainView } from './graph-views.js';
import { retrievalFor } from './retrieval.js';

describe('the demo dataset', () => {
  it('loads whole, idempotently, and answers chain questions', async () => {
    const engine = await Engine.open(
      loadConfig({ env: {}, overrides: { dataDir: mkdtempSync(join(tmpdir(), 'ibrain-demo-')) } }),
    );
    try {
      expect(await demoLoaded(engine)).toBe(false);
      await loadDemo(engine);
      expect(await demoLoaded(engine)).toBe(true);
      const stats = await engine.graph.stats(SYSTEM_PRINCIPAL);
      expect(stats.nodesByType.Enterprise).toBeGreaterThanOrEqual(250);
      expect(stats.nodesByType.Product).toBeGreaterThanOrEqual(350);
      await loadDemo(engine);
      expect(await engine.graph.stats(SYSTEM_PRINCIPAL)).toEqual(stats);
      const up = await chainView(engine.graph, '电解液', 'upstream', 1, PUBLIC_PRINCIPAL);
      expect(up.nodes.map((n) => n.name)).toContain('六氟磷酸锂');
      expect(await engine.graph.getNode('policy:yuxing-pilot', PUBLIC_PRINCIPAL)).toBeNull();
      const index = await retrievalFor(engine);
      expect((await index.documents()).length).toBe(20);
      const hits = await index.search('动力电池 补链强链', { principal: PUBLIC_PRINCIPAL, k: 5 });
      expect(hits.length).toBeGreaterThan(0);
      expect(hits.every((h) => h.visibility === 'public')).toBe(true);
    } finally {
      await engine.close();
    }
  });
});
