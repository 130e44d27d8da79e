import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS } from '../../engine/briefing/screenshot.js';
import { loadConfig } from '../../engine/config/load.js';
import { Engine } from '../../engine/container.js';
import { loadDemo } from '../../engine/demo.js';
import { runGraphImport } from '../../engine/imports.js';
import { demoDataDir, projectRoot } from '../../engine/paths.js';
import { retrievalFor } from '../../engine/retrieval.js';
import { sharedDataDir } from '../../evals/bench/bench.js';
import { type RunningServer, startServer } from '../server.js';

const CHROMIUM = '/usr/bin/chromium';
const OUT = join(projectRoot(), 'test-output', 'portal');
const DOCS = join(projectRoot(), 'docs', 'screenshots');
const DESKTOP = { width: 1440, height: 900 };
const PHONE = { width: 390, height: 844 };

if (!existsSync(CHROMIUM))
  process.stderr.write(
    `explorer browser test skipped: ${CHROMIUM} is missing (apt-get install -y chromium)\n`,
  );

async function shoot(page: Page, name: string): Promise<void> {
  const path = join(OUT, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  copyFileSync(path, join(DOCS, `${name}.png`));
}

/** Logs in and lands on `next` (the explorer unless said), skipping the role's home page. */
async function logIn(page: Page, url: string, key: string, next = '/explore'): Promise<void> {
  await page.goto(`${url}/login?next=${encodeURIComponent(next)}`);
  await page.fill('#key', key);
  await Promise.all([page.waitForURL((u) => u.pathname === next), page.click('button[type=submit]')]);
}

const tier = (page: Page, n: number) => page.locator(`#explore-tiers [data-tier="${n}"] button.node-chip`);

/** Where ECharts drew a node of the explorer's chart, in page pixels (run in the page). */
const NODE_AT = `(wanted) => {
  const el = document.getElementById('explore-chart');
  const chart = window.echarts.getInstanceByDom(el);
  const data = chart.getModel().getSeriesByIndex(0).getData();
  for (let i = 0; i < data.count(); i++) {
    if (data.getName(i) !== wanted) continue;
    const [x, y] = chart.convertToPixel({ seriesIndex: 0 }, data.getItemLayout(i));
    const box = el.getBoundingClientRect();
    return { x: box.left + x, y: box.top + y };
  }
  return null;
}`;

const noOverflow = (page: Page) => page.evaluate<number>('document.documentElement.scrollWidth');

/** Clicks a node of the explorer's chart on the canvas, where ECharts laid it out. */
async function clickChartNode(page: Page, name: string): Promise<void> {
  // Nodes glide to their places when a tier is added: click once the chart has settled.
  await page.waitForSelector('#explore-chart[data-rendered="true"]');
  await page.locator('#explore-chart').scrollIntoViewIfNeeded();
  const at = await page.evaluate<{ x: number; y: number } | null>(`(${NODE_AT})(${JSON.stringify(name)})`);
  expect(at, `${name} is drawn on the chart`).not.toBeNull();
  await page.mouse.click(at!.x, at!.y);
}

describe.skipIf(!existsSync(CHROMIUM))(
  'chain explorer, profiles and citations on the demo (chromium)',
  () => {
    let dataDir: string;
    let engine: Engine;
    let server: RunningServer;
    let browser: Browser;
    const keys = { analyst: '', enterprise: '' };

    beforeAll(async () => {
      dataDir = mkdtempSync(join(tmpdir(), 'ibrain-explore-'));
      engine = await Engine.open(loadConfig({ env: {}, overrides: { dataDir } }));
      await loadDemo(engine);
      await (await retrievalFor(engine)).ingestPaths([join(demoDataDir(), 'policies')]);
      keys.analyst = (await engine.state.keys.create({ role: 'analyst' })).key;
      keys.enterprise = (await engine.state.keys.create({ role: 'enterprise', enterpriseId: 'D0001' })).key;
      server = await startServer(
        engine,
        { host: '127.0.0.1', port: 0 },
        { logger: pino({ level: 'silent' }) },
      );
      browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
      mkdirSync(OUT, { recursive: true });
      mkdirSync(DOCS, { recursive: true });
    });

    afterAll(async () => {
      await browser?.close();
      await server?.close();
      await engine?.close();
      rmSync(dataDir, { recursive: true, force: true });
    });

    async function analystPage(viewport: typeof DESKTOP): Promise<{ context: BrowserContext; page: Page }> {
      const context = await browser.newContext({ viewport });
      const page = await context.newPage();
      await logIn(page, server.url, keys.analyst);
      return { context, page };
    }

    it('expands 动力电池 two tiers upstream by clicking, with producers coloured for 重庆市', async () => {
      const { context, page } = await analystPage(DESKTOP);
      await page.goto(`${server.url}/explore?focus=${encodeURIComponent('动力电池')}`);
      await page.waitForSelector('#explore-chart[data-rendered="true"] canvas');
      await expect(page.inputValue('#explore-region')).resolves.toBe('region:重庆市');
      await tier(page, -1).first().waitFor();
      await expect(page.textContent('#explore-panel h2')).resolves.toBe('动力电池');
      expect(await tier(page, 1).count()).toBeGreaterThan(0);
      const firstTier = await tier(page, -1).allTextContents();
      expect(firstTier[0]).toMatch(/^电芯77%$/);

      // Tier 2: click 电芯 in the list of tiers.
      await tier(page, -1).filter({ hasText: '电芯' }).click();
      await tier(page, -2).first().waitFor();
      await expect(page.textContent('#explore-panel h2')).resolves.toBe('电芯');
      const secondTier = await tier(page, -2).allTextContents();
      expect(secondTier.some((t) => t.startsWith('正极材料'))).toBe(true);

      // Tier 3: click 正极材料 on the chart itself.
      await clickChartNode(page, '正极材料');
      await tier(page, -3).first().waitFor();
      await expect(page.textContent('#explore-panel h2')).resolves.toBe('正极材料');
      expect(await tier(page, -3).count()).toBeGreaterThan(0);

      // Producers local to 重庆市 and elsewhere are told apart, and every chip has a colour class.
      const classes = await tier(page, -2).evaluateAll((els) => els.map((e) => e.className));
      expect(classes.every((c) => /\b(local|elsewhere|none|more)\b/.test(c))).toBe(true);
      await page.waitForSelector('#explore-panel .producers li');
      expect(await page.locator('#explore-panel .producers li.local').count()).toBeGreaterThan(0);
      await page.locator('#explore-panel .risk').waitFor();
      const source = page.locator('#explore-panel a[href^="/records/node/"]').first();
      await expect(source.textContent()).resolves.toContain('示例数据');
      await shoot(page, 'explore');
      await context.close();
    });

    it('searches by Chinese name and opens the explorer on the pick', async () => {
      const { context, page } = await analystPage(DESKTOP);
      await page.goto(`${server.url}/explore`);
      await page.fill('#explore-q', '渝星');
      const hit = page.locator('#explore-suggest button', { hasText: '渝星动力' }).first();
      await hit.waitFor();
      await Promise.all([page.waitForURL(/focus=enterprise/), hit.click()]);
      await expect(page.inputValue('#explore-q')).resolves.toBe('渝星动力');
      await tier(page, 1).first().waitFor();
      expect(await tier(page, -1).count()).toBeGreaterThan(0);
      await page.locator('#explore-panel .risk').waitFor();
      const panel = (await page.textContent('#explore-panel'))!;
      expect(panel).toContain('重庆渝星动力科技股份有限公司');
      expect(panel).not.toMatch(/null|undefined|enterprise:/);
      await context.close();
    });

    it('fits a 390 px phone: explorer, profiles and a record without sideways scrolling', async () => {
      const { context, page } = await analystPage(PHONE);
      await page.goto(`${server.url}/explore?focus=${encodeURIComponent('动力电池')}`);
      await tier(page, -1).first().waitFor();
      await page.waitForSelector('#explore-panel h2');
      await tier(page, -1).filter({ hasText: '电芯' }).click();
      await tier(page, -2).first().waitFor();
      expect(await noOverflow(page)).toBeLessThanOrEqual(390);
      await shoot(page, 'explore-390');
      for (const [path, name] of [
        [`/products/${encodeURIComponent('product:动力电池')}`, 'product-profile-390'],
        [`/enterprises/${encodeURIComponent('enterprise:D0001')}`, 'enterprise-profile-390'],
        [`/records/edge/${encodeURIComponent('MADE_FROM|product:动力电池|product:电芯')}`, 'record-390'],
      ] as const) {
        await page.goto(`${server.url}${path}`);
        expect(await noOverflow(page), path).toBeLessThanOrEqual(390);
        await shoot(page, name);
      }
      await context.close();
    });

    it('profiles link every name to its own page', async () => {
      const { context, page } = await analystPage(DESKTOP);
      await page.goto(`${server.url}/products/${encodeURIComponent('product:动力电池')}`);
      await expect(page.textContent('h1')).resolves.toContain('动力电池');
      const producers = page.locator('#producers a[href^="/enterprises/"]');
      expect(await producers.count()).toBeGreaterThan(0);
      expect(await page.locator('#inputs a[href^="/products/"]').count()).toBeGreaterThan(5);
      await page.waitForSelector('#price-chart-0[data-rendered="true"] canvas');
      await shoot(page, 'product-profile');
      const name = (await producers.first().textContent())!;
      await Promise.all([page.waitForURL(/\/enterprises\//), producers.first().click()]);
      await expect(page.textContent('h1')).resolves.toContain(name);
      for (const section of ['#products', '#suppliers', '#customers'])
        expect(await page.locator(`${section} a[href^="/"]`).count(), section).toBeGreaterThan(0);
      expect(await page.locator('main').textContent()).not.toMatch(/enterprise:D\d|product:/);
      await shoot(page, 'enterprise-profile');
      await context.close();
    });

    it('a citation click opens its source: the passage highlighted in the document, or the record with its line', async () => {
      const context = await browser.newContext({ viewport: DESKTOP });
      const page = await context.newPage();
      await logIn(page, server.url, keys.enterprise, '/portal');
      await page.fill('input[name=q]', '关于新能源汽车的政策有哪些支持措施？');
      await Promise.all([page.waitForURL(/q=/), page.click('#ask button[type=submit]')]);
      const cited = page.locator('.citations a[href^="/documents/"]').first();
      const quote = (await cited.textContent())!;
      await Promise.all([page.waitForURL(/\/documents\/\w+#chunk-\d+$/), cited.click()]);
      await page.waitForSelector('#doc-text[data-highlighted] .seg.hit');
      const highlighted = (await page.locator('.seg.hit').allTextContents()).join('');
      expect(highlighted.replace(/\s+/g, '')).toContain(quote.replace(/\s+/g, '').slice(0, 20));
      const box = (await page.locator('.seg.hit').first().boundingBox())!;
      const inView = box.y >= 0 && box.y + box.height <= DESKTOP.height;
      expect(inView).toBe(true);
      await page.screenshot({ path: join(OUT, 'document-passage.png') });
      copyFileSync(join(OUT, 'document-passage.png'), join(DOCS, 'document-passage.png'));

      await page.goto(`${server.url}/portal?q=${encodeURIComponent('渝星动力的上游供应商有哪些？')}`);
      const record = page.locator('.citations a[href^="/records/edge/"]').first();
      await expect(record.textContent()).resolves.toMatch(/ 供货给 渝星动力$/);
      await expect(page.locator('.citations .cite-source').first().textContent()).resolves.toMatch(
        /示例数据（虚构） · edges\.jsonl 第 \d+ 行/,
      );
      await Promise.all([page.waitForURL(/\/records\/edge\//), record.click()]);
      await expect(page.textContent('.fact-line')).resolves.toMatch(/供货给 渝星动力/);
      await expect(page.textContent('.record-line')).resolves.toMatch(/^第 \d+ 行$/);
      await expect(page.textContent('pre.raw')).resolves.toContain('"type":"SUPPLIES"');
      await shoot(page, 'record');
      await context.close();
    });
  },
);

const shared = sharedDataDir();
if (!shared)
  describe('chain explorer on chainkg', () =>
    it.skip('../shared/data is not there; set IBRAIN_SHARED_DATA', () => {}));

describe.runIf(shared && existsSync(CHROMIUM))('chain explorer on chainkg (chromium)', () => {
  let dataDir: string;
  let engine: Engine;
  let server: RunningServer;
  let browser: Browser;
  let key: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'ibrain-explore-chainkg-'));
    engine = await Engine.open(loadConfig({ env: {}, overrides: { dataDir } }));
    await runGraphImport(engine, 'chainkg', join(shared!, 'chainkg'));
    key = (await engine.state.keys.create({ role: 'analyst' })).key;
    server = await startServer(engine, { host: '127.0.0.1', port: 0 }, { logger: pino({ level: 'silent' }) });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    mkdirSync(OUT, { recursive: true });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await engine?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('expands 轮胎 two tiers upstream by clicking', async () => {
    const context = await browser.newContext({ viewport: DESKTOP });
    const page = await context.newPage();
    await logIn(page, server.url, key);
    await page.goto(`${server.url}/explore?focus=${encodeURIComponent('轮胎')}`);
    await tier(page, -1).first().waitFor();
    const inputs = await tier(page, -1).evaluateAll((els) =>
      els.map((e) => ({ id: e.getAttribute('data-id')!, name: e.textContent! })),
    );
    expect(inputs.map((i) => i.name)).toEqual(expect.arrayContaining(['天然橡胶']));
    // Tier 2 grows from an input that has inputs of its own, found as the page itself would.
    let grown: string | undefined;
    for (const input of inputs) {
      const res = await page.request.get(
        `${server.url}/portal-api/explore/expand?id=${encodeURIComponent(input.id)}&dir=up`,
      );
      if (((await res.json()) as { total: number }).total > 0) {
        grown = input.name;
        break;
      }
    }
    expect(grown, 'an input of 轮胎 with inputs of its own').toBeDefined();
    await clickChartNode(page, grown!);
    await tier(page, -2).first().waitFor();
    await expect(page.textContent('#explore-panel h2')).resolves.toBe(grown);
    expect(await tier(page, -2).count()).toBeGreaterThan(0);
    await shoot(page, 'explore-chainkg');
    await context.close();
  }, 120_000);
});
