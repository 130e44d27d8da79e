import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SYSTEM_PRINCIPAL } from '../../knowledge-graph/schema/index.js';
import { ConfigSchema } from '../config/schema.js';
import { Engine } from '../container.js';
import { loadDemo } from '../demo.js';
import { projectRoot } from '../paths.js';
import { writeBriefing } from './service.js';
import { screenshot } from './screenshot.js';

/**
 * Regenerates data/examples/briefing-demo.{md,html,docx,png}: the demo chain loaded into a
 * scratch data directory, a briefing on 轮胎, and a headless-chromium screenshot of the HTML.
 * `npx tsx engine/briefing/example.ts [--as-of YYYY-MM-DD]`
 */
const asOf = process.argv.includes('--as-of')
  ? process.argv[process.argv.indexOf('--as-of') + 1]
  : '2025-12-31';
const out = join(projectRoot(), 'data', 'examples');
const dir = mkdtempSync(join(tmpdir(), 'ibrain-example-'));
const engine = await Engine.open(ConfigSchema.parse({ dataDir: dir }));
try {
  await loadDemo(engine);
  for (const format of ['md', 'html', 'docx'] as const) {
    const w = await writeBriefing(
      engine,
      'product:轮胎',
      { format, lang: 'zh', out: join(out, `briefing-demo.${format}`), asOf },
      SYSTEM_PRINCIPAL,
    );
    process.stdout.write(`wrote ${w.path}\n`);
  }
  const shots = await screenshot(join(out, 'briefing-demo.html'), join(out, 'briefing-demo.png'));
  process.stdout.write(`wrote ${shots.join(', ')}\n`);
} finally {
  await engine.close();
  rmSync(dir, { recursive: true, force: true });
}
