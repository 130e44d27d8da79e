import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';

const main = join(dirname(fileURLToPath(import.meta.url)), '..', 'main.ts');
const work = mkdtempSync(join(tmpdir(), 'ibrain-forecast-cli-'));
const dataDir = join(work, 'data');

function ibrain(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', main, '--data-dir', dataDir, ...args], {
    encoding: 'utf8',
    env: { ...process.env, IBRAIN_DEBUG: '' },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr.trim() };
}

/** Five years of three monthly prices: trend, a yearly cycle, a deterministic wobble, two gaps. */
function writePrices(): string {
  const rows = ['Date,Copper,Nickel,"Rubber, natural"'];
  for (let t = 0; t < 60; t++) {
    const date = `${2019 + Math.floor(t / 12)}-${String((t % 12) + 1).padStart(2, '0')}-01`;
    const season = Math.sin((2 * Math.PI * t) / 12);
    const copper = 6000 + 20 * t + 300 * season + ((t * 37) % 11) * 15;
    const nickel = t === 7 ? '' : String(14000 - 30 * t + 500 * season + ((t * 13) % 7) * 40);
    const rubber = t === 30 ? '' : String(150 + 0.5 * t + 10 * season);
    rows.push(`${date},${copper},${nickel},${rubber}`);
  }
  const path = join(work, 'prices.csv');
  writeFileSync(path, `${rows.join('\n')}\n`);
  return path;
}

const finite = z.number().refine(Number.isFinite, 'not finite');
const ForecastJson = z.object({
  series: z.string(),
  points: z.array(
    z.object({ date: z.string(), mean: finite, lo80: finite, hi80: finite, lo95: finite, hi95: finite }),
  ),
  trend: z.object({ direction: z.string(), sentence: z.object({ zh: z.string(), en: z.string() }) }),
});

describe('ibrain import prices → forecast', () => {
  it('imports a wide CSV, records it in the catalog and forecasts a column as JSON', () => {
    const imported = ibrain('import', 'prices', writePrices(), '--json');
    expect(imported.code, imported.stderr).toBe(0);
    expect(JSON.parse(imported.stdout)).toMatchObject({
      read: 180,
      written: { nodesCreated: 3 },
      series: ['Copper', 'Nickel', 'Rubber, natural'],
    });
    const catalog = ibrain('catalog', '--json');
    expect(JSON.parse(catalog.stdout)).toMatchObject([{ kind: 'prices', status: 'completed' }]);

    const r = ibrain('forecast', '--series', 'Nickel', '--horizon', '12', '--json');
    expect(r.code, r.stderr).toBe(0);
    const out = ForecastJson.parse(JSON.parse(r.stdout));
    expect(out.series).toBe('Nickel');
    expect(out.points).toHaveLength(12);
    expect(out.points[0]!.date).toBe('2024-01-01');
    for (const p of out.points) {
      expect(p.lo95).toBeLessThanOrEqual(p.lo80);
      expect(p.lo80).toBeLessThanOrEqual(p.mean);
      expect(p.mean).toBeLessThanOrEqual(p.hi80);
      expect(p.hi80).toBeLessThanOrEqual(p.hi95);
    }
  }, 120_000);

  it('exits 2 with one line and no stack for a missing file or an unknown series', () => {
    for (const args of [
      ['import', 'prices', join(work, 'missing.csv')],
      ['forecast', '--series', 'No such series'],
    ]) {
      const r = ibrain(...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr.split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(/^ibrain: .*(no such file|no series)/);
      expect(r.stderr).not.toMatch(/\bat .*\(/);
    }
  }, 60_000);
});
