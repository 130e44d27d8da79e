import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SYSTEM_PRINCIPAL } from '../../knowledge-graph/schema/index.js';
import { buildBriefing } from '../../engine/briefing/build.js';
import { chainGraph } from '../../engine/chain/service.js';
import { ConfigSchema } from '../../engine/config/schema.js';
import { Engine } from '../../engine/container.js';
import { loadDemo } from '../../engine/demo.js';
import { runGraphImport } from '../../engine/imports.js';
import { productScore, riskContext } from '../../engine/risk/assess.js';
import { directShocks, runScenario } from '../../engine/scenario/scenario.js';
import { type Bench, report, sharedDataDir } from './bench.js';

const seconds = (since: number) => (performance.now() - since) / 1000;

/**
 * `npm run bench -- risk`: (1) risk for every product of the imported chainkg (≤ 30 s, the
 * analytic-graph export included); (2) one +30% price shock on 天然橡胶 over the whole chainkg
 * product graph (≤ 1 s); (3) one briefing rendered as md, html and docx on the demo data (≤ 5 s).
 */
const bench: Bench = async () => {
  const rows: Array<{ label: string; value: string; ok?: boolean; target?: string }> = [];
  const shared = sharedDataDir();
  const dirs: string[] = [];
  const open = async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ibrain-risk-bench-'));
    dirs.push(dir);
    return Engine.open(ConfigSchema.parse({ dataDir: dir }));
  };
  try {
    if (shared) {
      const engine = await open();
      try {
        process.stdout.write('importing chainkg…\n');
        await runGraphImport(engine, 'chainkg', join(shared, 'chainkg'));
        let t = performance.now();
        const g = await chainGraph(engine, SYSTEM_PRINCIPAL);
        const exportSeconds = seconds(t);
        t = performance.now();
        const ctx = riskContext(g);
        const products = g.nodesOfType('Product');
        let high = 0;
        for (const p of products) if (productScore(ctx, p) >= 50) high++;
        const scoring = seconds(t);
        rows.push(
          {
            label: 'analytic graph export + build',
            value: `${exportSeconds.toFixed(2)} s (${g.size.toLocaleString()} nodes)`,
          },
          {
            label: `risk for all ${products.length.toLocaleString()} products`,
            value: `${(exportSeconds + scoring).toFixed(2)} s incl. export (${scoring.toFixed(2)} s scoring; ${high} at ≥ 50)`,
            target: '≤ 30 s',
            ok: exportSeconds + scoring <= 30,
          },
        );
        const shocks = await directShocks(
          engine.graph,
          g,
          [{ kind: 'price', product: '天然橡胶', change: 0.3 }],
          SYSTEM_PRINCIPAL,
        );
        t = performance.now();
        const result = runScenario(g, shocks);
        const shock = seconds(t);
        const tyre = result.products.find((p) => p.name === '轮胎');
        rows.push({
          label: 'shock price:天然橡胶:+30% over chainkg',
          value: `${(shock * 1000).toFixed(0)} ms (${result.totals.productsAffected} products; 轮胎 ${tyre ? `+${tyre.priceChangePct.toFixed(1)}%` : 'not reached'})`,
          target: '≤ 1 s',
          ok: shock <= 1 && tyre !== undefined,
        });
      } finally {
        await engine.close();
      }
    } else {
      rows.push({
        label: 'chainkg benches',
        value: 'skipped: ../shared/data is not there (set IBRAIN_SHARED_DATA)',
      });
    }
    const engine = await open();
    try {
      await loadDemo(engine);
      const t = performance.now();
      const built = await buildBriefing(
        engine,
        'product:轮胎',
        { formats: ['md', 'html', 'docx'], lang: 'zh' },
        SYSTEM_PRINCIPAL,
      );
      const took = seconds(t);
      const sizes = [...built.files].map(([f, b]) => `${f} ${(b.length / 1024).toFixed(0)} KB`).join(', ');
      rows.push({
        label: 'briefing product:轮胎 md+html+docx (demo)',
        value: `${took.toFixed(2)} s (${sizes})`,
        target: '≤ 5 s',
        ok: took <= 5,
      });
    } finally {
      await engine.close();
    }
  } finally {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  }
  return report('risk: scoring, scenarios, briefings', rows);
};

export default bench;
