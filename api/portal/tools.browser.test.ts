import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS } from '../../engine/briefing/screenshot.js';
import { loadConfig } from '../../engine/config/load.js';
import { Engine } from '../../engine/container.js';
import { loadDemo } from '../../engine/demo.js';
import { demoDataDir, projectRoot } from '../../engine/paths.js';
import { retrievalFor } from '../../engine/retrieval.js';
import { type RunningServer, startServer } from '../server.js';

const CHROMIUM = '/usr/bin/chromium';
const OUT = join(projectRoot(), 'test-output', 'portal');
const DOCS = join(projectRoot(), 'docs', 'screenshots');
/** The screenshots the README shows; the rest stay with the test output. */
const PUBLISHED = new Set([
  'tools-ask-desktop',
  'tools-ask-phone',
  'tools-scenarios-desktop',
  'tools-gaps-desktop',
  'tools-alternatives-desktop',
  'tools-briefings-desktop',
  'tools-upload-desktop',
  'tools-docs-desktop',
]);
const VIEWPORTS = [
  { name: 'desktop', width: 1440, height: 900 },
  { name: 'phone', width: 390, height: 844 },
] as const;

if (!existsSync(CHROMIUM)) {
  process.stderr.write(
    `analyst tools browser test skipped: ${CHROMIUM} is missing (apt-get install -y chromium)\n`,
  );
}

describe.skipIf(!existsSync(CHROMIUM))('analyst tools in Debian chromium', () => {
  let dataDir: string;
  let engine: Engine;
  let server: RunningServer;
  let browser: Browser;
  const keys = { analyst: '', analyst2: '', admin: '', enterprise: '' };
  /** Every request a page tried to send off this machine; each was refused. */
  const external: string[] = [];

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'ibrain-tools-'));
    engine = await Engine.open(loadConfig({ env: {}, overrides: { dataDir } }));
    await loadDemo(engine);
    await (await retrievalFor(engine)).ingestPaths([join(demoDataDir(), 'policies')]);
    const store = engine.state.keys;
    keys.analyst = (await store.create({ role: 'analyst', label: '经信委分析员' })).key;
    keys.analyst2 = (await store.create({ role: 'analyst' })).key;
    keys.admin = (await store.create({ role: 'admin' })).key;
    keys.enterprise = (await store.create({ role: 'enterprise', enterpriseId: 'D0001' })).key;
    server = await startServer(engine, { host: '127.0.0.1', port: 0 }, { logger: pino({ level: 'silent' }) });
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

  async function open(
    viewport: (typeof VIEWPORTS)[number],
  ): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({
      viewport: { width: viewport.width, height: viewport.height },
      locale: 'zh-CN',
      acceptDownloads: true,
    });
    const origin = new URL(server.url).origin;
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith(origin) || url.startsWith('data:') || url.startsWith('blob:'))
        return route.continue();
      external.push(url);
      return route.abort();
    });
    return { context, page: await context.newPage() };
  }

  async function logIn(page: Page, key: string, next: string): Promise<void> {
    await page.goto(`${server.url}/login?next=${encodeURIComponent(next)}`);
    await page.fill('#key', key);
    await Promise.all([
      page.waitForURL((url) => url.pathname === next.split('?')[0]),
      page.click('button[type=submit]'),
    ]);
  }

  async function shoot(page: Page, name: string, fullPage = true): Promise<void> {
    const path = join(OUT, `${name}.png`);
    await page.screenshot({ path, fullPage });
    if (PUBLISHED.has(name)) copyFileSync(path, join(DOCS, `${name}.png`));
  }

  async function fitsWidth(page: Page, width: number): Promise<void> {
    const scroll = await page.evaluate('document.documentElement.scrollWidth');
    expect(scroll, `page is ${scroll}px wide at ${width}px`).toBeLessThanOrEqual(width);
  }

  /** Types into a name picker and picks the suggestion whose name is exactly `name`. */
  async function pick(page: Page, field: string, typed: string, name: string): Promise<void> {
    await page.fill(`#pick-${field}`, typed);
    const option = page
      .locator(`#pick-${field}-list [role=option]`)
      .filter({ has: page.locator('.name', { hasText: new RegExp(`^${name}$`) }) })
      .first();
    await option.waitFor();
    await option.click();
    await expect(page.inputValue(`input[type=hidden][name=${field}]`)).resolves.toMatch(/^[a-z]+:/);
    await expect(page.inputValue(`#pick-${field}`)).resolves.toBe(name);
  }

  for (const viewport of VIEWPORTS) {
    it(`answers on /ask exactly as POST /v1/ask does (${viewport.width}px)`, async () => {
      const { context, page } = await open(viewport);
      await logIn(page, keys.analyst, '/ask');
      const question = '动力电池的上游原料有哪些？';
      await page.fill('.ask-input', question);
      await Promise.all([page.waitForURL(/q=/), page.click('#ask-panel button[type=submit]')]);
      const shown = await page.textContent('.ask-answer');
      const api = await page.request.post(`${server.url}/v1/ask`, {
        headers: { Authorization: `Bearer ${keys.analyst}`, 'Content-Type': 'application/json' },
        data: { question },
      });
      expect(api.status()).toBe(200);
      const body = (await api.json()) as { answer: string; citations: unknown[] };
      expect(body.answer.length).toBeGreaterThan(10);
      expect(shown).toBe(body.answer);
      expect(await page.locator('.ask-citations li').count()).toBe(body.citations.length);
      expect(await page.locator('.ask-citations a.cite-open').count()).toBeGreaterThan(0);
      expect(await page.locator('details.trace').getAttribute('open')).toBeNull();
      if (viewport.width === 390) await fitsWidth(page, 390);
      await shoot(page, `tools-ask-${viewport.name}`);
      await context.close();
    });

    it(`runs a price shock picked by name and ranks the impacts (${viewport.width}px)`, async () => {
      const { context, page } = await open(viewport);
      await logIn(page, keys.analyst, '/scenarios');
      await page.selectOption('#kind0', 'price');
      await pick(page, 'target0', '碳酸', '碳酸锂');
      await page.fill('#pct0', '30');
      await Promise.all([page.waitForURL(/run=1/), page.click('#scenario-form button[type=submit]')]);
      const rows = page.locator('#scenario-products tbody tr');
      expect(await rows.count()).toBeGreaterThan(3);
      const impacts = await rows.evaluateAll((trs) =>
        trs.map((tr) => Number(tr.getAttribute('data-impact'))),
      );
      expect(impacts).toEqual([...impacts].sort((a, b) => b - a));
      const paths = await page.locator('#scenario-products tbody .path').allTextContents();
      expect(paths.every((p) => p.startsWith('碳酸锂'))).toBe(true);
      expect(paths.some((p) => / → .+ → /.test(p))).toBe(true);
      expect(await page.locator('#scenario-enterprises tbody tr').count()).toBeGreaterThan(0);
      await expect(page.textContent('main')).resolves.not.toMatch(/product:|enterprise:/);
      if (viewport.width === 390) await fitsWidth(page, 390);
      await shoot(page, `tools-scenarios-${viewport.name}`);
      await page
        .locator('#scenario-products')
        .screenshot({ path: join(OUT, `tools-scenarios-table-${viewport.name}.png`) });
      await page.goto(`${page.url()}&lang=en`);
      await expect(page.textContent('#scenario-products h2')).resolves.toBe('Products affected (by impact)');
      await expect(page.textContent('.shock-list')).resolves.toContain('Product price change: 碳酸锂 30%');
      if (viewport.width === 390) await fitsWidth(page, 390);
      await shoot(page, `tools-scenarios-en-${viewport.name}`);
      await context.close();
    });

    it(`finds a region's chain gaps and exports them to a workbook (${viewport.width}px)`, async () => {
      const { context, page } = await open(viewport);
      await logIn(page, keys.analyst, '/gaps');
      await pick(page, 'region', '重庆', '重庆市');
      await pick(page, 'chain', '新能源', '新能源汽车');
      await page.fill('#gaps-tiers', '2');
      await Promise.all([page.waitForURL(/region=/), page.click('#gaps-form button[type=submit]')]);
      const rows = page.locator('#gaps-result tbody tr');
      expect(await rows.count()).toBeGreaterThan(0);
      const shownCandidates = await page.locator('#gaps-result .candidates li a').allTextContents();
      expect(shownCandidates.length).toBeGreaterThan(0);
      if (viewport.width === 390) await fitsWidth(page, 390);
      await shoot(page, `tools-gaps-${viewport.name}`);

      const [download] = await Promise.all([page.waitForEvent('download'), page.click('#gaps-export')]);
      expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
      const saved = join(OUT, `tools-gaps-${viewport.name}.xlsx`);
      await download.saveAs(saved);
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(readFileSync(saved) as unknown as ArrayBuffer);
      const sheet = book.worksheets[0]!;
      expect(sheet.name).toBe('补链清单');
      expect(sheet.getRow(2).getCell(6).value).toBe('候选招商企业');
      const inSheet = new Set<string>();
      sheet.eachRow((row, n) => {
        if (n > 2 && typeof row.getCell(6).value === 'string') inSheet.add(row.getCell(6).value as string);
      });
      for (const name of shownCandidates) expect(inSheet).toContain(name);

      const href = (await page.getAttribute('#gaps-export', 'href'))!;
      const file = await page.request.get(`${server.url}${href}`);
      expect(file.headers()['content-type']).toBe(
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      );
      expect(file.headers()['content-disposition']).toMatch(
        /^attachment; filename="chain-gaps\.xlsx"; filename\*=UTF-8''/,
      );
      await context.close();
    });

    it(`lists alternative suppliers for a product and a buyer (${viewport.width}px)`, async () => {
      const { context, page } = await open(viewport);
      await logIn(page, keys.analyst, '/alternatives');
      await pick(page, 'product', '隔膜', '隔膜');
      await pick(page, 'buyer', '渝星', '渝星动力');
      await Promise.all([page.waitForURL(/product=/), page.click('#alternatives-form button[type=submit]')]);
      await expect(page.textContent('#alternatives-result h2')).resolves.toContain('渝星动力');
      expect(await page.locator('#alternatives-result tbody tr').count()).toBeGreaterThan(0);
      if (viewport.width === 390) await fitsWidth(page, 390);
      await shoot(page, `tools-alternatives-${viewport.name}`);
      await context.close();
    });
  }

  it('requests a briefing by picking its scope, and keeps it in the history on the server', async () => {
    const { context, page } = await open(VIEWPORTS[0]);
    await logIn(page, keys.analyst, '/briefings');
    await pick(page, 'scope', '动力', '动力电池');
    await Promise.all([
      page.waitForURL((url) => url.pathname === '/briefings'),
      page.click('#briefing-request button[type=submit]'),
    ]);
    const row = page.locator('#briefing-history tbody tr').first();
    await expect(row.locator('td').first().textContent()).resolves.toContain('动力电池');
    await page
      .locator('#briefing-history tr[data-state="completed"] .job-downloads a')
      .first()
      .waitFor({ timeout: 240_000 });
    const links = await row
      .locator('.job-downloads a')
      .evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(links).toHaveLength(3);
    const docx = await page.request.get(`${server.url}${links.find((l) => l?.endsWith('docx'))}`);
    expect(docx.status()).toBe(200);
    expect(docx.headers()['content-type']).toMatch(/wordprocessingml/);
    await shoot(page, 'tools-briefings-desktop');
    // Kept on the server: a fresh browser of the same user sees it, another analyst does not, an admin does.
    await context.close();
    for (const [key, sees] of [
      [keys.analyst, true],
      [keys.analyst2, false],
      [keys.admin, true],
    ] as const) {
      const phone = await open(VIEWPORTS[1]);
      await logIn(phone.page, key, '/briefings');
      const text = (await phone.page.textContent('#briefing-history-card')) ?? '';
      if (sees) expect(text).toContain('动力电池');
      else expect(await phone.page.locator('#briefing-history').count()).toBe(0);
      await fitsWidth(phone.page, 390);
      if (key === keys.admin) {
        await expect(phone.page.textContent('#briefing-history')).resolves.toContain('经信委分析员');
        await shoot(phone.page, 'tools-briefings-phone');
      }
      await phone.context.close();
    }
  }, 300_000);

  it('uploads documents for an enterprise: indexed, searchable by it, private to it, errors in Chinese', async () => {
    const marker = '钒液流储能示范线';
    const dir = mkdtempSync(join(tmpdir(), 'ibrain-upload-'));
    const good = join(dir, '储能项目说明.md');
    writeFileSync(good, `# ${marker}建设说明\n\n渝星动力计划在两江新区建设${marker}，年产储能系统 2 GWh。\n`);
    const bad = join(dir, '报表.csv');
    writeFileSync(bad, 'a,b\n1,2\n');
    let docId = '';
    for (const viewport of VIEWPORTS) {
      const { context, page } = await open(viewport);
      await logIn(page, keys.enterprise, '/upload');
      await expect(page.textContent('#upload-private')).resolves.toContain('仅渝星动力可见');
      await page.setInputFiles('#upload-files', [good, bad]);
      await page.click('#upload-form button[type=submit]');
      await page.waitForSelector('#upload-form[data-done]');
      const items = page.locator('#upload-results li');
      await expect(items.nth(0).getAttribute('data-state')).resolves.toMatch(
        viewport.width === 1440 ? /^added$/ : /^(unchanged|duplicate)$/,
      );
      docId ||= (await items.nth(0).getAttribute('data-doc')) ?? '';
      await expect(items.nth(1).textContent()).resolves.toContain('不支持的文件类型');
      if (viewport.width === 390) await fitsWidth(page, 390);
      await shoot(page, `tools-upload-${viewport.name}`);
      await context.close();
    }
    expect(docId).not.toBe('');
    const found = async (key: string) => {
      const res = await fetch(`${server.url}/v1/search?q=${encodeURIComponent(marker)}&k=5`, {
        headers: { Authorization: `Bearer ${key}` },
      });
      const body = (await res.json()) as { hits: Array<{ docId: string; text: string }> };
      return body.hits.filter((h) => h.docId === docId);
    };
    const own = await found(keys.enterprise);
    expect(own.length).toBeGreaterThan(0);
    expect(own[0]!.text).toContain(marker);
    await expect(found(keys.analyst)).resolves.toEqual([]);
    rmSync(dir, { recursive: true, force: true });
  });

  for (const viewport of VIEWPORTS) {
    it(`serves Swagger UI on /docs from this server, try-it-out included (${viewport.width}px)`, async () => {
      const before = external.length;
      const { context, page } = await open(viewport);
      const requested: string[] = [];
      page.on('request', (r) => requested.push(r.url()));
      await page.goto(`${server.url}/docs`);
      await page.waitForSelector('#swagger-ui[data-ready="true"] .opblock');
      expect(requested.some((u) => u.endsWith('/assets/tools/swagger-ui-bundle.js'))).toBe(true);
      await page.click('button.authorize');
      await page.fill('.modal-ux input[type=text], .modal-ux input[type=password]', keys.analyst);
      await page.click('.modal-ux button.authorize');
      await page.click('.modal-ux button.close-modal');
      const op = page.locator('#operations-documents-get_v1_documents');
      await op.locator('.opblock-summary').click();
      await op.locator('button.try-out__btn').click();
      await op.locator('button.execute').click();
      await expect(
        op.locator('.live-responses-table tbody .response-col_status').first().textContent(),
      ).resolves.toContain('200');
      if (viewport.width === 390) await fitsWidth(page, 390);
      await op.screenshot({ path: join(OUT, `tools-docs-try-${viewport.name}.png`) });
      await page.evaluate('window.scrollTo(0, 0)');
      await shoot(page, `tools-docs-${viewport.name}`, false);
      await context.close();
      expect(external.slice(before)).toEqual([]);
    });
  }
});
